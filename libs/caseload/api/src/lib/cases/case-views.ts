import type { EntityManager } from 'typeorm';
import type {
  CaseCounselorView,
  CaseDetail,
  CaseMemberView,
  CounselorRole,
  MemberLabel,
  UserStatus,
} from '@mend/shared/contracts';
import type { Caller } from '@mend/auth/api';
import { Case } from '../entities';

interface MemberRow {
  case_id: string;
  user_id: string;
  label: MemberLabel | null;
  display_name: string;
  email: string;
  status: UserStatus;
}

interface CounselorRow {
  case_id: string;
  user_id: string;
  role: CounselorRole;
  display_name: string;
}

/**
 * Cases as the caller may see them, with members and counselors loaded in two queries for the
 * whole page. What a member row shows depends on who asks: the case's counselors see labels,
 * admins see contact details but never labels, clients see names only.
 */
export async function caseViews(
  manager: EntityManager,
  caller: Caller,
  cases: Case[],
): Promise<CaseDetail[]> {
  if (cases.length === 0) return [];
  const ids = cases.map((c) => c.id);
  const [members, counselors]: [MemberRow[], CounselorRow[]] = [
    await manager.query(
      `SELECT m.case_id, m.user_id, m.label, u.display_name, u.email, u.status
         FROM case_members m JOIN users u ON u.id = m.user_id
        WHERE m.case_id = ANY($1) AND m.clinic_id = $2
        ORDER BY u.display_name, u.id`,
      [ids, caller.clinicId],
    ),
    await manager.query(
      `SELECT k.case_id, k.user_id, k.role, u.display_name
         FROM case_counselors k JOIN users u ON u.id = k.user_id
        WHERE k.case_id = ANY($1) AND k.clinic_id = $2
        ORDER BY (k.role = 'primary') DESC, u.display_name, u.id`,
      [ids, caller.clinicId],
    ),
  ];
  return cases.map((c) => {
    const ownCounselors = counselors.filter((k) => k.case_id === c.id);
    const isCaseCounselor =
      caller.role === 'counselor' && ownCounselors.some((k) => k.user_id === caller.id);
    const memberViews = members
      .filter((m) => m.case_id === c.id)
      .map((m): CaseMemberView => {
        if (caller.role === 'client') return { userId: m.user_id, displayName: m.display_name };
        const view: CaseMemberView = {
          userId: m.user_id,
          displayName: m.display_name,
          email: m.email,
          status: m.status,
        };
        if (isCaseCounselor) view.label = m.label;
        return view;
      });
    const counselorViews = ownCounselors.map(
      (k): CaseCounselorView => ({ userId: k.user_id, displayName: k.display_name, role: k.role }),
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
    };
    if (caller.role !== 'client') detail.closingNote = c.closingNote;
    return detail;
  });
}
