import type { FieldDef } from '@mend/shared/contracts';
import { BUILT_IN_EXERCISES } from './built-in-exercises';
import { answerProblems, fieldDefinitionProblems, scaleAnswers } from './field-rules';

const find = (key: string) => {
  const exercise = BUILT_IN_EXERCISES.find((e) => e.key === key);
  if (!exercise) throw new Error(key);
  return exercise;
};

describe('the built-in library', () => {
  it('holds the twelve exercises of the path of repair, each with a sound form', () => {
    expect(BUILT_IN_EXERCISES).toHaveLength(12);
    expect(new Set(BUILT_IN_EXERCISES.map((e) => e.key)).size).toBe(12);
    for (const exercise of BUILT_IN_EXERCISES) {
      expect({ key: exercise.key, problems: fieldDefinitionProblems(exercise.fields) }).toEqual({
        key: exercise.key,
        problems: [],
      });
    }
  });

  it('uses every field type somewhere', () => {
    const types = new Set(
      BUILT_IN_EXERCISES.flatMap((e) =>
        e.fields.flatMap((f) => [f.type, ...(f.itemFields ?? []).map((i) => i.type)]),
      ),
    );
    expect([...types].sort()).toEqual(
      [
        'date',
        'list',
        'long_text',
        'multiple_choice',
        'scale',
        'short_text',
        'single_choice',
      ].sort(),
    );
  });
});

describe('fieldDefinitionProblems', () => {
  it('reports each broken definition by its path', () => {
    const problems = fieldDefinitionProblems([
      { key: 'Bad Key', type: 'short_text', label: 'Q', required: true },
      {
        key: 'pick',
        type: 'single_choice',
        label: 'Pick',
        required: true,
        options: [{ value: 'a', label: 'A' }],
      },
      {
        key: 'items',
        type: 'list',
        label: 'Items',
        required: true,
        itemFields: [{ key: 'inner', type: 'list', label: 'x', required: true, itemFields: [] }],
      },
      { key: 'pick', type: 'checklist', label: '', required: 'yes' },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      'fields.0.key',
      'fields.1.options',
      'fields.2.itemFields.0.type',
      'fields.3.key',
      'fields.3.label',
      'fields.3.required',
      'fields.3.options',
    ]);
  });

  it('needs at least one field', () => {
    expect(fieldDefinitionProblems([])).toEqual([
      { field: 'fields', reasons: ['Add at least one field.'] },
    ]);
  });
});

describe('answerProblems', () => {
  const thermometer = find('trust_thermometer').fields;

  it('accepts a complete, valid response', () => {
    expect(
      answerProblems(
        thermometer,
        { trust: 4, safety: 6, helped: 'A long walk', hurt: 'A late text' },
        { complete: true },
      ),
    ).toEqual([]);
  });

  it('lets a draft leave required answers empty but not a submission', () => {
    expect(answerProblems(thermometer, { trust: 4 }, { complete: false })).toEqual([]);
    expect(
      answerProblems(thermometer, { trust: 4 }, { complete: true }).map((p) => p.field),
    ).toEqual(['safety', 'helped', 'hurt']);
  });

  it('checks ranges, options, dates and unknown questions', () => {
    const fields: FieldDef[] = [
      { key: 'n', type: 'scale', label: 'N', required: true },
      { key: 'when', type: 'date', label: 'When', required: true },
      {
        key: 'pick',
        type: 'single_choice',
        label: 'Pick',
        required: true,
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
      },
      { key: 'short', type: 'short_text', label: 'S', required: true, maxLength: 5 },
    ];
    const problems = answerProblems(
      fields,
      { n: 11, when: '2026-13-45', pick: 'c', short: 'too long', extra: 'x' },
      { complete: true },
    );
    expect(problems).toEqual([
      { field: 'extra', reasons: ['This question is not part of the exercise.'] },
      { field: 'n', reasons: ['Choose a number from 0 to 10.'] },
      { field: 'when', reasons: ['Enter a date.'] },
      { field: 'pick', reasons: ['Choose one of the options.'] },
      { field: 'short', reasons: ['Keep this under 5 characters.'] },
    ]);
  });

  it('validates each item of a list with its own path', () => {
    const agreement = find('relationship_agreement').fields;
    const problems = answerProblems(
      agreement,
      {
        agreements: [
          {
            category: 'contact_boundaries',
            agreement: 'No contact with X',
            review_on: '2026-12-01',
          },
          { category: 'nope', agreement: '' },
        ],
      },
      { complete: true },
    );
    expect(problems.map((p) => p.field)).toEqual([
      'agreements.1.category',
      'agreements.1.agreement',
      'agreements.1.review_on',
    ]);
  });

  it('accepts "other" only where the question allows it', () => {
    const naming = find('naming_the_hurt').fields;
    expect(
      answerProblems(
        naming,
        { feelings: { values: ['anger'], other: 'betrayed' } },
        { complete: false },
      ),
    ).toEqual([]);
    expect(
      answerProblems(naming, { feelings: { values: ['joy'] } }, { complete: false })[0].field,
    ).toBe('feelings');
  });
});

describe('scaleAnswers', () => {
  it('picks the 0–10 answers for progress charts', () => {
    expect(
      scaleAnswers(find('trust_thermometer').fields, { trust: 3, safety: 5, helped: 'x' }),
    ).toEqual([
      { key: 'trust', label: 'How much do I trust my partner today?', value: 3 },
      { key: 'safety', label: 'How safe do I feel in this relationship today?', value: 5 },
    ]);
  });
});
