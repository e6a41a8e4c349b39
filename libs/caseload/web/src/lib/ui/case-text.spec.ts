import type { AuditEventView } from '@mend/shared/contracts';
import {
  caseStatusText,
  describeEvent,
  initials,
  joinNames,
  labelText,
  memberNames,
  primaryCounselor,
} from './case-text';

const event = (action: string, details: Record<string, unknown> = {}) =>
  ({ action, details }) satisfies Pick<AuditEventView, 'action' | 'details'>;

describe('case wording', () => {
  it('joins names as a person would say them', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['Sam'])).toBe('Sam');
    expect(joinNames(['Sam', 'Alex'])).toBe('Sam and Alex');
    expect(joinNames(['Sam', 'Alex', 'Jo'])).toBe('Sam, Alex and Jo');
    expect(
      memberNames({
        members: [
          { userId: '1', displayName: 'Sam Rivera' },
          { userId: '2', displayName: 'Alex Rivera' },
        ],
      }),
    ).toBe('Sam Rivera and Alex Rivera');
  });

  it('names the status with the outcome of a closed case', () => {
    expect(caseStatusText({ status: 'open', outcome: null })).toBe('Open');
    expect(caseStatusText({ status: 'closed', outcome: 'separated_with_care' })).toBe(
      'Closed · Separated with care',
    );
    expect(caseStatusText({ status: 'closed', outcome: null })).toBe('Closed');
  });

  it('says "Not set" for a member without a label', () => {
    expect(labelText(null)).toBe('Not set');
    expect(labelText(undefined)).toBe('Not set');
    expect(labelText('broke_trust')).toBe('Broke trust');
    expect(labelText('was_hurt')).toBe('Was hurt');
    expect(labelText('both_unclear')).toBe('Both / unclear');
  });

  it('finds the primary counselor and initials', () => {
    expect(
      primaryCounselor({
        counselors: [
          { userId: 'c', displayName: 'Omar', role: 'co' },
          { userId: 'p', displayName: 'Maya', role: 'primary' },
        ],
      })?.displayName,
    ).toBe('Maya');
    expect(primaryCounselor({ counselors: [] })).toBeUndefined();
    expect(initials('Maya  Lindqvist Berg')).toBe('ML');
  });
});

describe('describeEvent', () => {
  const names = new Map([
    ['sam', 'Sam Rivera'],
    ['maya', 'Maya Lindqvist'],
    ['omar', 'Omar Haddad'],
  ]);

  it('names the people an event refers to, and a former member when unknown', () => {
    expect(describeEvent(event('case.member_added', { userId: 'sam' }), names)).toBe(
      'Added Sam Rivera to the case',
    );
    expect(describeEvent(event('case.member_removed', { userId: 'gone' }), names)).toBe(
      'Removed a former member from the case',
    );
  });

  it('tells a first assignment from a reassignment, with the reason', () => {
    expect(
      describeEvent(
        event('case.counselors_assigned', {
          reason: 'Case opened',
          before: { primary: null, co: [] },
          after: { primary: 'maya', co: [] },
        }),
        names,
      ),
    ).toBe('Assigned counselors: Maya Lindqvist as primary counselor. Reason: “Case opened”');
    expect(
      describeEvent(
        event('case.counselors_assigned', {
          reason: 'Leave',
          before: { primary: 'maya', co: [] },
          after: { primary: 'omar', co: ['maya'] },
        }),
        names,
      ),
    ).toBe(
      'Reassigned counselors: Omar Haddad as primary counselor and Maya Lindqvist as co-counselor. Reason: “Leave”',
    );
  });

  it('lists what an edit changed', () => {
    expect(
      describeEvent(
        event('case.updated', {
          title: { from: 'A', to: 'Sam & Alex' },
          type: { from: 'couple', to: 'family' },
        }),
        names,
      ),
    ).toBe('Changed the title to “Sam & Alex” and the type to family');
  });

  it('never reveals which label a counselor chose', () => {
    expect(describeEvent(event('case.member_labelled', { userId: 'sam' }), names)).toBe(
      'Updated the counselor-only label of Sam Rivera',
    );
  });

  it('names the stages of a move on the path of repair, never a reason', () => {
    expect(
      describeEvent(
        event('case.stage_changed', { from: 'responsibility', to: 'transparency' }),
        names,
      ),
    ).toBe('Moved the case on the path of repair from 2 · Take responsibility to 3 · Transparency');
    expect(describeEvent(event('case.stage_changed', { to: 'nonsense' }), names)).toBe(
      'Moved the case on the path of repair',
    );
  });

  it('describes opening, closing, reopening and unknown actions', () => {
    expect(describeEvent(event('case.opened', { type: 'couple' }), names)).toBe(
      'Opened the case as a couple case',
    );
    expect(describeEvent(event('case.closed', { outcome: 'reconciled' }), names)).toBe(
      'Closed the case: reconciled',
    );
    expect(describeEvent(event('case.reopened'), names)).toBe('Reopened the case');
    expect(describeEvent(event('case.something_new'), names)).toBe('something new');
  });
});
