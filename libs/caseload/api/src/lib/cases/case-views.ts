import type { EntityManager } from 'typeorm';
import type {
  CaseCounselorView,
  CaseDetail,
  CaseMemberView,
  CounselorRole,
  UserStatus,
} from '@mend/shared/contracts';
import type { Caller, People } from '@mend/auth/api';
import type { FieldEncryptionService } from '@mend/shared/server';
import { Case } from '../entities';
import { openClosingNote, openLabel } from './case-text';

interface MemberRow {
  id: string;
  case_id: string;
  user_id: string;
  label_enc: string | null;
}

interface CounselorRow {
  case_id: string;
  user_id: string;
  role: CounselorRole;
}

/** `localeCompare`'s order, with the collator made once instead of looked up on every call. */
const collator = new Intl.Collator();

const byName = (a: { displayName: string; id: string }, b: { displayName: string; id: string }) =>
  collator.compare(a.displayName, b.displayName) || collator.compare(a.id, b.id);

function addTo<T extends { case_id: string }>(groups: Map<string, T[]>, row: T): void {
  const group = groups.get(row.case_id);
  if (group) group.push(row);
  else groups.set(row.case_id, [row]);
}

/**
 * Cases as the caller may see them, with members and counselors loaded in two queries for the
 * whole page. What a member row shows depends on who asks: the case's counselors see labels,
 * admins see contact details but never labels, clients see names only.
 */
export async function caseViews(
  manager: EntityManager,
  people: People,
  encryption: FieldEncryptionService,
  caller: Caller,
  cases: Case[],
): Promise<CaseDetail[]> {
  if (cases.length === 0) return [];
  const ids = cases.map((c) => c.id);
  // Members and counselors of the whole page in one statement.
  const rows: ((MemberRow & { kind: 'member' }) | (CounselorRow & { kind: 'counselor' }))[] =
    await manager.query(
      `SELECT 'member' AS kind, id, case_id, user_id, label_enc, NULL AS role FROM case_members WHERE case_id = ANY($1)
       UNION ALL
       SELECT 'counselor', id, case_id, user_id, NULL, role FROM case_counselors WHERE case_id = ANY($1)`,
      [ids],
    );
  // Grouped by case once: a page of 25 cases used to filter every row for every case.
  const membersOf = new Map<string, MemberRow[]>();
  const counselorsOf = new Map<string, CounselorRow[]>();
  for (const row of rows) {
    if (row.kind === 'member') addTo(membersOf, row);
    else addTo(counselorsOf, row);
  }
  const profiles = new Map(
    (
      await people.profiles(
        caller,
        rows.map((r) => r.user_id),
      )
    ).map((p) => [p.id, p]),
  );
  const person = (userId: string) =>
    profiles.get(userId) ?? {
      id: userId,
      displayName: '',
      email: '',
      status: 'disabled' as UserStatus,
    };
  return cases.map((c) => {
    const ownCounselors = (counselorsOf.get(c.id) ?? []).sort(
      (a, b) =>
        Number(b.role === 'primary') - Number(a.role === 'primary') ||
        byName(person(a.user_id), person(b.user_id)),
    );
    const isCaseCounselor =
      caller.role === 'counselor' && ownCounselors.some((k) => k.user_id === caller.id);
    const memberViews = (membersOf.get(c.id) ?? [])
      .sort((a, b) => byName(person(a.user_id), person(b.user_id)))
      .map((m): CaseMemberView => {
        const who = person(m.user_id);
        if (caller.role === 'client') return { userId: m.user_id, displayName: who.displayName };
        const view: CaseMemberView = {
          userId: m.user_id,
          displayName: who.displayName,
          email: who.email,
          status: who.status,
        };
        // Decrypted for the case's counselors only: nobody else is ever sent a label.
        if (isCaseCounselor) view.label = openLabel(encryption, m.id, m.label_enc);
        return view;
      });
    const counselorViews = ownCounselors.map(
      (k): CaseCounselorView => ({
        userId: k.user_id,
        displayName: person(k.user_id).displayName,
        role: k.role,
        // Staff see who has not accepted their invitation yet; a client sees names only.
        ...(caller.role === 'client' ? {} : { status: person(k.user_id).status }),
      }),
    );
    const detail: CaseDetail = {
      id: c.id,
      title: c.title,
      type: c.type,
      status: c.status,
      startedOn: c.startedOn,
      closedAt: c.closedAt ? c.closedAt.toISOString() : null,
      outcome: c.outcome,
      members: memberViews,
      counselors: counselorViews,
      version: c.version,
      stage: c.stage,
    };
    if (caller.role !== 'client')
      detail.closingNote = openClosingNote(encryption, c.id, c.closingNoteEnc);
    return detail;
  });
}
