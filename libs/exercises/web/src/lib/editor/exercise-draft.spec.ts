import { FormArray } from '@angular/forms';
import { builtInContent, fieldDefinitionProblems, BUILT_IN_EXERCISES } from '@mend/exercises/model';
import {
  draftFromContent,
  emptyDraft,
  exerciseForm,
  fieldGroup,
  newField,
  newOption,
  optionGroup,
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
            { label: ' Anger ', value: 'anger', auto: true },
            { label: 'Hope', value: 'hope', auto: false },
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
    };
    expect(toSaveRequest(draft, 3)).toEqual({
      version: 3,
      title: 'Weekly check-in',
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
    });
    expect(toSaveRequest(draft)).not.toHaveProperty('version');
  });

  it('gives every built-in exercise back unchanged after a round trip through the form', () => {
    const form = exerciseForm();
    for (const exercise of BUILT_IN_EXERCISES) {
      const content = builtInContent(exercise);
      setDraft(form, draftFromContent(content));
      const request = toSaveRequest(form.getRawValue() as ExerciseDraft);
      expect(request).toEqual(content);
      expect(fieldDefinitionProblems(request.fields)).toEqual([]);
    }
  });

  it('starts a new exercise with one question the rules accept once it is worded', () => {
    const draft = emptyDraft();
    expect(fieldDefinitionProblems(toSaveRequest(draft).fields)).toEqual([
      { field: 'fields.0.label', reasons: ['Write the question.'] },
    ]);
  });
});
