import type { EntityManager } from 'typeorm';
import type { Caller, People } from '@mend/auth/api';
import { FieldEncryptionService } from '@mend/shared/server';
import type { Case } from '../entities';
import { sealClosingNote, sealLabel } from './case-text';
import { caseViews } from './case-views';

const encryption = new FieldEncryptionService([{ id: 'k1', key: Buffer.alloc(32, 7) }]);

const theCase = {
  id: 'case-1',
  title: 'Sam & Alex',
  type: 'couple',
  status: 'open',
  startedOn: '2026-11-01',
  closedAt: null,
  outcome: null,
  closingNoteEnc: sealClosingNote(encryption, 'case-1', 'admin note'),
  stage: 'transparency',
  version: 3,
} as unknown as Case;

const members = [
  {
    id: 'm-sam',
    case_id: 'case-1',
    user_id: 'sam',
    label_enc: sealLabel(encryption, 'm-sam', 'broke_trust'),
    display_name: 'Sam',
    email: 'sam@x.example',
    status: 'active',
  },
  {
    id: 'm-alex',
    case_id: 'case-1',
    user_id: 'alex',
    label_enc: sealLabel(encryption, 'm-alex', 'was_hurt'),
    display_name: 'Alex',
    email: 'alex@x.example',
    status: 'active',
  },
];
const counselors = [{ case_id: 'case-1', user_id: 'maya', role: 'primary', display_name: 'Maya' }];

/** The auth domain's read port, answering from the rows above. */
const people = {
  profiles: async (_caller: Caller, ids: string[]) =>
    [...members, ...counselors]
      .filter((r) => ids.includes(r.user_id))
      .map((r) => ({
        id: r.user_id,
        displayName: r.display_name,
        email: 'email' in r ? r.email : `${r.user_id}@x.example`,
        role: 'email' in r ? 'client' : 'counselor',
        status: 'status' in r ? r.status : 'active',
      })),
} as unknown as People;

/** A manager answering the one loading query (members and counselors of the page). */
function manager(): EntityManager {
  const answers = [
    [
      ...members.map((m) => ({ ...m, kind: 'member' })),
      ...counselors.map((k) => ({ ...k, kind: 'counselor' })),
    ],
  ];
  return { query: jest.fn(async () => answers.shift()) } as unknown as EntityManager;
}

const caller = (id: string, role: Caller['role']): Caller => ({
  id,
  role,
  clinicId: 'clinic',
  sessionId: 's',
});

describe('caseViews', () => {
  it('shows the case’s counselor the labels, members in name order', async () => {
    const [view] = await caseViews(manager(), people, encryption, caller('maya', 'counselor'), [
      theCase,
    ]);
    expect(view.members.map((m) => m.label)).toEqual(['was_hurt', 'broke_trust']);
    expect(view.version).toBe(3);
  });

  it('shows the admin contact details and status but never labels', async () => {
    const [view] = await caseViews(manager(), people, encryption, caller('dana', 'admin'), [
      theCase,
    ]);
    expect(view.members[1]).toEqual({
      userId: 'sam',
      displayName: 'Sam',
      email: 'sam@x.example',
      status: 'active',
    });
    expect(view.closingNote).toBe('admin note');
  });

  it('shows a client names only, and no closing note', async () => {
    const [view] = await caseViews(manager(), people, encryption, caller('sam', 'client'), [
      theCase,
    ]);
    expect(view.members).toEqual([
      { userId: 'alex', displayName: 'Alex' },
      { userId: 'sam', displayName: 'Sam' },
    ]);
    expect(view).not.toHaveProperty('closingNote');
    expect(view.counselors).toEqual([{ userId: 'maya', displayName: 'Maya', role: 'primary' }]);
    // Where they are on the path of repair, never the reasons for a move.
    expect(view.stage).toBe('transparency');
  });

  it('never decrypts a label for anyone but the case’s counselors', async () => {
    const decrypt = jest.spyOn(encryption, 'decrypt');
    await caseViews(manager(), people, encryption, caller('sam', 'client'), [theCase]);
    expect(decrypt).not.toHaveBeenCalled();
    decrypt.mockRestore();
  });

  it('gives a counselor who is not on the case no labels', async () => {
    const [view] = await caseViews(manager(), people, encryption, caller('omar', 'counselor'), [
      theCase,
    ]);
    expect(view.members.every((m) => m.label === undefined)).toBe(true);
  });

  it('runs no query for an empty page', async () => {
    const m = manager();
    expect(await caseViews(m, people, encryption, caller('dana', 'admin'), [])).toEqual([]);
    expect(m.query).not.toHaveBeenCalled();
  });
});
