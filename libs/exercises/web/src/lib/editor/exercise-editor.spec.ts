import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { ExerciseDetail, SaveExerciseRequest } from '@mend/shared/contracts';
import { ExerciseEditor } from './exercise-editor';

const detail = (changes: Partial<ExerciseDetail> = {}): ExerciseDetail => ({
  id: 'e1',
  title: 'Trust thermometer (copy)',
  summary: null,
  summaryLine: 'Check in with yourself once a week.',
  stage: 'time',
  audience: 'each_member',
  recurrence: 'weekly',
  instructions: 'Check in with yourself once a week.',
  fields: [
    {
      key: 'trust',
      type: 'scale',
      label: 'How much do you trust your partner today?',
      required: true,
      minLabel: 'Not at all',
      maxLabel: 'Completely',
    },
  ],
  builtIn: false,
  isMeasure: false,
  status: 'active',
  version: 2,
  owner: { id: 'maya', displayName: 'Maya Okafor' },
  basedOn: null,
  editable: true,
  ...changes,
});

async function settle(fixture: ComponentFixture<unknown>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

async function render(id?: string) {
  TestBed.configureTestingModule({
    providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
  });
  const fixture = TestBed.createComponent(ExerciseEditor);
  if (id) fixture.componentRef.setInput('id', id);
  const http = TestBed.inject(HttpTestingController);
  const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const $ = <T extends Element = HTMLElement>(testId: string) =>
    element.querySelector(`[data-testid="${testId}"]`) as T | null;
  const type = async (input: Element | null, value: string) => {
    (input as HTMLInputElement).value = value;
    input?.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const save = async () => {
    ($('exercise-save') as HTMLButtonElement).click();
    await settle(fixture);
  };
  return { fixture, http, navigate, element, $, type, save };
}

// The first test compiles the whole builder (JIT), which takes seconds on a busy machine.
jest.setTimeout(15_000);

describe('ExerciseEditor', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('makes keys from the wording and posts a new exercise', async () => {
    const { http, navigate, $, type, save, fixture } = await render();
    await type($('exercise-title'), 'Evening check-in');
    await type($('exercise-instructions'), 'Two minutes before bed.');
    await type($('field-label'), 'What went well today?');
    await save();
    const request = http.expectOne({ method: 'POST', url: '/api/exercises' });
    expect(request.request.body).toEqual({
      title: 'Evening check-in',
      summary: null,
      stage: 'acknowledge',
      audience: 'each_member',
      recurrence: 'once',
      instructions: 'Two minutes before bed.',
      fields: [
        {
          key: 'what_went_well_today',
          type: 'long_text',
          label: 'What went well today?',
          required: true,
        },
      ],
      measure: null,
    } satisfies SaveExerciseRequest);
    request.flush(detail({ id: 'new1', version: 1 }), { status: 201, statusText: 'Created' });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith(['/exercises', 'new1']);
  });

  it('does not send a form the rules refuse, and marks each problem', async () => {
    const { http, element, $, save } = await render();
    await save();
    http.expectNone('/api/exercises');
    expect(element.textContent).toContain('Some parts need attention');
    expect($('field-editor')?.textContent).toContain('Write the question.');
  });

  it('shows the server’s reasons beside the question they name', async () => {
    const { http, $, type, save, fixture } = await render();
    await type($('exercise-title'), 'Check-in');
    await type($('exercise-instructions'), 'Do it.');
    await type($('field-label'), 'How was it?');
    await save();
    http.expectOne('/api/exercises').flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Please check the exercise.',
        fields: [
          { field: 'fields.0.label', reasons: ['Ask one thing at a time.'] },
          { field: 'title', reasons: ['Another exercise has this title.'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect($('field-editor')?.textContent).toContain('Ask one thing at a time.');
    expect(fixture.nativeElement.textContent).toContain('Another exercise has this title.');
  });

  it('saves an edit with the version it read, and keeps the edits when someone saved meanwhile', async () => {
    const { http, navigate, element, $, type, save, fixture } = await render('e1');
    http.expectOne('/api/exercises/e1').flush(detail());
    await settle(fixture);
    expect(($('exercise-title') as HTMLInputElement).value).toBe('Trust thermometer (copy)');
    await type($('exercise-title'), 'Our thermometer');
    await type($('field-label'), 'How much do you trust your partner this week?');
    await save();
    const put = http.expectOne({ method: 'PUT', url: '/api/exercises/e1' });
    expect(put.request.body.version).toBe(2);
    // A saved question keeps its key when its wording changes.
    expect(put.request.body.fields[0].key).toBe('trust');
    put.flush(
      { statusCode: 409, error: 'Conflict', message: 'Someone saved this exercise meanwhile.' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect($('exercise-conflict')).not.toBeNull();
    expect(($('exercise-title') as HTMLInputElement).value).toBe('Our thermometer');
    expect(($('exercise-save') as HTMLButtonElement).disabled).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Load the latest version');
  });

  it('offers a copy instead of the builder for an exercise the counselor may not edit', async () => {
    const { http, $, fixture } = await render('b1');
    http
      .expectOne('/api/exercises/b1')
      .flush(detail({ id: 'b1', builtIn: true, editable: false, owner: null }));
    await settle(fixture);
    expect($('exercise-not-editable')?.textContent).toContain(
      'Built-in exercises stay as they are',
    );
    expect($('exercise-save')).toBeNull();
  });

  async function chooseType(
    fixture: ComponentFixture<unknown>,
    select: HTMLElement | null,
    label: string,
  ) {
    (select as HTMLElement).click();
    await fixture.whenStable();
    const option = Array.from(document.querySelectorAll('mat-option')).find((o) =>
      o.textContent?.includes(label),
    ) as HTMLElement;
    option.click();
    await fixture.whenStable();
  }

  it('shows the choices in the counselor’s words only; what answers store is made from them', async () => {
    const { element, $, type, fixture } = await render();
    await chooseType(fixture, $('field-type'), 'Single choice');
    const labels = element.querySelectorAll('[data-testid="option-label"]');
    expect(labels).toHaveLength(2);
    await type(labels[0], 'Yes, fully');
    await type(labels[1], 'Not yet');
    // Never an internal key on screen, nor a way to edit one.
    expect(element.textContent).not.toContain('Saved as');
    expect(element.textContent).not.toContain('yes_fully');
    expect($('option-value')).toBeNull();
    expect($('option-value-edit')).toBeNull();
    const component = fixture.componentInstance as unknown as {
      request(): SaveExerciseRequest;
    };
    expect(component.request().fields[0].options).toEqual([
      { value: 'yes_fully', label: 'Yes, fully' },
      { value: 'not_yet', label: 'Not yet' },
    ]);
    // A new choice follows its wording; two choices worded alike still store apart.
    await type(labels[0], 'Not yet');
    expect(component.request().fields[0].options?.map((o) => o.value)).toEqual([
      'not_yet_2',
      'not_yet',
    ]);
  });

  it('keeps what a saved choice stores when its wording changes', async () => {
    const { http, element, type, fixture } = await render('e1');
    http.expectOne('/api/exercises/e1').flush(
      detail({
        fields: [
          {
            key: 'willing',
            type: 'single_choice',
            label: 'Willing?',
            required: true,
            options: [
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ],
          },
        ],
      }),
    );
    await settle(fixture);
    await type(element.querySelectorAll('[data-testid="option-label"]')[0], 'Yes, fully');
    expect(element.textContent).not.toContain('Saved as');
    const component = fixture.componentInstance as unknown as {
      request(): SaveExerciseRequest;
    };
    expect(component.request().fields[0].options).toEqual([
      { value: 'yes', label: 'Yes, fully' },
      { value: 'no', label: 'No' },
    ]);
  });

  it('sends a one-line summary, and says what the card shows without one', async () => {
    const { http, $, type, save, fixture } = await render();
    await type($('exercise-title'), 'Evening check-in');
    await type($('exercise-instructions'), 'Two minutes before bed. Write what went well.');
    await type($('field-label'), 'What went well today?');
    expect($('exercise-summary-hint')?.textContent).toContain(
      'Left empty, the card shows: “Two minutes before bed.”',
    );
    await type($('exercise-summary'), '  Notice one good thing each evening. ');
    expect($('exercise-summary-hint')?.textContent).not.toContain('Left empty');
    await save();
    const request = http.expectOne({ method: 'POST', url: '/api/exercises' });
    expect(request.request.body.summary).toBe('Notice one good thing each evening.');
    request.flush(detail({ id: 'new1', version: 1 }), { status: 201, statusText: 'Created' });
    await settle(fixture);
  });

  it('offers a member question, and says it is meant for exercises done together', async () => {
    const { element, $, fixture } = await render();
    await chooseType(fixture, $('field-type'), 'Member of the case');
    expect($('field-member-note')?.textContent).toContain('one of the people in their case');
    expect($('field-member-not-together')).not.toBeNull();
    await chooseType(fixture, $('exercise-audience'), 'The members together');
    expect($('field-member-not-together')).toBeNull();
    const component = fixture.componentInstance as unknown as {
      request(): SaveExerciseRequest;
    };
    expect(component.request().fields[0]).toMatchObject({ type: 'member' });
    // The preview names stand-in members to choose from.
    expect(
      Array.from(element.querySelectorAll('[data-testid="member-option"]')).map((o) =>
        o.textContent?.trim(),
      ),
    ).toEqual(['First member', 'Second member']);
  });

  it('turns an exercise into a measure, and sends its scoring and critical answer', async () => {
    const { http, element, $, type, save, fixture } = await render('e1');
    http.expectOne('/api/exercises/e1').flush(detail());
    await settle(fixture);
    expect($('measure-editor')).toBeNull();
    expect($('exercise-stage')).not.toBeNull();

    ($('exercise-is-measure')?.querySelector('input') as HTMLInputElement).click();
    await fixture.whenStable();
    expect($('exercise-stage')).toBeNull();
    expect($('measure-editor')).not.toBeNull();
    // Its scale counts from the start.
    const counts = $('measure-item-counts')?.querySelector('input') as HTMLInputElement;
    expect(counts.checked).toBe(true);

    await type($('band-min'), '0');
    await type($('band-max'), '4');
    await type($('band-label'), 'Low');
    ($('band-add') as HTMLButtonElement).click();
    await fixture.whenStable();
    const bands = element.querySelectorAll('[data-testid="measure-band"]');
    expect(bands).toHaveLength(2);
    expect((bands[1].querySelector('[data-testid="band-min"]') as HTMLInputElement).value).toBe(
      '5',
    );
    await type(bands[1].querySelector('[data-testid="band-max"]'), '10');
    await type(bands[1].querySelector('[data-testid="band-label"]'), 'High');
    await type($('measure-attribution'), ' Our clinic’s own check. ');

    // The scale's critical answer: at most 2.
    const when = $('field-critical-when') as HTMLElement;
    when.click();
    await fixture.whenStable();
    (
      Array.from(document.querySelectorAll('mat-option')).find((o) =>
        o.textContent?.includes('at most'),
      ) as HTMLElement
    ).click();
    await fixture.whenStable();
    await type($('field-critical-value'), '2');

    await save();
    const put = http.expectOne({ method: 'PUT', url: '/api/exercises/e1' });
    expect(put.request.body.fields[0].critical).toEqual({ when: 'at_most', value: 2 });
    expect(put.request.body.measure).toEqual({
      method: 'sum',
      items: ['trust'],
      bands: [
        { min: 0, max: 4, label: 'Low', severity: 'none' },
        { min: 5, max: 10, label: 'High', severity: 'none' },
      ],
      attribution: 'Our clinic’s own check.',
      validated: false,
    });
    put.flush(detail({ version: 3 }));
    await settle(fixture);
  });

  it('shows the server’s reasons about scoring and critical answers beside their controls', async () => {
    const { http, $, save, fixture } = await render('e1');
    http.expectOne('/api/exercises/e1').flush(
      detail({
        isMeasure: true,
        fields: [{ ...detail().fields[0], critical: { when: 'at_most', value: 2 } }],
        measure: {
          method: 'sum',
          items: ['trust'],
          bands: [{ min: 0, max: 10, label: 'All', severity: 'none' }],
          validated: false,
        },
      }),
    );
    await settle(fixture);
    expect($('exercise-stage')).toBeNull();
    await save();
    http.expectOne({ method: 'PUT', url: '/api/exercises/e1' }).flush(
      {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Some fields of the form need attention.',
        fields: [
          { field: 'measure.items', reasons: ['The clinic’s licence does not cover this scale.'] },
          { field: 'measure.bands.0.max', reasons: ['Scores here go up to 9.'] },
          { field: 'fields.0.critical', reasons: ['Ask your clinic about critical answers.'] },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);
    expect($('measure-items-error')?.textContent).toContain(
      'The clinic’s licence does not cover this scale.',
    );
    expect($('band-error')?.textContent).toContain('Scores here go up to 9.');
    expect($('field-critical-error')?.textContent).toContain(
      'Ask your clinic about critical answers.',
    );
    // Placed beside their controls, so not repeated in the notice by the save button.
    const notice = $('exercise-save')?.closest('.actions-bar')?.querySelector('.notice');
    expect(notice?.textContent).toContain('Some fields of the form need attention.');
    expect(notice?.textContent).not.toContain('licence');
  });

  it('offers a score per choice of a single choice in a measure, and counts it', async () => {
    const { element, $, type, fixture } = await render();
    ($('field-type') as HTMLElement).click();
    await fixture.whenStable();
    (
      Array.from(document.querySelectorAll('mat-option')).find((o) =>
        o.textContent?.includes('Single choice'),
      ) as HTMLElement
    ).click();
    await fixture.whenStable();
    await type($('field-label'), 'How often?');
    const labels = element.querySelectorAll('[data-testid="option-label"]');
    await type(labels[0], 'Rarely');
    await type(labels[1], 'Often');
    expect($('option-score')).toBeNull();
    ($('exercise-is-measure')?.querySelector('input') as HTMLInputElement).click();
    await fixture.whenStable();
    const scores = element.querySelectorAll('[data-testid="option-score"]');
    expect(scores).toHaveLength(2);
    await type(scores[0], '0');
    await type(scores[1], '2');
    const component = fixture.componentInstance as unknown as {
      request(): SaveExerciseRequest;
    };
    expect(component.request().fields[0].options).toEqual([
      { value: 'rarely', label: 'Rarely', score: 0 },
      { value: 'often', label: 'Often', score: 2 },
    ]);
    expect(component.request().measure?.items).toEqual(['how_often']);
  });

  it('previews the form as the questions are written', async () => {
    const { $, type } = await render();
    await type($('field-label'), 'What do you need?');
    expect($('exercise-preview')?.textContent).toContain('What do you need?');
  });
});
