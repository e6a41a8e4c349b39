import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { GapFlag } from '@mend/shared/contracts';
import { flagsByCase, GapFlags, NeedsALook } from './gap-flags';

const FLAGS: GapFlag[] = [
  {
    caseId: 'c1',
    kind: 'gap',
    label: 'Trust thermometer · How much I trust my partner today',
    detail: 'Sam Rivera 8, Alex Rivera 3: 5 points apart.',
  },
  {
    caseId: 'c2',
    kind: 'drop',
    label: 'Trust thermometer · How safe I feel',
    detail: 'Riley Chen: from 7 to 3.',
  },
  {
    caseId: 'c1',
    kind: 'drop',
    label: 'Trust thermometer · How safe I feel',
    detail: 'Alex Rivera: from 8 to 4.',
  },
];

describe('flagsByCase', () => {
  it('groups the flags by case, in the order the server gave them', () => {
    const groups = flagsByCase(FLAGS, { c1: 'Sam & Alex' });
    expect(groups.map((g) => [g.caseTitle, g.flags.length])).toEqual([
      ['Sam & Alex', 2],
      ['A case', 1],
    ]);
  });
});

describe('GapFlags', () => {
  it('lists a case’s flags, and nothing when there are none', async () => {
    const fixture = TestBed.createComponent(GapFlags);
    fixture.componentRef.setInput('flags', FLAGS.slice(0, 1));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Needs a look');
    expect(element.querySelector('[data-testid="gap-flag"]')?.textContent).toContain(
      'Sam Rivera 8, Alex Rivera 3: 5 points apart.',
    );

    fixture.componentRef.setInput('flags', []);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="gap-flags"]')).toBeNull();
  });
});

describe('NeedsALook', () => {
  async function render(flags: GapFlag[]) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(NeedsALook);
    await fixture.whenStable();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/progress/flags').flush(flags);
    await new Promise((resolve) => setTimeout(resolve));
    return { element: fixture.nativeElement as HTMLElement, http, fixture };
  }

  it('links each flagged case to its progress', async () => {
    const { element, http, fixture } = await render(FLAGS);
    http
      .expectOne((r) => r.url === '/api/cases' && r.params.get('status') === 'open')
      .flush({
        items: [
          { id: 'c1', title: 'Sam & Alex' },
          { id: 'c2', title: 'Jordan & Riley' },
        ],
        total: 2,
        page: 1,
        pageSize: 100,
      });
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const cases = Array.from(element.querySelectorAll('[data-testid="needs-a-look-case"]'));
    expect(cases.map((c) => c.querySelector('a')?.getAttribute('href'))).toEqual([
      '/cases/c1?tab=progress',
      '/cases/c2?tab=progress',
    ]);
    expect(cases[0].textContent).toContain('Sam & Alex');
    expect(cases[0].querySelectorAll('[data-testid="gap-flag"]')).toHaveLength(2);
    http.verify();
  });

  it('shows nothing, and asks for no cases, when nothing is flagged', async () => {
    const { element, http, fixture } = await render([]);
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="needs-a-look"]')).toBeNull();
    http.verify();
  });
});
