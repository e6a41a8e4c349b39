import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { FormGroup } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { ExerciseSummary } from '@mend/shared/contracts';
import { AssignExercise, type AssignExerciseData } from './assign-exercise';

const exercise = (patch: Partial<ExerciseSummary>): ExerciseSummary => ({
  id: 'e1',
  title: 'Accountability letter',
  stage: 'responsibility',
  audience: 'broke_trust',
  recurrence: 'once',
  builtIn: true,
  summaryLine: '',
  isMeasure: false,
  status: 'active',
  version: 1,
  owner: null,
  basedOn: null,
  ...patch,
});

const LIBRARY = [
  exercise({ id: 'agreements', title: 'Our agreements', stage: 'agreements' }),
  exercise({
    id: 'phq9',
    title: 'PHQ-9 · Patient Health Questionnaire',
    stage: 'acknowledge',
    audience: 'each_member',
    isMeasure: true,
    recurrence: 'fortnightly',
  }),
];

const DATA: AssignExerciseData = {
  caseId: 'c1',
  members: [
    { userId: 'sam', displayName: 'Sam', label: 'broke_trust' },
    { userId: 'alex', displayName: 'Alex', label: 'was_hurt' },
  ],
};

async function render() {
  const close = jest.fn();
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      provideNoopAnimations(),
      { provide: MatDialogRef, useValue: { close } },
      { provide: MAT_DIALOG_DATA, useValue: DATA },
    ],
  });
  const fixture = TestBed.createComponent(AssignExercise);
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  http
    .expectOne((r) => r.url === '/api/exercises')
    .flush({ items: LIBRARY, total: 2, page: 1, pageSize: 100 });
  await settle(fixture);
  const form = (fixture.componentInstance as unknown as { form: FormGroup }).form;
  return { element: fixture.nativeElement as HTMLElement, http, fixture, form, close };
}

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('AssignExercise', () => {
  it('offers every 2 weeks among the ways of repeating', async () => {
    const { element } = await render();
    const choices = Array.from(element.querySelectorAll('mat-button-toggle')).map((t) =>
      t.textContent?.trim(),
    );
    expect(choices).toEqual(['Once', 'Daily', 'Weekly', 'Every 2 weeks']);
  });

  it('sets a measure to every 2 weeks for about three months, and calls it a measure', async () => {
    const { element, fixture, form } = await render();
    form.patchValue({ dueOn: new Date(2026, 4, 12) });
    form.controls['exerciseId'].setValue('phq9');
    await settle(fixture);
    expect(form.controls['recurrence'].value).toBe('fortnightly');
    expect(form.controls['until'].value).toEqual(new Date(2026, 7, 4));
    expect(element.querySelector('[data-testid="assign-chosen"]')?.textContent).toContain(
      'Measure',
    );
  });

  it('asks before assigning an exercise from a later stage, then sends it confirmed', async () => {
    const { element, http, fixture, form, close } = await render();
    form.controls['exerciseId'].setValue('agreements');
    await settle(fixture);
    element.querySelector<HTMLButtonElement>('[data-testid="assign-confirm"]')?.click();
    const first = http.expectOne('/api/cases/c1/assignments');
    expect(first.request.body.confirmLaterStage).toBeUndefined();
    first.flush(
      {
        statusCode: 409,
        error: 'Conflict',
        message: 'This exercise belongs to 6 · Clear agreements, later than where the case is now.',
        code: 'later_stage',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    const dialog = document.querySelector('mend-confirm-dialog');
    expect(dialog?.textContent).toContain('This exercise belongs to 6 · Clear agreements');
    expect(element.querySelector('[role="alert"]')).toBeNull();
    const confirm = document.querySelector<HTMLButtonElement>('[data-testid="confirm"]');
    expect(confirm?.textContent?.trim()).toBe('Assign anyway');
    confirm?.click();
    const second = http.expectOne('/api/cases/c1/assignments');
    expect(second.request.body).toMatchObject({
      exerciseId: 'agreements',
      target: 'member',
      memberId: 'sam',
      confirmLaterStage: true,
    });
    const saved = { id: 'a1', exercise: { title: 'Our agreements' } };
    second.flush(saved);
    await settle(fixture);
    expect(close).toHaveBeenCalledWith(saved);
  });
});
