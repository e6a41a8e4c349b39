import type { Stage } from './exercises';
import type { Page } from './pagination';
import type { Role, UserStatus } from './roles';

/** A case: one relationship in care (DOMAIN.md, "The unit of care"). */
export const CASE_TYPES = ['couple', 'family', 'individual'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How a case ended; separating with care is as valid an ending as reconciling. */
export const CASE_OUTCOMES = ['reconciled', 'separated_with_care', 'referred_on', 'ended'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** A member's position in the breach; seen by the case's counselors only. */
export const MEMBER_LABELS = ['broke_trust', 'was_hurt', 'both_unclear'] as const;
export type MemberLabel = (typeof MEMBER_LABELS)[number];

export const COUNSELOR_ROLES = ['primary', 'co'] as const;
export type CounselorRole = (typeof COUNSELOR_ROLES)[number];

export const CASE_TYPE_LABELS: Record<CaseType, string> = {
  couple: 'Couple',
  family: 'Family',
  individual: 'Individual',
};

export const CASE_OUTCOME_LABELS: Record<CaseOutcome, string> = {
  reconciled: 'Reconciled',
  separated_with_care: 'Separated with care',
  referred_on: 'Referred on',
  ended: 'Ended',
};

export const MEMBER_LABEL_TEXT: Record<MemberLabel, string> = {
  broke_trust: 'Broke trust',
  was_hurt: 'Was hurt',
  both_unclear: 'Both / unclear',
};

export interface CaseMemberView {
  userId: string;
  displayName: string;
  /** Counselors and admins only. */
  email?: string;
  status?: UserStatus;
  /** The case's counselors only. */
  label?: MemberLabel | null;
}

export interface CaseCounselorView {
  userId: string;
  displayName: string;
  role: CounselorRole;
  /** `invited`: assigned before accepting their invitation (the admin is shown so). */
  status?: UserStatus;
}

export interface CaseSummary {
  id: string;
  title: string;
  type: CaseType;
  status: CaseStatus;
  startedOn: string;
  closedAt: string | null;
  outcome: CaseOutcome | null;
  members: CaseMemberView[];
  counselors: CaseCounselorView[];
}

export interface CaseDetail extends CaseSummary {
  version: number;
  /** Where the case is on the path of repair (the counselor moves it, with a reason). */
  stage: Stage;
  closingNote?: string | null;
}

export type CasePage = Page<CaseSummary>;

export interface NewClientRequest {
  email: string;
  displayName: string;
}

export interface OpenCaseRequest {
  title: string;
  type: CaseType;
  startedOn: string;
  memberIds?: string[];
  newMembers?: NewClientRequest[];
  primaryCounselorId?: string;
  coCounselorIds?: string[];
}

export interface UpdateCaseRequest {
  version: number;
  title?: string;
  type?: CaseType;
  startedOn?: string;
}

export interface AddMemberRequest {
  userId?: string;
  newMember?: NewClientRequest;
}

export interface AssignCounselorsRequest {
  primaryCounselorId: string | null;
  coCounselorIds: string[];
  reason: string;
}

export interface CloseCaseRequest {
  outcome: CaseOutcome;
  note?: string;
}

export interface SetMemberLabelRequest {
  label: MemberLabel | null;
}

export interface UpdateUserRequest {
  displayName: string;
}

/** One row of the admin's caseload overview. */
export interface CounselorLoad {
  counselor: { id: string; displayName: string; status: UserStatus };
  openCases: number;
  primaryCases: number;
}

export interface CaseloadOverview {
  counselors: CounselorLoad[];
  unassignedOpenCases: number;
  openCases: number;
}

/** An audit event as the admin sees it: metadata, never clinical content. */
export interface AuditEventView {
  id: string;
  at: string;
  actor: { id: string; displayName: string; role: Role } | null;
  action: string;
  entityType: string;
  entityId: string;
  /**
   * What the record is called now, read within the caller's clinic: a case's title, a person's
   * name, the clinic's name. Null for other kinds of record, and for one that no longer exists
   * or is out of the caller's reach (the page then shows its kind and id).
   */
  entityName: string | null;
  details: Record<string, unknown>;
  /**
   * Names of the records the details point to, by their key (`caseId`: the case's title,
   * `userId`, `authorId`, `clientId`: the person's name), for those still within reach.
   */
  detailNames: Record<string, string>;
}

/** `GET /api/counselors/:id/open-cases` (admin): what a counselor leaves behind when disabled. */
export interface CounselorOpenCase {
  id: string;
  title: string;
  /** Other counselors on the case (0: the case would have none). */
  otherCounselors: number;
}
