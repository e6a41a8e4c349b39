import { HttpErrorResponse } from '@angular/common/http';
import type { FieldDef, JointWorkState } from '@mend/shared/contracts';
import {
  answerText,
  gateHeadline,
  jointWorkClosedMessage,
  safetyTabLink,
  toIsoDate,
} from './safety-text';

const gate = (state: Partial<JointWorkState>): JointWorkState => ({
  applies: true,
  open: false,
  missing: [],
  closedAt: null,
  ...state,
});

describe('gateHeadline', () => {
  it('says whether joint work is open, and how many members are missing', () => {
    expect(gateHeadline(gate({ open: true }))).toBe('Joint work is open.');
    expect(
      gateHeadline(
        gate({ missing: [{ userId: 'u1', displayName: 'Sam', reason: 'no_conversation' }] }),
      ),
    ).toBe('Joint work is closed: one member is not cleared yet.');
    expect(
      gateHeadline(
        gate({
          missing: [
            { userId: 'u1', displayName: 'Sam', reason: 'no_conversation' },
            { userId: 'u2', displayName: 'Alex', reason: 'individual_first' },
          ],
        }),
      ),
    ).toBe('Joint work is closed: 2 members are not cleared yet.');
    expect(gateHeadline(gate({ applies: false }))).toMatch(/individual case/);
  });
});

describe('jointWorkClosedMessage', () => {
  const refusal = (status: number, body: unknown) => new HttpErrorResponse({ status, error: body });

  it('gives the server’s message for a joint_work_closed refusal only', () => {
    const body = {
      statusCode: 409,
      error: 'Conflict',
      message: 'Joint work is not open for this case yet.',
      code: 'joint_work_closed',
    };
    expect(jointWorkClosedMessage(refusal(409, body))).toBe(
      'Joint work is not open for this case yet.',
    );
    expect(jointWorkClosedMessage(refusal(409, { ...body, code: 'later_stage' }))).toBeNull();
    expect(jointWorkClosedMessage(refusal(409, { ...body, code: undefined }))).toBeNull();
    expect(jointWorkClosedMessage(new Error('x'))).toBeNull();
  });
});

describe('safetyTabLink', () => {
  it('opens the case page on its Safety tab', () => {
    expect(safetyTabLink('c1')).toEqual({
      commands: ['/cases', 'c1'],
      queryParams: { tab: 'safety' },
    });
  });
});

describe('toIsoDate', () => {
  it('keeps the local day the user picked', () => {
    expect(toIsoDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});

describe('answerText', () => {
  const choice: FieldDef = {
    key: 'afraid',
    type: 'single_choice',
    label: 'Afraid?',
    required: true,
    options: [
      { value: 'no', label: 'No' },
      { value: 'yes', label: 'Yes, often' },
    ],
  };

  it('says each answer in words', () => {
    expect(answerText(choice, 'yes')).toBe('Yes, often');
    expect(answerText(choice, undefined)).toBe('');
    expect(answerText({ ...choice, type: 'long_text' }, 'Something')).toBe('Something');
    expect(answerText({ ...choice, type: 'scale' }, 3)).toBe('3 / 10');
    expect(answerText({ ...choice, type: 'checklist' }, ['no', 'yes'])).toBe('No, Yes, often');
    expect(
      answerText({ ...choice, type: 'multiple_choice' }, { values: ['no'], other: 'Hmm' }),
    ).toBe('No, Other: Hmm');
  });
});
