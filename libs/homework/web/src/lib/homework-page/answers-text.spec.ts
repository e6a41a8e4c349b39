import type { FieldDef } from '@mend/shared/contracts';
import { answersAsText } from './answers-text';

const fields: FieldDef[] = [
  { key: 'trust', type: 'scale', label: 'How much I trust my partner', required: true },
  {
    key: 'feelings',
    type: 'multiple_choice',
    label: 'Feelings',
    required: true,
    allowOther: true,
    options: [
      { value: 'anger', label: 'Anger' },
      { value: 'sadness', label: 'Sadness' },
    ],
  },
  { key: 'helped', type: 'long_text', label: 'One thing that helped', required: false },
  {
    key: 'agreements',
    type: 'list',
    label: 'Agreements',
    required: false,
    itemFields: [
      { key: 'text', type: 'short_text', label: 'Agreement', required: true },
      { key: 'review_on', type: 'date', label: 'Review on', required: false },
    ],
  },
];

describe('answersAsText', () => {
  it('writes each answered question with its answer, in words', () => {
    expect(
      answersAsText(fields, {
        trust: 6,
        feelings: { values: ['sadness'], other: 'tired' },
        helped: '',
        agreements: [{ text: 'Weekly check-in', review_on: '2026-06-01' }],
      }),
    ).toBe(
      [
        'How much I trust my partner\n6 / 10',
        'Feelings\n- Sadness\n- Other: tired',
        'Agreements\n1.\n  Agreement: Weekly check-in\n  Review on: 2026-06-01',
      ].join('\n\n'),
    );
  });

  it('names the members a member question names; older free text stays as written', () => {
    const conversation: FieldDef[] = [
      {
        key: 'answers',
        type: 'list',
        label: 'What does safety look like for us now?',
        required: true,
        itemFields: [
          { key: 'who', type: 'member', label: 'Who is speaking', required: true },
          { key: 'says', type: 'long_text', label: 'Safety looks like…', required: true },
        ],
      },
    ];
    expect(
      answersAsText(
        conversation,
        {
          answers: [
            { who: 'u-sam', says: 'No surprises' },
            { who: 'Alex', says: 'Calm' },
          ],
        },
        [{ userId: 'u-sam', displayName: 'Sam Rivera' }],
      ),
    ).toBe(
      [
        'What does safety look like for us now?',
        '1.',
        '  Who is speaking: Sam Rivera',
        '  Safety looks like…: No surprises',
        '2.',
        '  Who is speaking: Alex',
        '  Safety looks like…: Calm',
      ].join('\n'),
    );
  });

  it('is empty when nothing is answered', () => {
    expect(answersAsText(fields, {})).toBe('');
  });
});
