import { Injectable } from '@nestjs/common';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { CaseAccess } from '@mend/caseload/api';
import { ExerciseVersions } from '@mend/exercises/api';
import type { HomeworkCounts, ProgressView, TrendSeries } from '@mend/shared/contracts';
import { ClinicDb } from '@mend/shared/server';

interface ScoreRow {
  user_id: string;
  field_key: string;
  exercise_version_id: string;
  homework_id: string;
  on: string;
  value: number;
}

const SCORES = `
  SELECT s.user_id, s.field_key, s.value, s.homework_id, h.exercise_version_id,
         to_char(s.recorded_on, 'YYYY-MM-DD') AS on
    FROM homework_scores s
    JOIN homework h ON h.id = s.homework_id`;

@Injectable()
export class ProgressService {
  constructor(
    private readonly db: ClinicDb,
    private readonly access: CaseAccess,
    private readonly versions: ExerciseVersions,
    private readonly people: People,
  ) {}

  /** Every member of the case side by side (counselors of the case). */
  async forCase(caller: Caller, caseId: string): Promise<ProgressView> {
    return this.db.run(caller, async (tx) => {
      await this.access.require(caller, caseId, 'counsel');
      const rows: ScoreRow[] = await tx.query(
        `${SCORES} WHERE s.case_id = $1 ORDER BY s.recorded_on, h.due_on, s.homework_id`,
        [caseId],
      );
      return { caseId, series: await this.series(caller, rows), measures: [], flags: [] };
    });
  }

  /** A client's own lines only. */
  async mine(caller: Caller): Promise<ProgressView> {
    return this.db.run(caller, async (tx) => {
      const rows: ScoreRow[] = await tx.query(
        `${SCORES} WHERE s.user_id = $1 ORDER BY s.recorded_on, h.due_on, s.homework_id`,
        [caller.id],
      );
      const cases = await this.access.cases(caller);
      const current = [...cases].sort(
        (a, b) =>
          Number(b.status === 'open') - Number(a.status === 'open') ||
          b.startedOn.localeCompare(a.startedOn),
      )[0];
      return {
        caseId: current?.id ?? '',
        series: await this.series(caller, rows),
        measures: [],
        flags: [],
      };
    });
  }

  /** For admins: outstanding, overdue and unreviewed homework per primary counselor, counts only. */
  async counts(caller: Caller): Promise<HomeworkCounts> {
    return this.db.run(caller, async (tx) => {
      // A view of counts per case: admins never read a homework row.
      const perCase: { case_id: string; assigned: number; overdue: number; unreviewed: number }[] =
        await tx.query(`SELECT case_id, assigned, overdue, unreviewed FROM homework_case_counts`);
      const byCase = new Map(perCase.map((c) => [c.case_id, c]));
      const totals = new Map<string, { assigned: number; overdue: number; unreviewed: number }>();
      for (const { caseId, counselorId } of await this.access.primaryCounselors(caller)) {
        const counts = byCase.get(caseId);
        const sum = totals.get(counselorId) ?? { assigned: 0, overdue: 0, unreviewed: 0 };
        if (counts) {
          sum.assigned += counts.assigned;
          sum.overdue += counts.overdue;
          sum.unreviewed += counts.unreviewed;
        }
        totals.set(counselorId, sum);
      }
      const counselors = await this.people.withRole(caller, 'counselor');
      return {
        counselors: counselors.map((c) => ({
          counselorId: c.id,
          displayName: c.displayName,
          assigned: totals.get(c.id)?.assigned ?? 0,
          overdue: totals.get(c.id)?.overdue ?? 0,
          unreviewed: totals.get(c.id)?.unreviewed ?? 0,
        })),
      };
    });
  }

  /** Lines of 0–10 answers over time, one per member, exercise and question; the thermometer first. */
  private async series(caller: Caller, rows: ScoreRow[]): Promise<TrendSeries[]> {
    const versions = await this.versions.get(
      caller,
      rows.map((r) => r.exercise_version_id),
    );
    const person = await this.people.lookup(
      caller,
      rows.map((r) => r.user_id),
    );
    const series = new Map<string, TrendSeries>();
    for (const row of rows) {
      const version = versions.get(row.exercise_version_id);
      const exerciseTitle = version?.title ?? '';
      const id = `${row.user_id}|${exerciseTitle}|${row.field_key}`;
      let line = series.get(id);
      if (!line) {
        line = {
          userId: row.user_id,
          displayName: person(row.user_id)?.displayName ?? '',
          fieldKey: row.field_key,
          fieldLabel: version?.fields.find((f) => f.key === row.field_key)?.label ?? row.field_key,
          exerciseTitle,
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
}
