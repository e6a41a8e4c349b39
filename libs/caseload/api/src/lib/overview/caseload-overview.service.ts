import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Caller } from '@mend/auth/api';
import type { CaseloadOverview, UserStatus } from '@mend/shared/contracts';

/** The admin's view of the clinic's load: one query per figure, whatever the clinic's size. */
@Injectable()
export class CaseloadOverviewService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overview(caller: Caller): Promise<CaseloadOverview> {
    const rows: {
      id: string;
      display_name: string;
      status: UserStatus;
      open_cases: number;
      primary_cases: number;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.display_name, u.status,
                count(c.id)::int AS open_cases,
                count(c.id) FILTER (WHERE k.role = 'primary')::int AS primary_cases
           FROM users u
           LEFT JOIN case_counselors k ON k.user_id = u.id AND k.clinic_id = u.clinic_id
           LEFT JOIN cases c ON c.id = k.case_id AND c.status = 'open'
          WHERE u.clinic_id = $1 AND u.role = 'counselor'
          GROUP BY u.id
          ORDER BY u.display_name, u.id`,
      [caller.clinicId],
    );
    const [{ open_cases, unassigned }]: { open_cases: number; unassigned: number }[] =
      await this.dataSource.query(
        `SELECT count(*)::int AS open_cases,
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM case_counselors k WHERE k.case_id = c.id AND k.role = 'primary'))::int AS unassigned
         FROM cases c
        WHERE c.clinic_id = $1 AND c.status = 'open'`,
        [caller.clinicId],
      );
    return {
      counselors: rows.map((r) => ({
        counselor: { id: r.id, displayName: r.display_name, status: r.status },
        openCases: r.open_cases,
        primaryCases: r.primary_cases,
      })),
      unassignedOpenCases: unassigned,
      openCases: open_cases,
    };
  }
}
