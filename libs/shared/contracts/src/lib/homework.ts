import type {
  Answers,
  Audience,
  ExerciseContent,
  MeasureBand,
  MeasureResult,
  Recurrence,
  Stage,
} from './exercises';
import type { Page } from './pagination';

/** Who an assignment is for: one member, each member separately, or the members together. */
export const ASSIGNMENT_TARGETS = ['member', 'each', 'together'] as const;
export type AssignmentTarget = (typeof ASSIGNMENT_TARGETS)[number];

export const HOMEWORK_STATUSES = ['not_started', 'draft', 'submitted', 'reviewed'] as const;
export type HomeworkStatus = (typeof HOMEWORK_STATUSES)[number];

export const HOMEWORK_STATUS_LABELS: Record<HomeworkStatus, string> = {
  not_started: 'Not started',
  draft: 'Draft',
  submitted: 'Submitted',
  reviewed: 'Reviewed',
};

export interface AssignExerciseRequest {
  exerciseId: string;
  target: AssignmentTarget;
  /** target = member */
  memberId?: string;
  /** YYYY-MM-DD: the first (or only) due date */
  dueOn: string;
  recurrence: Recurrence;
  /** YYYY-MM-DD: the last due date of a daily or weekly assignment */
  until?: string;
  instructions?: string;
  /** The counselor confirmed assigning an exercise from a later stage than the case's. */
  confirmLaterStage?: boolean;
}

export interface ReopenHomeworkRequest {
  /** What to revise: the client sees it with the homework. */
  reason: string;
}

export interface AssignmentView {
  id: string;
  caseId: string;
  exercise: { id: string; title: string; version: number; stage: Stage; audience: Audience };
  target: AssignmentTarget;
  members: { userId: string; displayName: string }[];
  recurrence: Recurrence;
  firstDueOn: string;
  until: string | null;
  instructions: string | null;
  active: boolean;
  createdAt: string;
}

/** One piece of homework in a list. Never carries answers. */
export interface HomeworkSummary {
  id: string;
  caseId: string;
  caseTitle: string;
  assignmentId: string;
  title: string;
  stage: Stage;
  together: boolean;
  /** The member it is for; null for together homework. */
  member: { userId: string; displayName: string } | null;
  dueOn: string;
  overdue: boolean;
  status: HomeworkStatus;
  submittedAt: string | null;
  reviewedAt: string | null;
  shared: boolean;
  /** The viewer's own homework (or together homework of their case). */
  mine: boolean;
  /** Together homework while the case's joint work is closed: kept, not editable. */
  paused: boolean;
  /** A scored measure. */
  isMeasure: boolean;
}

export interface FeedbackView {
  id: string;
  author: { userId: string; displayName: string };
  body: string;
  createdAt: string;
  reply: {
    author: { userId: string; displayName: string };
    body: string;
    createdAt: string;
  } | null;
}

/** A person a `member` question can name. */
export interface HomeworkMember {
  userId: string;
  displayName: string;
  /** Named by an answer, but no longer a member of the case. */
  former?: boolean;
}

export interface HomeworkDetail extends HomeworkSummary {
  /**
   * The exercise as given. `audience` (e.g. "the person who broke trust") is the counselors'
   * label and only present for them: a client never reads who an exercise was meant for.
   */
  exercise: Omit<ExerciseContent, 'audience'> & {
    id: string;
    version: number;
    audience?: Audience;
  };
  /** The counselor's personal instructions. */
  instructions: string | null;
  answers: Answers;
  /** A counselor looking at individual homework in progress: the text stays the client's own. */
  answersHidden: boolean;
  /** Why the counselor sent it back for revision. */
  revisionReason: string | null;
  /** A measure's locked result, once submitted. */
  measureResult: MeasureResult | null;
  /** For the people writing it, when a question has a critical answer: the clinic's crisis text. */
  crisisText: string | null;
  /** Bumped by every save of the response; a stale save answers 409. */
  version: number;
  savedAt: string | null;
  feedback: FeedbackView[];
  /**
   * For a form with a `member` question: the people it can name (the case's members), then any
   * person an answer names who is no longer a member (`former`), so every answer reads as a name.
   * Empty when the form has no such question.
   */
  members: HomeworkMember[];
  /** Together homework: who has confirmed the current version. */
  confirmations: { userId: string; displayName: string; confirmedAt: string }[];
  /** Together homework: members who confirmed an earlier version and must confirm again. */
  staleConfirmations: { userId: string; displayName: string }[];
  /** What the viewer may do. */
  can: { edit: boolean; submit: boolean; review: boolean; share: boolean; reply: boolean };
}

export type HomeworkPage = Page<HomeworkSummary>;

export interface SaveDraftRequest {
  answers: Answers;
  version: number;
}

export interface DraftSaved {
  version: number;
  savedAt: string;
  status: HomeworkStatus;
}

export interface FeedbackRequest {
  body: string;
}

/** A 0–10 answer over time, for progress charts. */
export interface TrendPoint {
  homeworkId: string;
  on: string;
  value: number;
}

export interface TrendSeries {
  userId: string;
  displayName: string;
  fieldKey: string;
  fieldLabel: string;
  exerciseTitle: string;
  points: TrendPoint[];
}

/** One member's results of one measure over time, with its bands. */
export interface MeasureSeries {
  userId: string;
  displayName: string;
  exerciseId: string;
  title: string;
  bands: MeasureBand[];
  points: { homeworkId: string; on: string; score: number; band: MeasureBand | null }[];
}

/** Partners' latest readings far apart, or one partner's safety reading dropping. */
export interface GapFlag {
  caseId: string;
  kind: 'gap' | 'drop';
  /** e.g. "Trust thermometer · How much I trust my partner today" */
  label: string;
  detail: string;
}

export interface ProgressView {
  caseId: string;
  series: TrendSeries[];
  measures: MeasureSeries[];
  /** Counselors only. */
  flags: GapFlag[];
  /** Counselors only: how many points apart partners' readings flag the case. */
  gapThreshold?: number;
}

/** The admin's counts per counselor: never content. */
export interface HomeworkCounts {
  counselors: {
    counselorId: string;
    displayName: string;
    assigned: number;
    overdue: number;
    unreviewed: number;
  }[];
}
