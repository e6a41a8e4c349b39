import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from '@mend/auth/api';
import { CasesService } from '@mend/caseload/api';
import type { HomeworkCounts, ProgressView, TrendSeries } from '@mend/shared/contracts';

interface ScoreRow {
  user_id: string;
  display_name: string;
  field_key: string;
  field_label: string | null;
  exercise_title: string;
  homework_id: string;
  on: string;
  value: number;
}

const SCORES = `
  SELECT s.user_id, u.display_name, s.field_key, s.value, s.homework_id, v.title AS exercise_title,
         to_char(s.recorded_on, 'YYYY-MM-DD') AS on,
         (SELECT f->>'label' FROM jsonb_array_elements(v.fields) f WHERE f->>'key' = s.field_key LIMIT 1) AS field_label
    FROM homework_scores s
    JOIN users u ON u.id = s.user_id
    JOIN homework h ON h.id = s.homework_id
    JOIN exercise_versions v ON v.id = h.exercise_version_id`;

/** Lines of 0–10 answers over time, one per member, exercise and question; the thermometer first. */
function toSeries(rows: ScoreRow[]): TrendSeries[] {
  const series = new Map<string, TrendSeries>();
  for (const row of rows) {
    const id = `${row.user_id}|${row.exercise_title}|${row.field_key}`;
    let line = series.get(id);
    if (!line) {
      line = {
        userId: row.user_id,
        displayName: row.display_name,
        fieldKey: row.field_key,
        fieldLabel: row.field_label ?? row.field_key,
        exerciseTitle: row.exercise_title,
        points: [],
      };
      series.set(id, line);
    }
    line.points.push({ homeworkId: row.homework_id, on: row.on, value: row.value });
  }
  const rank = (s: TrendSeries) => (s.exerciseTitle === 'Trust thermometer' ? 0 : 1);
  return [...series.values()].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.exerciseTitle.localeCompare(b.exerciseTitle) ||
      a.fieldKey.localeCompare(b.fieldKey) ||
      a.displayName.localeCompare(b.displayName),
  );
}

@Injectable()
export class ProgressService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
  ) {}

  /** Every member of the case side by side (counselors of the case). */
  async forCase(caller: Caller, caseId: string): Promise<ProgressView> {
    await this.cases.requireCase(caller, caseId);
    const rows: ScoreRow[] = await this.dataSource.query(
      `${SCORES} WHERE s.case_id = $1 AND s.clinic_id = $2 ORDER BY s.recorded_on, h.due_on, s.homework_id`,
      [caseId, caller.clinicId],
    );
    return { caseId, series: toSeries(rows) };
  }

  /** A client's own lines only. */
  async mine(caller: Caller): Promise<ProgressView> {
    const rows: ScoreRow[] = await this.dataSource.query(
      `${SCORES} WHERE s.user_id = $1 AND s.clinic_id = $2 ORDER BY s.recorded_on, h.due_on, s.homework_id`,
      [caller.id, caller.clinicId],
    );
    const [current]: { case_id: string }[] = await this.dataSource.query(
      `SELECT m.case_id FROM case_members m JOIN cases c ON c.id = m.case_id WHERE m.user_id = $1 ORDER BY (c.status = 'open') DESC, c.started_on DESC LIMIT 1`,
      [caller.id],
    );
    return { caseId: current?.case_id ?? '', series: toSeries(rows) };
  }

  /** For admins: outstanding, overdue and unreviewed homework per primary counselor, counts only. */
  async counts(caller: Caller): Promise<HomeworkCounts> {
    const rows: {
      id: string;
      display_name: string;
      assigned: number;
      overdue: number;
      unreviewed: number;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.display_name,
              count(h.id) FILTER (WHERE h.status IN ('not_started', 'draft'))::int AS assigned,
              count(h.id) FILTER (WHERE h.status IN ('not_started', 'draft') AND h.due_on < current_date)::int AS overdue,
              count(h.id) FILTER (WHERE h.status = 'submitted')::int AS unreviewed
         FROM users u
         LEFT JOIN case_counselors k ON k.user_id = u.id AND k.role = 'primary'
         LEFT JOIN cases c ON c.id = k.case_id AND c.status = 'open'
         LEFT JOIN homework h ON h.case_id = c.id
        WHERE u.clinic_id = $1 AND u.role = 'counselor'
        GROUP BY u.id
        ORDER BY u.display_name, u.id`,
      [caller.clinicId],
    );
    return {
      counselors: rows.map((r) => ({
        counselorId: r.id,
        displayName: r.display_name,
        assigned: r.assigned,
        overdue: r.overdue,
        unreviewed: r.unreviewed,
      })),
    };
  }
}
