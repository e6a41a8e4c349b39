import type { Answers, FieldDef, Stage } from './exercises';

/** The error code of a joint action refused while joint work is closed. */
export const JOINT_WORK_CLOSED = 'joint_work_closed';
/** The error code of an exercise from a later stage than the case's, not yet confirmed. */
export const LATER_STAGE = 'later_stage';

export const INTERVIEW_MODES = ['in_person', 'video', 'phone'] as const;
export type InterviewMode = (typeof INTERVIEW_MODES)[number];
export const INTERVIEW_MODE_LABELS: Record<InterviewMode, string> = {
  in_person: 'In person',
  video: 'Video call',
  phone: 'Phone call',
};

export const INTERVIEW_OUTCOMES = ['cleared', 'not_cleared', 'individual_first'] as const;
export type InterviewOutcome = (typeof INTERVIEW_OUTCOMES)[number];
export const INTERVIEW_OUTCOME_LABELS: Record<InterviewOutcome, string> = {
  cleared: 'Cleared for joint work',
  not_cleared: 'Not cleared',
  individual_first: 'Needs individual work first',
};

export type AlertSource = 'homework' | 'safety_check';

export interface PersonRef {
  userId: string;
  displayName: string;
}

/** A client's own safety check-in (never shown to anyone else but their counselors). */
export interface MySafetyCheck {
  id: string;
  caseId: string;
  caseTitle: string;
  title: string;
  instructions: string;
  fields: FieldDef[];
  answers: Answers;
  version: number;
  savedAt: string | null;
  submittedAt: string | null;
  requestedAt: string;
  crisisText: string;
}

export interface SafetyCheckSummary {
  id: string;
  caseId: string;
  caseTitle: string;
  requestedAt: string;
  submittedAt: string | null;
}

export interface SaveSafetyCheckRequest {
  answers: Answers;
  version: number;
}

export interface CriticalAnswer {
  key: string;
  label: string;
  answer: string;
}

/** A submitted check as the case's counselors read it (every read is audited). */
export interface SafetyCheckView {
  id: string;
  member: PersonRef;
  requestedAt: string;
  submittedAt: string | null;
  fields: FieldDef[];
  answers: Answers;
  critical: CriticalAnswer[];
}

export interface InterviewView {
  id: string;
  clientId: string;
  counselor: PersonRef;
  heldOn: string;
  mode: InterviewMode;
  outcome: InterviewOutcome;
  note: string | null;
  createdAt: string;
  /** Recorded after the latest closure of joint work, so it counts for the gate. */
  current: boolean;
}

export interface RecordInterviewRequest {
  clientId: string;
  heldOn: string;
  mode: InterviewMode;
  outcome: InterviewOutcome;
  note?: string;
}

/** Why a member keeps joint work closed. */
export type GateMissing = 'no_conversation' | 'not_cleared' | 'individual_first';

export interface JointWorkState {
  /** Couples and families only; an individual case has no joint work. */
  applies: boolean;
  open: boolean;
  missing: (PersonRef & { reason: GateMissing })[];
  closedAt: string | null;
}

export interface MemberSafety extends PersonRef {
  cleared: boolean;
  latestCheck: {
    id: string;
    requestedAt: string;
    submittedAt: string | null;
    critical: boolean;
  } | null;
  /** When the next check is asked, while the case is open. */
  recheckOn: string | null;
  interviews: InterviewView[];
}

export interface JointWorkClosureView {
  id: string;
  closedAt: string;
  closedBy: PersonRef;
  reason: string;
}

/** The counselor's safety page of a case. */
export interface CaseSafetyView {
  caseId: string;
  jointWork: JointWorkState;
  recheckWeeks: number;
  members: MemberSafety[];
  closures: JointWorkClosureView[];
}

export interface CloseJointWorkRequest {
  reason: string;
}

export interface SafetySettingsRequest {
  recheckWeeks: number;
}

/** What a client is told about joint work: never why. */
export interface MyJointWork {
  caseId: string;
  open: boolean;
  message: string;
}

export interface AlertView {
  id: string;
  caseId: string;
  caseTitle: string;
  member: PersonRef;
  source: AlertSource;
  sourceId: string;
  title: string;
  answers: { label: string; answer: string }[];
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: PersonRef | null;
  followUp: string | null;
}

export interface AcknowledgeAlertRequest {
  followUp: string;
}

/** For admins: counts per counselor, never whose or why. */
export interface SafetyCounts {
  counselors: {
    counselorId: string;
    displayName: string;
    /** Alerts unacknowledged for over 24 hours. */
    overdueAlerts: number;
    /** Safety checks asked and not yet answered. */
    waitingChecks: number;
  }[];
}

/** The clinic's crisis text, shown to a client who picks a critical answer. */
export interface CrisisText {
  text: string;
  /** Mend's default text (the clinic has not written its own). */
  isDefault: boolean;
}

export interface CrisisTextRequest {
  /** Empty: go back to Mend's default. */
  text: string;
}

/** The path of repair. */
export interface StageChangeView {
  id: string;
  from: Stage;
  to: Stage;
  reason: string;
  changedAt: string;
  changedBy: PersonRef;
}

export interface CasePathView {
  caseId: string;
  stage: Stage;
  history: StageChangeView[];
}

export interface SetStageRequest {
  stage: Stage;
  reason: string;
}

/** A client's view of their path: where they are and what comes next, never a timer. */
export interface MyPathView {
  caseId: string;
  caseTitle: string;
  stage: Stage;
}

/** Agreements both partners sign. */
export const AGREEMENT_CATEGORIES = [
  'contact_boundaries',
  'behaviour_change',
  'check_in_rhythm',
  'other',
] as const;
export type AgreementCategory = (typeof AGREEMENT_CATEGORIES)[number];
export const AGREEMENT_CATEGORY_LABELS: Record<AgreementCategory, string> = {
  contact_boundaries: 'Contact boundaries',
  behaviour_change: 'Behaviour change',
  check_in_rhythm: 'Check-in rhythm',
  other: 'Other',
};

export type AgreementStatus = 'draft' | 'signed';

export interface AgreementItem {
  category: AgreementCategory;
  text: string;
}

export interface AgreementSummary {
  id: string;
  number: number;
  status: AgreementStatus;
  reviewOn: string | null;
  signedAt: string | null;
  updatedAt: string;
}

export interface AgreementView extends AgreementSummary {
  caseId: string;
  items: AgreementItem[];
  version: number;
  signatures: (PersonRef & { typedName: string; signedAt: string })[];
  /** Every current member, and whether they signed this version. */
  members: (PersonRef & { signed: boolean })[];
  can: { edit: boolean; sign: boolean; review: boolean };
}

export interface SaveAgreementRequest {
  items: AgreementItem[];
  reviewOn: string | null;
  version: number;
}

export interface SignAgreementRequest {
  typedName: string;
  version: number;
}
