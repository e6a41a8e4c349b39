import { FormArray } from '@angular/forms';
import {
  builtInContent,
  fieldDefinitionProblems,
  measureProblems,
  BUILT_IN_EXERCISES,
} from '@mend/exercises/model';
import type { ExerciseContent } from '@mend/shared/contracts';
import {
  draftFromContent,
  newMeasure,
  emptyDraft,
  exerciseForm,
  fieldGroup,
  newField,
  newOption,
  optionGroup,
  optionValues,
  setDraft,
  slugify,
  syncKey,
  syncOptionValue,
  toSaveRequest,
  type ExerciseDraft,
  type FieldDraft,
  type FieldGroup,
  type OptionGroup,
} from './exercise-draft';

describe('slugify', () => {
  it('makes keys of lower-case letters, digits and _ from the wording', () => {
    expect(slugify('How safe do you feel?', 'question')).toBe('how_safe_do_you_feel');
    expect(slugify('  Naïve café — déjà vu ', 'question')).toBe('naive_cafe_deja_vu');
    expect(slugify("I'm ready", 'question')).toBe('im_ready');
  });

  it('starts with a letter, falls back for wording without letters, and stays short', () => {
    expect(slugify('3 things that helped', 'question')).toBe('question_3_things_that_helped');
    expect(slugify('¿?', 'choice')).toBe('choice');
    expect(slugify('', 'question')).toBe('question');
    const long = slugify('What do you need right now, from yourself or from others?', 'question');
    expect(long).toBe('what_do_you_need_right_now_from');
    expect(long.length).toBeLessThanOrEqual(32);
    expect(long).toMatch(/^[a-z][a-z0-9_]{0,39}$/);
  });
});

describe('keys from labels', () => {
  const siblings = (...labels: string[]) =>
    new FormArray<FieldGroup>(
      labels.map((label, i) => {
        const group = fieldGroup(newField('short_text'));
        group.controls.key.setValue(`q${i}`);
        group.controls.label.setValue(label);
        return group;
      }),
    );

  it('follows the label of a new question, unique among its siblings', () => {
    const fields = siblings('Trust', 'Trust');
    syncKey(fields.at(0), fields);
    syncKey(fields.at(1), fields);
    expect(fields.at(0).controls.key.value).toBe('trust');
    expect(fields.at(1).controls.key.value).toBe('trust_2');
    fields.at(0).controls.label.setValue('Safety');
    syncKey(fields.at(0), fields);
    expect(fields.at(0).controls.key.value).toBe('safety');
  });

  it('never changes the key of a saved question', () => {
    const saved = fieldGroup({ ...newField('scale'), key: 'trust_today', auto: false });
    const fields = new FormArray([saved]);
    saved.controls.label.setValue('How much do you trust your partner now?');
    syncKey(saved, fields);
    expect(saved.controls.key.value).toBe('trust_today');
  });

  it('makes choice values from their labels until the value is edited', () => {
    const options = new FormArray<OptionGroup>([
      optionGroup(newOption()),
      optionGroup(newOption()),
    ]);
    options.at(0).controls.label.setValue('Contact boundaries');
    syncOptionValue(options.at(0), options);
    options.at(1).controls.label.setValue('Contact boundaries');
    syncOptionValue(options.at(1), options);
    expect(options.getRawValue().map((o) => o.value)).toEqual([
      'contact_boundaries',
      'contact_boundaries_2',
    ]);
    options.at(1).controls.auto.setValue(false);
    options.at(1).controls.value.setValue('contact');
    options.at(1).controls.label.setValue('Contact');
    syncOptionValue(options.at(1), options);
    expect(options.at(1).controls.value.value).toBe('contact');
  });
});

describe('newField', () => {
  it('gives choices their empty options and a list its first item question', () => {
    expect(newField('single_choice').options).toHaveLength(2);
    expect(newField('checklist').options).toHaveLength(1);
    expect(newField('list').itemFields.map((f) => f.type)).toEqual(['short_text']);
    expect(newField('scale', ['question']).key).toBe('question_2');
  });
});

describe('toSaveRequest', () => {
  const field = (changes: Partial<FieldDraft>): FieldDraft => ({
    ...newField('long_text'),
    ...changes,
  });

  it('sends only the settings each type uses, with text trimmed', () => {
    const draft: ExerciseDraft = {
      title: '  Weekly check-in ',
      summary: ' ',
      stage: 'time',
      audience: 'each_member',
      recurrence: 'weekly',
      instructions: ' Take ten minutes. ',
      fields: [
        field({
          key: 'trust',
          type: 'scale',
          label: ' Trust ',
          help: ' ',
          minLabel: 'None',
          maxLabel: '',
          maxLength: 50,
          options: [newOption('leftover')],
        }),
        field({ key: 'note', type: 'short_text', label: 'Note', required: false, maxLength: 80 }),
        field({
          key: 'feelings',
          type: 'multiple_choice',
          label: 'Feelings',
          help: 'Tick all that fit.',
          allowOther: true,
          options: [
            { ...newOption(' Anger '), value: 'anger' },
            { ...newOption('Hope'), value: 'hope', auto: false },
          ],
        }),
        field({
          key: 'agreements',
          type: 'list',
          label: 'Agreements',
          maxItems: 5,
          allowOther: true,
          itemFields: [field({ key: 'text', type: 'short_text', label: 'Agreement' })],
        }),
      ],
      isMeasure: false,
      measure: newMeasure(),
    };
    expect(toSaveRequest(draft, 3)).toEqual({
      version: 3,
      title: 'Weekly check-in',
      summary: null,
      stage: 'time',
      audience: 'each_member',
      recurrence: 'weekly',
      instructions: 'Take ten minutes.',
      fields: [
        { key: 'trust', type: 'scale', label: 'Trust', required: true, minLabel: 'None' },
        { key: 'note', type: 'short_text', label: 'Note', required: false, maxLength: 80 },
        {
          key: 'feelings',
          type: 'multiple_choice',
          label: 'Feelings',
          help: 'Tick all that fit.',
          required: true,
          allowOther: true,
          options: [
            { value: 'anger', label: 'Anger' },
            { value: 'hope', label: 'Hope' },
          ],
        },
        {
          key: 'agreements',
          type: 'list',
          label: 'Agreements',
          required: true,
          maxItems: 5,
          itemFields: [{ key: 'text', type: 'short_text', label: 'Agreement', required: true }],
        },
      ],
      measure: null,
    });
    expect(toSaveRequest(draft)).not.toHaveProperty('version');
  });

  it('always sends a sound, distinct value for each choice, made from its wording when needed', () => {
    const options = [
      { ...newOption('Yes'), value: 'yes', auto: false },
      { ...newOption('Yes, again'), value: 'yes' },
      { ...newOption('Not sure'), value: '' },
      { ...newOption('Constructor'), value: 'constructor' },
      { ...newOption('Nein'), value: 'Nein!' },
    ];
    expect(optionValues(options)).toEqual([
      'yes',
      'yes_again',
      'not_sure',
      'constructor_2',
      'nein',
    ]);
    const request = toSaveRequest({
      ...emptyDraft(),
      fields: [
        field({
          key: 'pick',
          type: 'single_choice',
          label: 'Pick',
          options: [options[0], { ...options[1], critical: true }],
          critical: { when: 'is_one_of', value: null },
        }),
      ],
    });
    expect(request.fields[0].critical).toEqual({ when: 'is_one_of', values: ['yes_again'] });
  });

  it('gives every built-in exercise and measure back unchanged after a round trip through the form', () => {
    const form = exerciseForm();
    expect(BUILT_IN_EXERCISES.filter((e) => e.measure).length).toBeGreaterThan(0);
    for (const exercise of BUILT_IN_EXERCISES) {
      const content = builtInContent(exercise);
      setDraft(form, draftFromContent(content));
      const request = toSaveRequest(form.getRawValue() as ExerciseDraft);
      expect(request).toEqual(content);
      expect(fieldDefinitionProblems(request.fields)).toEqual([]);
      expect(measureProblems(request.measure, request.fields)).toEqual([]);
    }
  });

  it('sends each kind of critical rule, with the choices marked critical', () => {
    const draft: ExerciseDraft = {
      ...emptyDraft(),
      fields: [
        field({ key: 'safety', type: 'scale', critical: { when: 'at_most', value: 2 } }),
        field({ key: 'empty', type: 'scale', critical: { when: 'at_least', value: null } }),
        field({
          key: 'home',
          type: 'single_choice',
          options: [
            { ...newOption('Safe'), value: 'safe' },
            { ...newOption('Not safe'), value: 'not_safe', critical: true },
          ],
          critical: { when: 'is_one_of', value: 7 },
        }),
        field({
          key: 'often',
          type: 'single_choice',
          options: [
            { ...newOption('Never'), value: 'never', score: 0 },
            { ...newOption('Often'), value: 'often', score: 3, critical: true },
          ],
          critical: { when: 'at_least', value: 1 },
        }),
        // Not a rule its type can hold (the type changed): dropped, as are checklist scores.
        field({ key: 'note', type: 'long_text', critical: { when: 'at_most', value: 2 } }),
        field({
          key: 'ticks',
          type: 'checklist',
          options: [{ ...newOption('A'), value: 'a', score: 4 }],
          critical: { when: 'at_least', value: 1 },
        }),
      ],
    };
    const fields = toSaveRequest(draft).fields;
    expect(fields.map((f) => f.critical)).toEqual([
      { when: 'at_most', value: 2 },
      { when: 'at_least' },
      { when: 'is_one_of', values: ['not_safe'] },
      { when: 'at_least', value: 1 },
      undefined,
      undefined,
    ]);
    expect(fields[3].options).toEqual([
      { value: 'never', label: 'Never', score: 0 },
      { value: 'often', label: 'Often', score: 3 },
    ]);
    expect(fields[5].options).toEqual([{ value: 'a', label: 'A' }]);
    // A list's item questions never have one.
    const list = toSaveRequest({
      ...draft,
      fields: [
        field({
          key: 'items',
          type: 'list',
          itemFields: [field({ key: 'n', type: 'scale', critical: { when: 'at_most', value: 1 } })],
        }),
      ],
    }).fields[0];
    expect(list.itemFields?.[0].critical).toBeUndefined();
    expect(fieldDefinitionProblems(fields).map((p) => p.field)).toEqual([
      'fields.0.label',
      'fields.1.label',
      'fields.1.critical',
      'fields.2.label',
      'fields.3.label',
      'fields.4.label',
      'fields.5.label',
    ]);
  });

  it('sends a measure: the questions that count in form order, reversed ones, bands and source', () => {
    const content: ExerciseContent = {
      title: 'Closeness check',
      stage: 'time',
      audience: 'each_member',
      recurrence: 'fortnightly',
      instructions: 'Two questions.',
      fields: [
        { key: 'close', type: 'scale', label: 'Close', required: true },
        { key: 'note', type: 'short_text', label: 'Note', required: false },
        { key: 'distant', type: 'scale', label: 'Distant', required: true },
      ],
      measure: {
        method: 'mean',
        items: ['distant', 'close'],
        reversed: ['distant'],
        bands: [
          { min: 0, max: 4.99, label: 'Apart', severity: 'moderate' },
          { min: 5, max: 10, label: 'Close', severity: 'none' },
        ],
        attribution: 'Our own.',
        validated: false,
      },
    };
    const draft = draftFromContent(content);
    expect(draft.isMeasure).toBe(true);
    expect(draft.fields.map((f) => [f.key, f.scored, f.reversed])).toEqual([
      ['close', true, false],
      ['note', false, false],
      ['distant', true, true],
    ]);
    expect(toSaveRequest(draft).measure).toEqual({
      ...content.measure,
      items: ['close', 'distant'],
    });

    // An empty band goes as nulls, which the rules report; an unticked measure goes as null.
    draft.measure.bands.push({ min: null, max: null, label: ' ', severity: 'mild' });
    draft.measure.attribution = '  ';
    const request = JSON.parse(JSON.stringify(toSaveRequest(draft)));
    expect(request.measure.bands[2]).toEqual({ min: null, max: null, label: '', severity: 'mild' });
    expect(request.measure).not.toHaveProperty('attribution');
    expect(measureProblems(request.measure, request.fields).map((p) => p.field)).toEqual([
      'measure.bands.2.min',
      'measure.bands.2.max',
      'measure.bands.2.label',
    ]);
    expect(toSaveRequest({ ...draft, isMeasure: false }).measure).toBeNull();
  });

  it('starts a new exercise with one question the rules accept once it is worded', () => {
    const draft = emptyDraft();
    expect(fieldDefinitionProblems(toSaveRequest(draft).fields)).toEqual([
      { field: 'fields.0.label', reasons: ['Write the question.'] },
    ]);
  });
});
