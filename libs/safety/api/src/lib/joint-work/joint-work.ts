import { ConflictException, Injectable } from '@nestjs/common';
import type { Caller } from '@mend/auth/api';
import { JOINT_WORK_CLOSED } from '@mend/shared/contracts';
import { ClinicDb } from '@mend/shared/server';

/** What a client is told while joint work is closed: never why. */
export const JOINT_WORK_WAITING =
  'Your counselor will open joint exercises when it’s the right time.';

/**
 * The gate on joint work, as other domains ask it. A couple or family case is open for joint
 * work only while every current member's latest individual conversation (since the gate was
 * last closed) cleared them. The database answers (`mend_joint_work_open`), so a member learns
 * the yes/no and nothing of whose clearance is missing.
 */
@Injectable()
export class JointWork {
  constructor(private readonly db: ClinicDb) {}

  async isOpen(caller: Caller, caseId: string): Promise<boolean> {
    return (await this.closed(caller, [caseId])).size === 0;
  }

  /** The given cases whose joint work is closed (unreachable cases are left out). */
  async closed(caller: Caller, caseIds: string[]): Promise<Set<string>> {
    const wanted = [...new Set(caseIds)];
    if (wanted.length === 0) return new Set();
    const rows: { id: string }[] = await this.db.run(caller, (tx) =>
      tx.query(
        `SELECT id FROM unnest($1::uuid[]) AS c(id) WHERE mend_joint_work_open(id) = false`,
        [wanted],
      ),
    );
    return new Set(rows.map((r) => r.id));
  }

  /** 409 `joint_work_closed` unless joint work is open: for assigning, sharing, agreements. */
  async require(caller: Caller, caseId: string): Promise<void> {
    if (await this.isOpen(caller, caseId)) return;
    throw new ConflictException({
      code: JOINT_WORK_CLOSED,
      message:
        caller.role === 'counselor'
          ? 'Joint work is not open for this case yet: each member needs an individual safety conversation that clears them for joint work. The case’s Safety tab shows who is missing.'
          : JOINT_WORK_WAITING,
    });
  }
}
