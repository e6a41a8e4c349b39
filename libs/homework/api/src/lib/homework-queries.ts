import type { HomeworkStatus, HomeworkSummary, Stage } from '@mend/shared/contracts';

export interface HomeworkRow {
  id: string;
  case_id: string;
  case_title: string;
  assignment_id: string;
  title: string;
  stage: Stage;
  user_id: string | null;
  member_name: string | null;
  due_on: string;
  overdue: boolean;
  status: HomeworkStatus;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  shared_at: Date | null;
}

/** The columns of a homework list row; never the answers. */
export const HOMEWORK_SELECT = `
  SELECT h.id, h.case_id, c.title AS case_title, h.assignment_id, v.title, v.stage, h.user_id,
         u.display_name AS member_name, to_char(h.due_on, 'YYYY-MM-DD') AS due_on,
         (h.due_on < current_date AND h.status IN ('not_started', 'draft')) AS overdue,
         h.status, h.submitted_at, h.reviewed_at, h.shared_at
    FROM homework h
    JOIN cases c ON c.id = h.case_id
    JOIN exercise_versions v ON v.id = h.exercise_version_id
    LEFT JOIN users u ON u.id = h.user_id`;

/** Homework of cases the counselor is assigned to. `$1` clinic, `$2` counselor. */
export const COUNSELOR_SCOPE = `h.clinic_id = $1 AND EXISTS (
  SELECT 1 FROM case_counselors k WHERE k.case_id = h.case_id AND k.user_id = $2)`;

/** A client's own homework and together homework of their cases. `$1` clinic, `$2` client. */
export const CLIENT_OWN_SCOPE = `h.clinic_id = $1 AND (h.user_id = $2 OR (h.user_id IS NULL AND EXISTS (
  SELECT 1 FROM case_members m WHERE m.case_id = h.case_id AND m.user_id = $2)))`;

/** Other members' responses a counselor shared with this client. `$1` clinic, `$2` client. */
export const CLIENT_SHARED_SCOPE = `h.clinic_id = $1 AND h.shared_at IS NOT NULL AND h.user_id <> $2 AND EXISTS (
  SELECT 1 FROM case_members m WHERE m.case_id = h.case_id AND m.user_id = $2)`;

export function toHomeworkSummary(row: HomeworkRow, viewerId: string): HomeworkSummary {
  return {
    id: row.id,
    caseId: row.case_id,
    caseTitle: row.case_title,
    assignmentId: row.assignment_id,
    title: row.title,
    stage: row.stage,
    together: row.user_id === null,
    member: row.user_id ? { userId: row.user_id, displayName: row.member_name ?? '' } : null,
    dueOn: row.due_on,
    overdue: row.overdue,
    status: row.status,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    reviewedAt: row.reviewed_at ? new Date(row.reviewed_at).toISOString() : null,
    shared: row.shared_at !== null,
    mine: row.user_id === null || row.user_id === viewerId,
  };
}

/** Adds `days` to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A stable text of a response, to tell whether a retried save carries the same answers. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
