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

const byName = (a: { displayName: string; id: string }, b: { displayName: string; id: string }) =>
  a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id);

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
  const members = rows.filter((r): r is MemberRow & { kind: 'member' } => r.kind === 'member');
  const counselors = rows.filter(
    (r): r is CounselorRow & { kind: 'counselor' } => r.kind === 'counselor',
  );
  const profiles = new Map(
    (
      await people.profiles(
        caller,
        [...members, ...counselors].map((r) => r.user_id),
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
    const ownCounselors = counselors
      .filter((k) => k.case_id === c.id)
      .sort(
        (a, b) =>
          Number(b.role === 'primary') - Number(a.role === 'primary') ||
          byName(person(a.user_id), person(b.user_id)),
      );
    const isCaseCounselor =
      caller.role === 'counselor' && ownCounselors.some((k) => k.user_id === caller.id);
    const memberViews = members
      .filter((m) => m.case_id === c.id)
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
