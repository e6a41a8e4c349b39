import type { EntityManager } from 'typeorm';
import type { Caller } from '@mend/auth/api';
import type { Case } from '../entities';
import { caseViews } from './case-views';

const theCase = {
  id: 'case-1',
  title: 'Sam & Alex',
  type: 'couple',
  status: 'open',
  startedOn: '2026-11-01',
  closedAt: null,
  outcome: null,
  closingNote: 'admin note',
  version: 3,
} as unknown as Case;

const members = [
  {
    case_id: 'case-1',
    user_id: 'sam',
    label: 'broke_trust',
    display_name: 'Sam',
    email: 'sam@x.example',
    status: 'active',
  },
  {
    case_id: 'case-1',
    user_id: 'alex',
    label: 'was_hurt',
    display_name: 'Alex',
    email: 'alex@x.example',
    status: 'active',
  },
];
const counselors = [{ case_id: 'case-1', user_id: 'maya', role: 'primary', display_name: 'Maya' }];

/** A manager answering the two loading queries in order. */
function manager(): EntityManager {
  const answers = [members, counselors];
  return { query: jest.fn(async () => answers.shift()) } as unknown as EntityManager;
}

const caller = (id: string, role: Caller['role']): Caller => ({
  id,
  role,
  clinicId: 'clinic',
  sessionId: 's',
});

describe('caseViews', () => {
  it('shows the case’s counselor the labels', async () => {
    const [view] = await caseViews(manager(), caller('maya', 'counselor'), [theCase]);
    expect(view.members.map((m) => m.label)).toEqual(['broke_trust', 'was_hurt']);
    expect(view.version).toBe(3);
  });

  it('shows the admin contact details and status but never labels', async () => {
    const [view] = await caseViews(manager(), caller('dana', 'admin'), [theCase]);
    expect(view.members[0]).toEqual({
      userId: 'sam',
      displayName: 'Sam',
      email: 'sam@x.example',
      status: 'active',
    });
    expect(view.closingNote).toBe('admin note');
  });

  it('shows a client names only, and no closing note', async () => {
    const [view] = await caseViews(manager(), caller('sam', 'client'), [theCase]);
    expect(view.members).toEqual([
      { userId: 'sam', displayName: 'Sam' },
      { userId: 'alex', displayName: 'Alex' },
    ]);
    expect(view).not.toHaveProperty('closingNote');
    expect(view.counselors).toEqual([{ userId: 'maya', displayName: 'Maya', role: 'primary' }]);
  });

  it('gives a counselor who is not on the case no labels', async () => {
    const [view] = await caseViews(manager(), caller('omar', 'counselor'), [theCase]);
    expect(view.members.every((m) => m.label === undefined)).toBe(true);
  });

  it('runs no query for an empty page', async () => {
    const m = manager();
    expect(await caseViews(m, caller('dana', 'admin'), [])).toEqual([]);
    expect(m.query).not.toHaveBeenCalled();
  });
});
