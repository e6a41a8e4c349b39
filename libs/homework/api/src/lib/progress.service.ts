import { Injectable } from '@nestjs/common';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { CaseAccess } from '@mend/caseload/api';
import { ExerciseVersions } from '@mend/exercises/api';
import type {
  GapFlag,
  HomeworkCounts,
  MeasureSeries,
  ProgressView,
  TrendSeries,
} from '@mend/shared/contracts';
import { EntityManager } from 'typeorm';
import { ClinicDb, FieldEncryptionService } from '@mend/shared/server';
import { openMeasureResult, openScore } from './homework-scores';

interface ScoreRow {
  case_id: string;
  user_id: string;
  field_key: string;
  exercise_version_id: string;
  homework_id: string;
  on: string;
  value: number;
}

/** The rows are ordered and filtered in SQL; their encrypted values are read in `scores`. */
const SCORES = `
  SELECT s.id, s.case_id, s.user_id, s.field_key, s.value_enc, s.homework_id, h.exercise_version_id,
         to_char(s.recorded_on, 'YYYY-MM-DD') AS on
    FROM homework_scores s
    JOIN homework h ON h.id = s.homework_id`;

type StoredScoreRow = Omit<ScoreRow, 'value'> & { id: string; value_enc: string };

interface ResultRow {
  id: string;
  homework_id: string;
  user_id: string;
  exercise_id: string;
  exercise_version_id: string;
  result_enc: string;
  on: string;
}

/** The exercise versions and the people a request's rows name. */
interface Names {
  versions: Awaited<ReturnType<ExerciseVersions['get']>>;
  person: Awaited<ReturnType<People['lookup']>>;
}

@Injectable()
export class ProgressService {
  constructor(
    private readonly db: ClinicDb,
    private readonly access: CaseAccess,
    private readonly versions: ExerciseVersions,
    private readonly people: People,
    private readonly encryption: FieldEncryptionService,
  ) {}

  /** Every member of the case side by side (counselors of the case). */
  async forCase(caller: Caller, caseId: string): Promise<ProgressView> {
    return this.db.run(caller, async (tx) => {
      const theCase = await this.access.require(caller, caseId, 'counsel');
      const rows = await this.scores(
        tx,
        `${SCORES} WHERE s.case_id = $1 ORDER BY s.recorded_on, h.due_on, s.homework_id`,
        [caseId],
      );
      const results = await this.results(tx, `mr.case_id = $1`, [caseId]);
      const names = await this.names(caller, [...rows, ...results]);
      const series = this.lines(rows, names);
      return {
        caseId,
        series,
        measures: this.measures(results, names),
        flags: gapFlags(caseId, series, theCase.gapThreshold),
        gapThreshold: theCase.gapThreshold,
      };
    });
  }

  /** A client's own lines only. */
  async mine(caller: Caller): Promise<ProgressView> {
    return this.db.run(caller, async (tx) => {
      // Only the cases they still belong to: a member removed from a case loses its homework.
      const cases = await this.access.cases(caller);
      const caseIds = cases.map((c) => c.id);
      const rows = await this.scores(
        tx,
        `${SCORES} WHERE s.user_id = $1 AND s.case_id = ANY($2::uuid[])
          ORDER BY s.recorded_on, h.due_on, s.homework_id`,
        [caller.id, caseIds],
      );
      const results = await this.results(tx, `mr.user_id = $1 AND mr.case_id = ANY($2::uuid[])`, [
        caller.id,
        caseIds,
      ]);
      const names = await this.names(caller, [...rows, ...results]);
      const current = [...cases].sort(
        (a, b) =>
          Number(b.status === 'open') - Number(a.status === 'open') ||
          b.startedOn.localeCompare(a.startedOn),
      )[0];
      return {
        caseId: current?.id ?? '',
        series: this.lines(rows, names),
        measures: this.measures(results, names),
        flags: [],
      };
    });
  }

  async setGapThreshold(caller: Caller, caseId: string, points: number): Promise<ProgressView> {
    await this.access.setClinicalSettings(caller, caseId, { gapThreshold: points });
    return this.forCase(caller, caseId);
  }

  /** Gap flags across the counselor's open cases, for the review inbox. */
  async flags(caller: Caller): Promise<GapFlag[]> {
    return this.db.run(caller, async (tx) => {
      const cases = await this.access.cases(caller, { open: true });
      const ids = cases.map((c) => c.id);
      if (ids.length === 0) return [];
      const rows = await this.scores(
        tx,
        `${SCORES} WHERE s.case_id = ANY($1::uuid[]) AND s.recorded_on > current_date - 120
          ORDER BY s.recorded_on, h.due_on, s.homework_id`,
        [ids],
      );
      // One read of the names for every case, not one per case.
      const names = await this.names(caller, rows);
      const byCase = new Map<string, ScoreRow[]>();
      for (const row of rows) byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), row]);
      return cases.flatMap((c) => {
        const own = byCase.get(c.id);
        return own ? gapFlags(c.id, this.lines(own, names), c.gapThreshold) : [];
      });
    });
  }

  /** Measure results over time, still sealed, in order. */
  private results(tx: EntityManager, where: string, params: unknown[]): Promise<ResultRow[]> {
    return tx.query(
      `SELECT mr.id, mr.homework_id, mr.user_id, mr.exercise_id, h.exercise_version_id, mr.result_enc,
              to_char(mr.submitted_at, 'YYYY-MM-DD') AS on
         FROM measure_results mr JOIN homework h ON h.id = mr.homework_id
        WHERE ${where} ORDER BY mr.submitted_at, mr.id`,
      params,
    );
  }

  /** Each member's results of each measure over time, with the measure's bands. */
  private measures(rows: ResultRow[], { versions, person }: Names): MeasureSeries[] {
    const series = new Map<string, MeasureSeries>();
    for (const r of rows) {
      const version = versions.get(r.exercise_version_id);
      const key = `${r.user_id}|${r.exercise_id}`;
      let line = series.get(key);
      if (!line) {
        line = {
          userId: r.user_id,
          displayName: person(r.user_id)?.displayName ?? '',
          exerciseId: r.exercise_id,
          title: version?.title ?? '',
          bands: version?.measure?.bands ?? [],
          points: [],
        };
        series.set(key, line);
      }
      // The latest version's title and bands name the line.
      if (version?.measure) line.bands = version.measure.bands;
      const { score, band } = openMeasureResult(this.encryption, r.id, r.result_enc);
      line.points.push({ homeworkId: r.homework_id, on: r.on, score, band });
    }
    return [...series.values()].sort(
      (a, b) => a.title.localeCompare(b.title) || a.displayName.localeCompare(b.displayName),
    );
  }

  /** Score rows of a query on `SCORES`, their 0–10 values decrypted. */
  private async scores(tx: EntityManager, sql: string, params: unknown[]): Promise<ScoreRow[]> {
    const rows: StoredScoreRow[] = await tx.query(sql, params);
    return rows.map(({ id, value_enc, ...row }) => ({
      ...row,
      value: openScore(this.encryption, id, value_enc),
    }));
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

  /** The exercise versions and people the rows name, read once for the request. */
  private async names(
    caller: Caller,
    rows: Pick<ScoreRow, 'exercise_version_id' | 'user_id'>[],
  ): Promise<Names> {
    return {
      versions: await this.versions.get(
        caller,
        rows.map((r) => r.exercise_version_id),
      ),
      person: await this.people.lookup(
        caller,
        rows.map((r) => r.user_id),
      ),
    };
  }

  /** Lines of 0–10 answers over time, one per member, exercise and question; the thermometer first. */
  private lines(rows: ScoreRow[], { versions, person }: Names): TrendSeries[] {
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

/** How far one partner's safety reading may drop between two readings before it is flagged. */
const SAFETY_DROP = 3;

/**
 * The flags of one case: partners' latest readings of the same question `threshold` or more
 * apart, or one member's safety reading dropping by 3 or more since their previous one.
 */
export function gapFlags(caseId: string, series: TrendSeries[], threshold: number): GapFlag[] {
  const flags: GapFlag[] = [];
  const byQuestion = new Map<string, TrendSeries[]>();
  for (const line of series) {
    const key = `${line.exerciseTitle}|${line.fieldKey}`;
    byQuestion.set(key, [...(byQuestion.get(key) ?? []), line]);
  }
  for (const lines of byQuestion.values()) {
    const label = `${lines[0].exerciseTitle} · ${lines[0].fieldLabel}`;
    const latest = lines
      .filter((l) => l.points.length > 0)
      .map((l) => ({ name: l.displayName, value: l.points[l.points.length - 1].value }));
    if (latest.length >= 2) {
      const high = latest.reduce((a, b) => (b.value > a.value ? b : a));
      const low = latest.reduce((a, b) => (b.value < a.value ? b : a));
      if (high.value - low.value >= threshold)
        flags.push({
          caseId,
          kind: 'gap',
          label,
          detail: `${high.name} ${high.value}, ${low.name} ${low.value}: ${high.value - low.value} points apart.`,
        });
    }
    if (/safe/i.test(lines[0].fieldKey) || /safe/i.test(lines[0].fieldLabel)) {
      for (const line of lines) {
        const n = line.points.length;
        if (n < 2) continue;
        const drop = line.points[n - 2].value - line.points[n - 1].value;
        if (drop >= SAFETY_DROP)
          flags.push({
            caseId,
            kind: 'drop',
            label,
            detail: `${line.displayName}: from ${line.points[n - 2].value} to ${line.points[n - 1].value}.`,
          });
      }
    }
  }
  return flags;
}
