import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import type { ExerciseDetail } from '@mend/shared/contracts';
import { ExerciseView } from './exercise-view';

const detail = (changes: Partial<ExerciseDetail> = {}): ExerciseDetail => ({
  id: 'e1',
  title: 'Trust thermometer',
  stage: 'time',
  audience: 'each_member',
  recurrence: 'weekly',
  instructions: 'Once a week, notice how much you trust.',
  summary: null,
  summaryLine: 'Once a week, notice how much you trust.',
  fields: [
    { key: 'trust', type: 'scale', label: 'How much do you trust your partner?', required: true },
  ],
  builtIn: true,
  isMeasure: false,
  status: 'active',
  version: 1,
  owner: null,
  basedOn: null,
  editable: false,
  ...changes,
});

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(answer: ExerciseDetail, version?: string) {
  TestBed.configureTestingModule({
    providers: [
      provideRouter([]),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: AuthStore, useValue: { me: signal({ id: 'maya' }) } },
    ],
  });
  const fixture = TestBed.createComponent(ExerciseView);
  fixture.componentRef.setInput('id', answer.id);
  if (version) fixture.componentRef.setInput('version', version);
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  await fixture.whenStable();
  http.expectOne(`/api/exercises/${answer.id}`).flush(answer);
  await settle(fixture);
  const element = fixture.nativeElement as HTMLElement;
  const $ = (testId: string) => element.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  return { fixture, http, navigate, element, $ };
}

describe('ExerciseView', () => {
  it('lets any counselor copy a built-in, but not edit or archive it', async () => {
    const { $, http, navigate, fixture } = await render(detail());
    expect($('exercise-preview')?.textContent).toContain('How much do you trust your partner?');
    expect($('exercise-instructions')?.textContent).toContain('Once a week');
    expect($('exercise-edit')).toBeNull();
    expect($('exercise-archive')).toBeNull();
    $('exercise-copy')?.click();
    await fixture.whenStable();
    http
      .expectOne({ method: 'POST', url: '/api/exercises/e1/copy' })
      .flush(detail({ id: 'copy1', title: 'Trust thermometer (copy)', editable: true }));
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/exercises', 'copy1', 'edit']);
  });

  it('gives the author edit and archive', async () => {
    const { $ } = await render(
      detail({ builtIn: false, editable: true, owner: { id: 'maya', displayName: 'Maya' } }),
    );
    expect($('exercise-edit')?.getAttribute('href')).toBe('/exercises/e1/edit');
    expect($('exercise-archive')).not.toBeNull();
    expect($('exercise-restore')).toBeNull();
  });

  it('shows an earlier version when asked, with the way back to the current one', async () => {
    const current = detail({ version: 3, title: 'Trust thermometer' });
    TestBed.resetTestingModule();
    const { http, $, fixture } = await render(current, '1');
    http
      .expectOne('/api/exercises/e1/versions/1')
      .flush(detail({ version: 1, instructions: 'The first wording.' }));
    await settle(fixture);
    expect($('exercise-older-version')?.textContent).toContain('version 1');
    expect($('exercise-instructions')?.textContent).toContain('The first wording.');
    expect($('exercise-version')).not.toBeNull();
  });

  it('shows a measure as a measure, with its scoring and its source under the preview', async () => {
    const { $, element } = await render(
      detail({
        title: 'Mend relationship check',
        isMeasure: true,
        recurrence: 'fortnightly',
        measure: {
          method: 'sum',
          items: ['trust'],
          bands: [
            { min: 0, max: 4, label: 'Low', severity: 'moderate' },
            { min: 5, max: 10, label: 'High', severity: 'none' },
          ],
          attribution: 'Mend’s own short check. Not a validated scale.',
          validated: false,
        },
      }),
    );
    expect($('exercise-measure')?.textContent).toContain('Measure');
    expect(element.querySelector('.chip.stage')).toBeNull();
    expect(element.textContent).not.toContain('Stage of repair');
    expect(element.textContent).toContain('Measure, not a validated scale');
    expect(element.textContent).toContain('Every 2 weeks');
    expect($('exercise-scoring')?.textContent).toContain('The sum of 1 answer');
    expect($('exercise-scoring')?.textContent).toContain('5–10: High');
    expect($('measure-attribution')?.textContent).toContain('Mend’s own short check.');
  });
});
