import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { CaseStatus, CaseType, Role } from '@mend/shared/contracts';
import type { EntityManager } from 'typeorm';
import { ClinicDb, DbCaller, findEntity } from '@mend/shared/server';
import { Case } from '../entities';

/**
 * What the caller needs of a case:
 * - `see`: admins any case of their clinic, counselors the cases they counsel, clients their own;
 * - `counsel`: only the case's counselors (clinical records: homework review, sessions, notes);
 * - `manage`: only the clinic's admins (membership, counselors, status).
 */
export type CaseNeed = 'see' | 'counsel' | 'manage';

const ROLES_FOR: Record<CaseNeed, Role[]> = {
  see: ['admin', 'counselor', 'client'],
  counsel: ['counselor'],
  manage: ['admin'],
};

/** A case as other domains know it. */
export interface CaseRef {
  id: string;
  title: string;
  status: CaseStatus;
  startedOn: string;
  type: CaseType;
  /** How often each member's safety check-in is asked again. */
  recheckWeeks: number;
  /** Partners' readings this far apart flag the case. */
  gapThreshold: number;
}

/** The SQL condition on cases `c` for the caller's role; `me` is the caller's id parameter. */
export function reach(role: Role, me: string): string {
  // `= ANY (ARRAY(…))` rather than EXISTS: the planner then looks up the person's few cases by
  // key instead of scanning the clinic's cases (row-level security hides how few they are).
  if (role === 'counselor')
    return `c.id = ANY (ARRAY(SELECT k.case_id FROM case_counselors k WHERE k.user_id = ${me}))`;
  if (role === 'client')
    return `c.id = ANY (ARRAY(SELECT m.case_id FROM case_members m WHERE m.user_id = ${me}))`;
  return `CAST(${me} AS uuid) IS NOT NULL`;
}

/**
 * The partner-privacy rule on a case record with an audience (`joint`, or one member's own in
 * `client_id`), as SQL on the table alias `on` with the caller's id as `me`: a client sees the
 * joint records of their cases and their own, never a partner's. Counselors have no rule beyond
 * the case's (the parameter is still typed for the plan); `reach` comes on top.
 */
export function audienceRule(role: Role, on: string, me: string): string {
  return role === 'client'
    ? `(${on}.audience = 'joint' OR ${on}.client_id = ${me})`
    : `CAST(${me} AS uuid) IS NOT NULL`;
}

/** Conversations and appointments are between counselors and clients: admins answer 403. */
export function refuseAdmins(role: Role, what: string): void {
  if (role === 'admin')
    throw new ForbiddenException(
      `${what} are between counselors and their clients; admins do not see them.`,
    );
}

/**
 * The one case-access rule, used by every domain that touches a case's records. A role that
 * can never have what a call needs answers 403; a case the caller may not reach answers 404,
 * whether it exists or not (another clinic's, another counselor's, another family's). The
 * database applies the same rule again through row-level security.
 */
@Injectable()
export class CaseAccess {
  constructor(private readonly db: ClinicDb) {}

  /** The case if the caller may reach it for `need`; `lock` holds it until the transaction ends. */
  async require(
    caller: DbCaller,
    caseId: string,
    need: CaseNeed = 'see',
    lock = false,
  ): Promise<Case> {
    const found = await this.reachable(caller, caseId, need, lock);
    if (!found) throw new NotFoundException('No such case.');
    return found;
  }

  /**
   * Whether the caller may reach the case for `need`: for a record of the case, which answers
   * its own 404 ("No such note.") rather than the case's. Still 403 for a role never allowed.
   */
  async reaches(caller: DbCaller, caseId: string, need: CaseNeed): Promise<boolean> {
    return (await this.reachable(caller, caseId, need)) !== null;
  }

  /** The case if the caller may reach it for `need`, else null (403 for a role never allowed). */
  async reachable(
    caller: DbCaller,
    caseId: string,
    need: CaseNeed,
    lock = false,
  ): Promise<Case | null> {
    if (!ROLES_FOR[need].includes(caller.role)) {
      throw new ForbiddenException('Your role does not have access to this.');
    }
    // Nearly every request about a case asks this first: plain SQL, not the query builder.
    return this.db.run(caller, (tx) =>
      findEntity(
        tx,
        Case,
        'c',
        `c.id = $1 AND ${reach(caller.role, '$2')}`,
        [caseId, caller.id],
        lock,
      ),
    );
  }

  /** The cases the caller works on or belongs to (all of the clinic's for admins). */
  async cases(caller: DbCaller, options: { open?: boolean } = {}): Promise<CaseRef[]> {
    return this.db.run(caller, (tx) =>
      tx.query(
        `SELECT c.id, c.title, c.status, to_char(c.started_on, 'YYYY-MM-DD') AS "startedOn", c.type,
                c.recheck_weeks AS "recheckWeeks", c.gap_threshold AS "gapThreshold" FROM cases c
          WHERE ${reach(caller.role, '$1')} ${options.open ? `AND c.status = 'open'` : ''}`,
        [caller.id],
      ),
    );
  }

  /** Titles of the given cases the caller may reach. */
  async titles(caller: DbCaller, caseIds: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(caseIds)];
    if (wanted.length === 0) return new Map();
    const rows: { id: string; title: string }[] = await this.db.run(caller, (tx) =>
      tx.query(
        `SELECT c.id, c.title FROM cases c WHERE c.id = ANY($2::uuid[]) AND ${reach(caller.role, '$1')}`,
        [caller.id, wanted],
      ),
    );
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  /** The user ids of a case's current members. */
  async memberIds(caller: DbCaller, caseId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.run(caller, (tx) =>
      tx.query(`SELECT user_id FROM case_members WHERE case_id = $1`, [caseId]),
    );
    return rows.map((r) => r.user_id);
  }

  /** The user ids of a case's counselors (primary and co), e.g. to tell them of new work. */
  async counselorIds(caller: DbCaller, caseId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.db.run(caller, (tx) =>
      tx.query(`SELECT user_id FROM case_counselors WHERE case_id = $1`, [caseId]),
    );
    return rows.map((r) => r.user_id);
  }

  /** The counselors (the primary one first) and current members of each given case. */
  async peopleOf(
    caller: DbCaller,
    caseIds: string[],
  ): Promise<Map<string, { counselors: string[]; members: string[] }>> {
    const people = new Map<string, { counselors: string[]; members: string[] }>();
    const wanted = [...new Set(caseIds)];
    for (const id of wanted) people.set(id, { counselors: [], members: [] });
    if (wanted.length === 0) return people;
    const rows: { case_id: string; user_id: string; counselor: boolean }[] = await this.db.run(
      caller,
      (tx) =>
        tx.query(
          `SELECT case_id, user_id, true AS counselor, role = 'primary' AS first FROM case_counselors
            WHERE case_id = ANY($1::uuid[])
           UNION ALL
           SELECT case_id, user_id, false, false FROM case_members WHERE case_id = ANY($1::uuid[])
           ORDER BY first DESC`,
          [wanted],
        ),
    );
    for (const r of rows) {
      const of = people.get(r.case_id);
      if (of) (r.counselor ? of.counselors : of.members).push(r.user_id);
    }
    return people;
  }

  /**
   * For a background sweep on the system path (no caller): the current members of each case,
   * read in the sweep's own transaction.
   */
  async membersWithin(tx: EntityManager, caseIds: string[]): Promise<Map<string, string[]>> {
    const members = new Map<string, string[]>();
    if (caseIds.length === 0) return members;
    const rows: { case_id: string; user_id: string }[] = await tx.query(
      `SELECT case_id, user_id FROM case_members WHERE case_id = ANY($1::uuid[])`,
      [[...new Set(caseIds)]],
    );
    for (const r of rows) members.set(r.case_id, [...(members.get(r.case_id) ?? []), r.user_id]);
    return members;
  }

  /** The counselors' settings of a case: how often safety is asked again, the gap threshold. */
  async setClinicalSettings(
    caller: DbCaller,
    caseId: string,
    settings: { recheckWeeks?: number; gapThreshold?: number },
  ): Promise<void> {
    await this.require(caller, caseId, 'counsel', true);
    await this.db.run(caller, (tx) =>
      tx.query(
        `UPDATE cases SET recheck_weeks = coalesce($2, recheck_weeks),
                gap_threshold = coalesce($3, gap_threshold), version = version + 1, updated_at = now()
          WHERE id = $1`,
        [caseId, settings.recheckWeeks ?? null, settings.gapThreshold ?? null],
      ),
    );
  }

  /** For admins' counts: the primary counselor of each open case of the clinic. */
  async primaryCounselors(caller: DbCaller): Promise<{ caseId: string; counselorId: string }[]> {
    const rows: { case_id: string; user_id: string }[] = await this.db.run(caller, (tx) =>
      tx.query(
        `SELECT k.case_id, k.user_id FROM case_counselors k JOIN cases c ON c.id = k.case_id
          WHERE k.role = 'primary' AND c.status = 'open'`,
      ),
    );
    return rows.map((r) => ({ caseId: r.case_id, counselorId: r.user_id }));
  }
}
