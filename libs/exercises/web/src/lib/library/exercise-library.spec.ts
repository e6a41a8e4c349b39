import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { ExerciseSummary } from '@mend/shared/contracts';
import { ExerciseLibrary, groupByStage } from './exercise-library';

const summary = (changes: Partial<ExerciseSummary>): ExerciseSummary => ({
  id: 'x',
  title: 'Exercise',
  stage: 'acknowledge',
  audience: 'each_member',
  recurrence: 'once',
  builtIn: true,
  summaryLine: '',
  isMeasure: false,
  status: 'active',
  version: 1,
  owner: null,
  basedOn: null,
  ...changes,
});

const ITEMS = [
  summary({
    id: 'a',
    title: 'Trust thermometer',
    stage: 'time',
    recurrence: 'weekly',
    summaryLine: 'A quick weekly reading of trust and safety from 0 to 10.',
  }),
  summary({ id: 'b', title: 'Naming the hurt', stage: 'acknowledge' }),
  summary({
    id: 'c',
    title: 'Our thermometer',
    stage: 'time',
    builtIn: false,
    owner: { id: 'maya', displayName: 'Maya Okafor' },
    basedOn: { id: 'a', title: 'Trust thermometer' },
  }),
  summary({
    id: 'd',
    title: 'Omar’s check-in',
    stage: 'time',
    builtIn: false,
    status: 'archived',
    owner: { id: 'omar', displayName: 'Omar Haddad' },
  }),
];

describe('groupByStage', () => {
  it('follows the path of repair, leaving out empty stages', () => {
    expect(groupByStage(ITEMS).map((g) => [g.label, g.items.map((e) => e.id)])).toEqual([
      ['1 · Acknowledge the hurt', ['b']],
      ['8 · Time and patience', ['a', 'c', 'd']],
    ]);
  });

  it('shows measures on their own, after the stages, whatever their stage', () => {
    const phq9 = summary({ id: 'm', title: 'PHQ-9', isMeasure: true, recurrence: 'fortnightly' });
    expect(
      groupByStage([phq9, ...ITEMS]).map((g) => [g.stage, g.label, g.items.map((e) => e.id)]),
    ).toEqual([
      ['acknowledge', '1 · Acknowledge the hurt', ['b']],
      ['time', '8 · Time and patience', ['a', 'c', 'd']],
      ['measure', 'Measures', ['m']],
    ]);
  });
});

describe('ExerciseLibrary', () => {
  async function render(params: Record<string, string> = {}, items = ITEMS) {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: AuthStore,
          useValue: { me: signal({ id: 'maya', clinic: { name: 'Harbor Counseling' } }) },
        },
      ],
    });
    const fixture = TestBed.createComponent(ExerciseLibrary);
    for (const [key, value] of Object.entries(params)) fixture.componentRef.setInput(key, value);
    await fixture.whenStable();
    const request = TestBed.inject(HttpTestingController).expectOne(
      (r) => r.url === '/api/exercises',
    );
    request.flush({ items, total: items.length, page: 1, pageSize: 50 });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    return { element: fixture.nativeElement as HTMLElement, params: request.request.params };
  }

  it('asks for the filters in the address', async () => {
    const { params } = await render({ stage: 'time', mine: 'true', status: 'all', q: ' thermo ' });
    expect(params.get('stage')).toBe('time');
    expect(params.get('mine')).toBe('true');
    expect(params.get('status')).toBe('all');
    expect(params.get('q')).toBe('thermo');
    expect(params.get('pageSize')).toBe('50');
  });

  it('ignores filters it does not know', async () => {
    const { params } = await render({ stage: 'nine', status: 'deleted' });
    expect(params.has('stage')).toBe(false);
    expect(params.get('status')).toBe('active');
  });

  it('shows each exercise under its stage, with who it is for and who wrote it', async () => {
    const { element } = await render();
    expect(Array.from(element.querySelectorAll('h2')).map((h) => h.textContent?.trim())).toEqual([
      '1 · Acknowledge the hurt',
      '8 · Time and patience',
    ]);
    const cards = Array.from(element.querySelectorAll('[data-testid="exercise-card"]'));
    expect(cards.map((c) => c.querySelector('a')?.getAttribute('href'))).toEqual([
      '/exercises/b',
      '/exercises/a',
      '/exercises/c',
      '/exercises/d',
    ]);
    expect(cards[1].textContent).toContain('For each member · weekly');
    // What the exercise asks, in one line under its title.
    expect(cards[1].querySelector('[data-testid="exercise-summary"]')?.textContent?.trim()).toBe(
      'A quick weekly reading of trust and safety from 0 to 10.',
    );
    expect(cards[0].querySelector('[data-testid="exercise-summary"]')).toBeNull();
    expect(cards[1].textContent).toContain('Built-in');
    expect(cards[2].textContent).toContain('By you');
    expect(cards[2].textContent).toContain('Adapted from Trust thermometer');
    expect(cards[3].textContent).toContain('By Omar Haddad');
    expect(cards[3].textContent).toContain('Archived');
  });

  it('labels a measure as such, with its fortnightly rhythm', async () => {
    const { element } = await render({}, [
      summary({ id: 'm', title: 'GAD-7', isMeasure: true, recurrence: 'fortnightly' }),
    ]);
    expect(element.querySelector('h2')?.textContent?.trim()).toBe('Measures');
    const card = element.querySelector('[data-testid="exercise-card"]');
    expect(card?.querySelector('[data-testid="exercise-measure"]')?.textContent).toContain(
      'Measure',
    );
    expect(card?.textContent).toContain('For each member · every 2 weeks');
  });
});
