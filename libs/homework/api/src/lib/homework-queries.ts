import type { HomeworkStatus, HomeworkSummary, Person } from '@mend/shared/contracts';
import type { VersionRef } from '@mend/exercises/api';

export interface HomeworkRow {
  id: string;
  case_id: string;
  assignment_id: string;
  exercise_version_id: string;
  user_id: string | null;
  due_on: string;
  overdue: boolean;
  status: HomeworkStatus;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  shared_at: Date | null;
}

/** The columns of a homework list row (from `homework h`); never the answers. */
export const HOMEWORK_COLUMNS = `h.id, h.case_id, h.assignment_id, h.exercise_version_id, h.user_id,
         to_char(h.due_on, 'YYYY-MM-DD') AS due_on,
         (h.due_on < current_date AND h.status IN ('not_started', 'draft')) AS overdue,
         h.status, h.submitted_at, h.reviewed_at, h.shared_at`;

/** What a list row shows beside the homework's own columns, from the other domains' ports. */
export interface RowNames {
  caseTitles: Map<string, string>;
  versions: Map<string, VersionRef>;
  person: (id: string | null) => Person | null;
  /** Cases whose joint work is closed: their together homework is paused. */
  closedJoint?: Set<string>;
}

export function toHomeworkSummary(
  row: HomeworkRow,
  names: RowNames,
  viewerId: string,
): HomeworkSummary {
  const version = names.versions.get(row.exercise_version_id);
  // The composite foreign key keeps every homework on a version of its own clinic.
  if (!version) throw new Error('A homework row refers to a missing exercise version.');
  return {
    id: row.id,
    caseId: row.case_id,
    caseTitle: names.caseTitles.get(row.case_id) ?? '',
    assignmentId: row.assignment_id,
    title: version.title,
    stage: version.stage,
    together: row.user_id === null,
    member: row.user_id
      ? { userId: row.user_id, displayName: names.person(row.user_id)?.displayName ?? '' }
      : null,
    dueOn: row.due_on,
    overdue: row.overdue,
    status: row.status,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    reviewedAt: row.reviewed_at ? new Date(row.reviewed_at).toISOString() : null,
    shared: row.shared_at !== null,
    mine: row.user_id === null || row.user_id === viewerId,
    paused: row.user_id === null && (names.closedJoint?.has(row.case_id) ?? false),
    isMeasure: Boolean(version.measure),
  };
}

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
