import { Injectable } from '@nestjs/common';
import type { ExerciseContent } from '@mend/shared/contracts';
import type { EntityManager } from 'typeorm';
import { ClinicDb, DbCaller } from '@mend/shared/server';

/** A published exercise version, as other domains read it. */
export interface VersionRef extends ExerciseContent {
  id: string;
  clinicId: string;
  exerciseId: string;
  version: number;
}

/** Versions are never changed once published, so they are kept in memory after one read. */
const CACHE_LIMIT = 5_000;

/**
 * The exercise library's read port for other domains (assignments and homework keep the version
 * they were given with). A cached version is served only to callers of its own clinic.
 */
@Injectable()
export class ExerciseVersions {
  private readonly cache = new Map<string, VersionRef>();

  constructor(private readonly db: ClinicDb) {}

  /** The given versions the caller's clinic has, by id. */
  async get(caller: DbCaller, ids: string[]): Promise<Map<string, VersionRef>> {
    const found = new Map<string, VersionRef>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = this.cache.get(id);
      if (hit && hit.clinicId === caller.clinicId) found.set(id, hit);
      else missing.push(id);
    }
    if (missing.length === 0) return found;
    const rows: VersionRef[] = await this.db.run(caller, (tx) =>
      tx.query(
        `SELECT id, clinic_id AS "clinicId", exercise_id AS "exerciseId", version, title, summary,
                stage, audience, recurrence, instructions, fields, measure
           FROM exercise_versions WHERE id = ANY($1::uuid[])`,
        [missing],
      ),
    );
    if (this.cache.size + rows.length > CACHE_LIMIT) this.cache.clear();
    for (const ref of rows) {
      this.cache.set(ref.id, ref);
      found.set(ref.id, ref);
    }
    return found;
  }

  /**
   * For a background sweep on the system path (no caller): the title of each version and
   * whether it is a measure, read in the sweep's own transaction.
   */
  async titlesWithin(
    tx: EntityManager,
    ids: string[],
  ): Promise<Map<string, { title: string; measure: boolean }>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; title: string; measure: boolean }[] = await tx.query(
      `SELECT id, title, measure IS NOT NULL AS measure FROM exercise_versions WHERE id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(rows.map((r) => [r.id, { title: r.title, measure: r.measure }]));
  }

  /** One version the caller's clinic has; throws if it has not (a broken reference). */
  async one(caller: DbCaller, id: string): Promise<VersionRef> {
    const found = (await this.get(caller, [id])).get(id);
    if (!found) throw new Error('An exercise version referenced by a record is missing.');
    return found;
  }

  /** An exercise of the caller's clinic with its current version's id, or undefined. */
  async current(
    caller: DbCaller,
    exerciseId: string,
  ): Promise<{ exerciseId: string; status: string; versionId: string } | undefined> {
    const [row]: { id: string; status: string; version_id: string }[] = await this.db.run(
      caller,
      (tx) =>
        tx.query(
          `SELECT e.id, e.status, v.id AS version_id FROM exercises e
             JOIN exercise_versions v ON v.exercise_id = e.id AND v.version = e.current_version
            WHERE e.id = $1`,
          [exerciseId],
        ),
    );
    return row ? { exerciseId: row.id, status: row.status, versionId: row.version_id } : undefined;
  }
}
