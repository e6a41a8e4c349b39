import type { FieldDef } from '@mend/shared/contracts';
import { BUILT_IN_EXERCISES, BUILT_IN_MEASURES, builtInContent } from './built-in-exercises';
import {
  answerProblems,
  fieldDefinitionProblems,
  hasMemberField,
  memberAnswerIds,
  normalizeFields,
  scaleAnswers,
} from './field-rules';
import { measureProblems } from './measures';

const find = (key: string) => {
  const exercise = BUILT_IN_EXERCISES.find((e) => e.key === key);
  if (!exercise) throw new Error(key);
  return exercise;
};

describe('the built-in library', () => {
  it('holds the twelve exercises of the path of repair and three measures, each sound', () => {
    expect(BUILT_IN_EXERCISES).toHaveLength(15);
    expect(BUILT_IN_EXERCISES.filter((e) => !e.measure)).toHaveLength(12);
    expect(new Set(BUILT_IN_EXERCISES.map((e) => e.key)).size).toBe(15);
    for (const exercise of BUILT_IN_EXERCISES) {
      expect({
        key: exercise.key,
        problems: fieldDefinitionProblems(exercise.fields),
        measure: measureProblems(exercise.measure, exercise.fields),
      }).toEqual({ key: exercise.key, problems: [], measure: [] });
      expect(exercise.key).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('gives the content of each built-in, measure or null, and keeps it as normalized', () => {
    for (const exercise of BUILT_IN_EXERCISES) {
      const content = builtInContent(exercise);
      expect(content).not.toHaveProperty('key');
      expect(content.measure).toEqual(exercise.measure ?? null);
      expect(normalizeFields(content.fields)).toEqual(content.fields);
    }
    expect(BUILT_IN_MEASURES.every((m) => builtInContent(m).measure)).toBe(true);
  });

  it('marks a safety signal as critical, only where an answer really indicates risk', () => {
    const critical = BUILT_IN_EXERCISES.filter((e) => !e.measure).flatMap((e) =>
      e.fields.filter((f) => f.critical).map((f) => [e.key, f.key, f.critical]),
    );
    expect(critical).toEqual([['trust_thermometer', 'safety', { when: 'at_most', value: 2 }]]);
  });

  it('says in one line what each exercise asks', () => {
    for (const exercise of BUILT_IN_EXERCISES) {
      expect(exercise.summary.length).toBeGreaterThan(20);
      expect(exercise.summary.length).toBeLessThanOrEqual(160);
      expect(exercise.summary).not.toMatch(/\n/);
      expect(builtInContent(exercise).summary).toBe(exercise.summary);
    }
  });

  it('asks the members of a safety conversation who is speaking, by name', () => {
    const [answers] = find('safety_conversation').fields;
    expect(answers.itemFields?.[0]).toEqual({
      key: 'who',
      type: 'member',
      label: 'Who is speaking',
      required: true,
    });
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
        'member',
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

  it('asks for the wording of a choice in people’s words, and its stored value apart', () => {
    const choice = (options: { value: string; label: string }[], type = 'single_choice') =>
      fieldDefinitionProblems([
        { key: 'pick', type: type as FieldDef['type'], label: 'Pick', required: true, options },
      ]);
    expect(
      choice([
        { value: 'a', label: 'A' },
        { value: 'b', label: ' ' },
      ]),
    ).toEqual([{ field: 'fields.0.options', reasons: ['Write each choice.'] }]);
    expect(choice([{ value: 'a', label: '' }], 'checklist')).toEqual([
      { field: 'fields.0.options', reasons: ['Write each item.'] },
    ]);
    expect(
      choice([
        { value: 'a', label: 'A' },
        { value: 'Not A', label: 'Not A' },
      ]),
    ).toEqual([
      {
        field: 'fields.0.options',
        reasons: ['Each choice needs a value of lower-case letters, digits and _.'],
      },
    ]);
  });

  it('checks the shape of a critical rule for each type', () => {
    const scale = (critical: unknown): unknown => ({
      key: 'n',
      type: 'scale',
      label: 'N',
      required: true,
      critical,
    });
    const choice = (type: string, critical: unknown, scores = true): unknown => ({
      key: 'c',
      type,
      label: 'C',
      required: true,
      options: [
        { value: 'a', label: 'A', ...(scores ? { score: 0 } : {}) },
        { value: 'b', label: 'B', ...(scores ? { score: 3 } : {}) },
      ],
      critical,
    });
    const reasons = (field: unknown) =>
      fieldDefinitionProblems([field]).flatMap((p) =>
        p.field === 'fields.0.critical' ? p.reasons : [`${p.field}?`],
      );

    expect(reasons(scale({ when: 'at_most', value: 2 }))).toEqual([]);
    expect(reasons(scale({ when: 'at_least', value: 10 }))).toEqual([]);
    expect(reasons(scale({ when: 'at_most', value: 11 }))).toEqual([
      'Give a whole number from 0 to 10.',
    ]);
    expect(reasons(scale({ when: 'at_most' }))).toEqual(['Give a whole number from 0 to 10.']);
    expect(reasons(scale({ when: 'is_one_of', values: ['a'] }))).toEqual([
      'A scale’s critical answer is at most or at least a number.',
    ]);
    expect(reasons(scale({ when: 'sometimes' }))).toEqual([
      'Choose when an answer is critical: at most, at least, or one of the choices.',
    ]);
    expect(reasons(scale(null))).toHaveLength(1);

    expect(reasons(choice('single_choice', { when: 'at_least', value: 1 }))).toEqual([]);
    expect(reasons(choice('single_choice', { when: 'at_least', value: 4 }))).toEqual([
      'Give a score from 0 to 3.',
    ]);
    expect(reasons(choice('single_choice', { when: 'at_least', value: 1 }, false))).toEqual([
      'Give every choice a score to compare with a number.',
    ]);
    expect(reasons(choice('single_choice', { when: 'is_one_of', values: ['b'] }))).toEqual([]);
    expect(reasons(choice('single_choice', { when: 'is_one_of', values: ['z'] }))).toEqual([
      'Critical answers must be choices of this question.',
    ]);
    expect(reasons(choice('checklist', { when: 'is_one_of', values: ['a', 'b'] }))).toEqual([]);
    expect(reasons(choice('checklist', { when: 'is_one_of', values: [] }))).toEqual([
      'Tick at least one critical choice.',
    ]);
    expect(reasons(choice('multiple_choice', { when: 'is_one_of', values: ['a', 'a'] }))).toEqual([
      'Name each critical choice once.',
    ]);
    expect(reasons(choice('multiple_choice', { when: 'at_least', value: 1 }))).toEqual([
      'Name the choices that are critical.',
    ]);
    expect(
      reasons({
        key: 't',
        type: 'long_text',
        label: 'T',
        required: true,
        critical: { when: 'is_one_of', values: ['x'] },
      }),
    ).toEqual(['Only scales and choices can have a critical answer.']);
  });

  it('allows critical rules on top-level questions only', () => {
    expect(
      fieldDefinitionProblems([
        {
          key: 'items',
          type: 'list',
          label: 'Items',
          required: true,
          itemFields: [
            {
              key: 'n',
              type: 'scale',
              label: 'N',
              required: true,
              critical: { when: 'at_most', value: 1 },
            },
          ],
        },
      ]),
    ).toEqual([
      {
        field: 'fields.0.itemFields.0.critical',
        reasons: ['Only top-level questions can have a critical answer.'],
      },
    ]);
  });

  it('needs option scores to be numbers', () => {
    expect(
      fieldDefinitionProblems([
        {
          key: 'c',
          type: 'single_choice',
          label: 'C',
          required: true,
          options: [
            { value: 'a', label: 'A', score: 1 },
            { value: 'b', label: 'B', score: Number.NaN },
          ],
        },
        {
          key: 'd',
          type: 'single_choice',
          label: 'D',
          required: true,
          options: [
            { value: 'a', label: 'A', score: '1' },
            { value: 'b', label: 'B' },
          ],
        },
      ]),
    ).toEqual([
      { field: 'fields.0.options', reasons: ['Each score must be a number.'] },
      { field: 'fields.1.options', reasons: ['Each score must be a number.'] },
    ]);
  });

  it('keeps "constructor" free: the API refuses it as a key in any request', () => {
    const field = { key: 'constructor', type: 'short_text', label: 'Q', required: false };
    expect(fieldDefinitionProblems([field])).toEqual([
      { field: 'fields.0.key', reasons: ['"constructor" is reserved; choose another key.'] },
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

  it('answers a value of the wrong kind with the field, whatever its shape', () => {
    const naming = find('naming_the_hurt').fields;
    const agreement = find('relationship_agreement').fields;
    const fields = (answers: unknown, of = naming) =>
      answerProblems(of, answers, { complete: false }).map((p) => p.field);
    expect(fields({ feelings: {} })).toEqual(['feelings']);
    expect(fields({ feelings: { values: null } })).toEqual(['feelings']);
    expect(fields({ feelings: { values: [], other: 5 } })).toEqual(['feelings']);
    expect(fields({ agreements: {} }, agreement)).toEqual(['agreements']);
    expect(fields({ agreements: [5, null, []] }, agreement)).toEqual([
      'agreements.0',
      'agreements.1',
      'agreements.2',
    ]);
    expect(fields({ agreements: [{ agreement: { text: 'x' } }] }, agreement)).toEqual([
      'agreements.0.agreement',
    ]);
    // An empty choice is still an empty answer.
    expect(fields({ feelings: { values: [], other: ' ' } })).toEqual([]);
  });

  describe('a member question', () => {
    const conversation = find('safety_conversation').fields;
    const SAM = '6f1c1d7e-3a55-4a34-9d0e-1b2f3c4d5e6f';
    const ALEX = '0a9b8c7d-6e5f-4a3b-8c1d-2e3f4a5b6c7d';
    const response = (who: unknown) => ({
      answers: [{ who, safety_looks_like: 'Knowing where I stand' }],
      next_step: 'A Sunday walk',
    });

    it('accepts one of the case’s members', () => {
      expect(
        answerProblems(conversation, response(SAM), { complete: true, members: [SAM, ALEX] }),
      ).toEqual([]);
    });

    it('refuses anyone else, and anything but an id, with the item’s path', () => {
      const stranger = '11111111-2222-4333-8444-555555555555';
      expect(
        answerProblems(conversation, response(stranger), { complete: true, members: [SAM, ALEX] }),
      ).toEqual([{ field: 'answers.0.who', reasons: ['Choose one of the people in this case.'] }]);
      expect(
        answerProblems(conversation, response('Sam'), { complete: false, members: [SAM] }),
      ).toEqual([{ field: 'answers.0.who', reasons: ['Choose one of the people in this case.'] }]);
      expect(
        answerProblems(conversation, response(7), { complete: false, members: [SAM] }),
      ).toEqual([{ field: 'answers.0.who', reasons: ['Choose a person.'] }]);
    });

    it('needs an answer on submission like any required question', () => {
      expect(
        answerProblems(conversation, response(''), { complete: true, members: [SAM] }),
      ).toEqual([{ field: 'answers.0.who', reasons: ['Please answer this question.'] }]);
    });

    it('checks only the shape where no members are given (a preview)', () => {
      expect(answerProblems(conversation, response('preview'), { complete: true })).toEqual([]);
    });

    it('is found inside lists, with the people its answers name', () => {
      expect(hasMemberField(conversation)).toBe(true);
      expect(hasMemberField(find('trust_thermometer').fields)).toBe(false);
      expect(
        memberAnswerIds(conversation, {
          answers: [{ who: SAM }, { who: ALEX }, { who: SAM }, { who: ' ' }, 'junk'],
        }),
      ).toEqual([SAM, ALEX]);
      expect(memberAnswerIds(conversation, null)).toEqual([]);
    });

    it('is a sound field definition, with no options and no critical answer', () => {
      const member: FieldDef = { key: 'who', type: 'member', label: 'Who', required: true };
      expect(fieldDefinitionProblems([member])).toEqual([]);
      expect(normalizeFields([{ ...member, help: ' Pick one ' }])).toEqual([
        { ...member, help: 'Pick one' },
      ]);
      expect(
        fieldDefinitionProblems([{ ...member, critical: { when: 'is_one_of', values: ['x'] } }]),
      ).toEqual([
        {
          field: 'fields.0.critical',
          reasons: ['Only scales and choices can have a critical answer.'],
        },
      ]);
    });
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

describe('normalizeFields', () => {
  it('keeps critical rules (only the properties their kind uses) and option scores', () => {
    expect(
      normalizeFields([
        {
          key: 'n',
          type: 'scale',
          label: ' N ',
          required: true,
          critical: { when: 'at_most', value: 2, values: ['x'] },
        },
        {
          key: 'c',
          type: 'single_choice',
          label: 'C',
          required: true,
          options: [
            { value: 'a', label: ' A ', score: 0 },
            { value: 'b', label: 'B', extra: true } as never,
          ],
          critical: { when: 'is_one_of', values: ['a'], value: 3 },
        },
      ]),
    ).toEqual([
      {
        key: 'n',
        type: 'scale',
        label: 'N',
        required: true,
        critical: { when: 'at_most', value: 2 },
      },
      {
        key: 'c',
        type: 'single_choice',
        label: 'C',
        required: true,
        options: [
          { value: 'a', label: 'A', score: 0 },
          { value: 'b', label: 'B' },
        ],
        critical: { when: 'is_one_of', values: ['a'] },
      },
    ]);
  });
});
