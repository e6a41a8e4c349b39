import { Injectable } from '@nestjs/common';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import type { CaseloadOverview } from '@mend/shared/contracts';
import { ClinicDb } from '@mend/shared/server';

/** The admin's view of the clinic's load: two statements, whatever the clinic's size. */
@Injectable()
export class CaseloadOverviewService {
  constructor(
    private readonly db: ClinicDb,
    private readonly people: People,
  ) {}

  async overview(caller: Caller): Promise<CaseloadOverview> {
    return this.db.run(caller, async (tx) => {
      const counselors = await this.people.withRole(caller, 'counselor');
      // Each counselor's open cases and the clinic's totals, in one statement.
      const [{ loads, open_cases, unassigned }]: {
        loads: { user_id: string; open_cases: number; primary_cases: number }[] | null;
        open_cases: number;
        unassigned: number;
      }[] = await tx.query(
        `SELECT (SELECT json_agg(l) FROM (
                  SELECT k.user_id, count(*)::int AS open_cases,
                         count(*) FILTER (WHERE k.role = 'primary')::int AS primary_cases
                    FROM case_counselors k JOIN cases c ON c.id = k.case_id AND c.status = 'open'
                   GROUP BY k.user_id) l) AS loads,
                count(*)::int AS open_cases,
                count(*) FILTER (WHERE NOT EXISTS (
                  SELECT 1 FROM case_counselors k WHERE k.case_id = c.id AND k.role = 'primary'))::int AS unassigned
           FROM cases c
          WHERE c.status = $1`,
        ['open'],
      );
      const byCounselor = new Map((loads ?? []).map((l) => [l.user_id, l]));
      return {
        counselors: counselors.map((c) => ({
          counselor: { id: c.id, displayName: c.displayName, status: c.status },
          openCases: byCounselor.get(c.id)?.open_cases ?? 0,
          primaryCases: byCounselor.get(c.id)?.primary_cases ?? 0,
        })),
        unassignedOpenCases: unassigned,
        openCases: open_cases,
      };
    });
  }
}
