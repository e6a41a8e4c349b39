import type { FieldDef } from '@mend/shared/contracts';
import { BUILT_IN_EXERCISES } from './built-in-exercises';
import { criticalAnswers } from './critical-answers';

const FIELDS: FieldDef[] = [
  {
    key: 'safety',
    type: 'scale',
    label: 'How safe do you feel?',
    required: true,
    critical: { when: 'at_most', value: 2 },
  },
  {
    key: 'fear',
    type: 'scale',
    label: 'How afraid are you?',
    required: true,
    critical: { when: 'at_least', value: 8 },
  },
  {
    key: 'thoughts',
    type: 'single_choice',
    label: 'Thoughts of hurting yourself',
    required: true,
    options: [
      { value: 'never', label: 'Not at all', score: 0 },
      { value: 'some', label: 'Several days', score: 1 },
      { value: 'often', label: 'Nearly every day', score: 3 },
    ],
    critical: { when: 'at_least', value: 1 },
  },
  {
    key: 'home',
    type: 'single_choice',
    label: 'Is it safe at home?',
    required: true,
    options: [
      { value: 'safe', label: 'Yes' },
      { value: 'unsure', label: 'Not sure' },
      { value: 'not_safe', label: 'No' },
    ],
    critical: { when: 'is_one_of', values: ['unsure', 'not_safe'] },
  },
  {
    key: 'feelings',
    type: 'multiple_choice',
    label: 'Which feelings?',
    required: true,
    allowOther: true,
    options: [
      { value: 'hope', label: 'Hope' },
      { value: 'fear', label: 'Fear' },
      { value: 'despair', label: 'Despair' },
    ],
    critical: { when: 'is_one_of', values: ['fear', 'despair'] },
  },
  {
    key: 'happened',
    type: 'checklist',
    label: 'This week…',
    required: false,
    options: [
      { value: 'talked', label: 'We talked' },
      { value: 'threatened', label: 'I was threatened' },
    ],
    critical: { when: 'is_one_of', values: ['threatened'] },
  },
  { key: 'note', type: 'short_text', label: 'Note', required: false },
];

describe('criticalAnswers', () => {
  it('finds nothing in harmless or missing answers', () => {
    expect(criticalAnswers(FIELDS, {})).toEqual([]);
    expect(
      criticalAnswers(FIELDS, {
        safety: 3,
        fear: 7,
        thoughts: 'never',
        home: 'safe',
        feelings: { values: ['hope'], other: 'despair' },
        happened: ['talked'],
        note: 'not_safe',
      }),
    ).toEqual([]);
    expect(criticalAnswers(FIELDS, { safety: null, thoughts: null, feelings: null })).toEqual([]);
  });

  it('compares a scale with at_most and at_least, inclusive', () => {
    expect(criticalAnswers(FIELDS, { safety: 2, fear: 8 })).toEqual([
      { key: 'safety', label: 'How safe do you feel?', answer: '2' },
      { key: 'fear', label: 'How afraid are you?', answer: '8' },
    ]);
    expect(criticalAnswers(FIELDS, { safety: 0 })[0].answer).toBe('0');
  });

  it('compares the score of a single choice’s chosen option', () => {
    expect(criticalAnswers(FIELDS, { thoughts: 'some' })).toEqual([
      { key: 'thoughts', label: 'Thoughts of hurting yourself', answer: 'Several days' },
    ]);
    expect(criticalAnswers(FIELDS, { thoughts: 'often' })[0].answer).toBe('Nearly every day');
    expect(criticalAnswers(FIELDS, { thoughts: 'unknown' })).toEqual([]);
  });

  it('matches is_one_of on a single choice, a multiple choice and a checklist', () => {
    expect(
      criticalAnswers(FIELDS, {
        home: 'unsure',
        feelings: { values: ['hope', 'fear', 'despair'] },
        happened: ['talked', 'threatened'],
      }),
    ).toEqual([
      { key: 'home', label: 'Is it safe at home?', answer: 'Not sure' },
      { key: 'feelings', label: 'Which feelings?', answer: 'Fear, Despair' },
      { key: 'happened', label: 'This week…', answer: 'I was threatened' },
    ]);
    // An older multiple-choice shape: a plain array of values.
    expect(criticalAnswers(FIELDS, { feelings: ['fear'] })[0].answer).toBe('Fear');
  });

  it('looks at top-level questions only', () => {
    const list: FieldDef[] = [
      {
        key: 'items',
        type: 'list',
        label: 'Items',
        required: true,
        itemFields: [FIELDS[0]],
      },
    ];
    expect(criticalAnswers(list, { items: [{ safety: 0 }] })).toEqual([]);
  });

  it('flags a low safety reading on the trust thermometer', () => {
    const thermometer = BUILT_IN_EXERCISES.find((e) => e.key === 'trust_thermometer');
    expect(criticalAnswers(thermometer?.fields ?? [], { trust: 1, safety: 2 })).toEqual([
      { key: 'safety', label: 'How safe do I feel in this relationship today?', answer: '2' },
    ]);
  });
});
