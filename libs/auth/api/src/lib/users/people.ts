import { Injectable } from '@nestjs/common';
import type { Person, Role, UserStatus } from '@mend/shared/contracts';
import { ClinicDb, DbCaller } from '@mend/shared/server';

/** What other domains may know of a person of the caller's clinic. */
export interface PersonProfile {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  status: UserStatus;
}

interface ProfileRow {
  id: string;
  display_name: string;
  email: string;
  role: Role;
  status: UserStatus;
}

const toProfile = (r: ProfileRow): PersonProfile => ({
  id: r.id,
  displayName: r.display_name,
  email: r.email,
  role: r.role,
  status: r.status,
});

/**
 * The people and the clinic as the audit trail names them: auth's parts of its one query for a
 * page of events (the audit trail's `RecordNames`: `id`, `name`, `role` of the ids in `ids` in
 * the clinic `clinic`, by primary key).
 */
export const PEOPLE_RECORD_NAMES = [
  {
    type: 'user',
    sql: (ids: string, clinic: string) =>
      `SELECT id::text AS id, display_name AS name, role::text AS role
         FROM users WHERE id = ANY(${ids}) AND clinic_id = ${clinic}`,
  },
  {
    type: 'clinic',
    sql: (ids: string, clinic: string) =>
      `SELECT id::text AS id, name, NULL::text AS role
         FROM clinics WHERE id = ANY(${ids}) AND id = ${clinic}`,
  },
] as const;

/**
 * The people of the caller's clinic, as other domains read them: the auth domain's read port,
 * so no other library names its tables. Every read runs in the caller's transaction (joined
 * when one is open), so row-level security keeps it to the caller's clinic.
 */
@Injectable()
export class People {
  constructor(private readonly db: ClinicDb) {}

  /** Profiles of the given users that exist in the caller's clinic, in the order of `ids`. */
  async profiles(caller: DbCaller, ids: (string | null | undefined)[]): Promise<PersonProfile[]> {
    const wanted = [...new Set(ids.filter((id): id is string => !!id))];
    if (wanted.length === 0) return [];
    const rows: ProfileRow[] = await this.db.run(caller, (tx) =>
      tx.query(
        `SELECT id, display_name, email, role, status FROM users WHERE id = ANY($1::uuid[])`,
        [wanted],
      ),
    );
    return rows.map(toProfile);
  }

  /** A lookup of display names: `person(id)` is null for an unknown or missing id. */
  async lookup(
    caller: DbCaller,
    ids: (string | null | undefined)[],
  ): Promise<(id: string | null | undefined) => Person | null> {
    const byId = new Map((await this.profiles(caller, ids)).map((p) => [p.id, p]));
    return (id) => {
      const found = id ? byId.get(id) : undefined;
      return found ? { userId: found.id, displayName: found.displayName } : null;
    };
  }

  /** Counselors' stated reply times (absent: not stated), shown in their conversations. */
  async replyTimes(caller: DbCaller, ids: string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return new Map();
    const rows: { id: string; reply_times: string }[] = await this.db.run(caller, (tx) =>
      tx.query(
        `SELECT id, reply_times FROM users WHERE id = ANY($1::uuid[]) AND reply_times IS NOT NULL`,
        [wanted],
      ),
    );
    return new Map(rows.map((r) => [r.id, r.reply_times]));
  }

  /** The caller states when they usually reply (empty: not stated). */
  async setReplyTimes(caller: DbCaller, text: string): Promise<void> {
    await this.db.run(caller, (tx) =>
      tx.query(`UPDATE users SET reply_times = $2, updated_at = now() WHERE id = $1`, [
        caller.id,
        text === '' ? null : text,
      ]),
    );
  }

  /** Everyone of a role in the clinic (e.g. its counselors), by name. */
  async withRole(caller: DbCaller, role: Role): Promise<PersonProfile[]> {
    const rows: ProfileRow[] = await this.db.run(caller, (tx) =>
      tx.query(
        `SELECT id, display_name, email, role, status FROM users
          WHERE clinic_id = $1 AND role = $2 ORDER BY display_name, id`,
        [caller.clinicId, role],
      ),
    );
    return rows.map(toProfile);
  }

  /** Ids of the people whose name contains `text` (case-insensitive), for searches. */
  async named(caller: DbCaller, text: string): Promise<string[]> {
    const like = `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const rows: { id: string }[] = await this.db.run(caller, (tx) =>
      tx.query(`SELECT id FROM users WHERE clinic_id = $1 AND display_name ILIKE $2`, [
        caller.clinicId,
        like,
      ]),
    );
    return rows.map((r) => r.id);
  }

  /** The name of the caller's clinic. */
  async clinicName(caller: DbCaller): Promise<string> {
    const [row]: { name: string }[] = await this.db.run(caller, (tx) =>
      tx.query(`SELECT name FROM clinics WHERE id = $1`, [caller.clinicId]),
    );
    return row?.name ?? '';
  }
}
