import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { afterCommit, canonical, ClinicDb } from '@mend/shared/server';
import type {
  ExerciseContent,
  ExerciseDetail,
  ExercisePage,
  ExerciseSummary,
} from '@mend/shared/contracts';
import { STAGES } from '@mend/shared/contracts';
import {
  BUILT_IN_EXERCISES,
  fieldDefinitionProblems,
  measureProblems,
  normalizeFields,
  normalizeMeasure,
  normalizeSummary,
  builtInContent,
  summaryLine,
} from '@mend/exercises/model';
import { Exercise, ExerciseVersion } from './exercise.entity';
import { ListExercisesQueryDto, SaveExerciseDto } from './exercises.dto';

interface ExerciseRow {
  id: string;
  title: string;
  stage: ExerciseSummary['stage'];
  audience: ExerciseSummary['audience'];
  recurrence: ExerciseSummary['recurrence'];
  built_in_key: string | null;
  is_measure: boolean;
  status: ExerciseSummary['status'];
  current_version: number;
  owner_id: string | null;
  based_on_id: string | null;
  based_on_title: string | null;
  /** The current version's, for the card's line. */
  summary: string | null;
  instructions: string | null;
}

const SELECT_SUMMARY = `
  SELECT e.id, e.title, e.stage, e.audience, e.recurrence, e.built_in_key, e.is_measure, e.status, e.current_version,
         e.owner_id, e.based_on_id, b.title AS based_on_title, v.summary, v.instructions
    FROM exercises e
    LEFT JOIN exercises b ON b.id = e.based_on_id
    LEFT JOIN exercise_versions v ON v.exercise_id = e.id AND v.version = e.current_version`;

function toSummary(row: ExerciseRow, ownerName: (id: string) => string): ExerciseSummary {
  return {
    id: row.id,
    title: row.title,
    stage: row.stage,
    audience: row.audience,
    recurrence: row.recurrence,
    builtIn: row.built_in_key !== null,
    summaryLine: summaryLine({ summary: row.summary, instructions: row.instructions ?? '' }),
    isMeasure: row.is_measure,
    status: row.status,
    version: row.current_version,
    owner: row.owner_id ? { id: row.owner_id, displayName: ownerName(row.owner_id) } : null,
    basedOn: row.based_on_id ? { id: row.based_on_id, title: row.based_on_title ?? '' } : null,
  };
}

/**
 * A clinic's exercise library: the built-ins (added to each clinic on first use, so every row
 * carries its clinic) and its counselors' own exercises. Every save is a new version; earlier
 * versions stay, because assignments keep the version they were given with.
 */
@Injectable()
export class ExercisesService {
  /** Clinics whose built-ins this process has brought up to date. */
  private readonly builtInsSynced = new Set<string>();

  constructor(
    private readonly db: ClinicDb,
    private readonly people: People,
  ) {}

  /** Summaries with their owners' names (one lookup for the page). */
  private async summaries(caller: Caller, rows: ExerciseRow[]): Promise<ExerciseSummary[]> {
    const person = await this.people.lookup(
      caller,
      rows.map((r) => r.owner_id),
    );
    return rows.map((r) => toSummary(r, (id) => person(id)?.displayName ?? ''));
  }

  async list(caller: Caller, query: ListExercisesQueryDto): Promise<ExercisePage> {
    return this.db.run(caller, async (tx) => {
      await this.ensureBuiltIns(caller.clinicId, tx);
      const where: string[] = ['e.clinic_id = $1'];
      const params: unknown[] = [caller.clinicId];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (query.status !== 'all') add('e.status = ?', query.status);
      if (query.stage) add('e.stage = ?', query.stage);
      if (query.audience) add('e.audience = ?', query.audience);
      if (query.mine) add('e.owner_id = ?', caller.id);
      if (query.q)
        add(`e.title ILIKE ? ESCAPE '\\'`, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const filter = where.join(' AND ');
      const [{ total }] = await tx.query(
        `SELECT count(*)::int AS total FROM exercises e WHERE ${filter}`,
        params,
      );
      params.push(STAGES, query.pageSize, (query.page - 1) * query.pageSize);
      const rows: ExerciseRow[] = await tx.query(
        `${SELECT_SUMMARY} WHERE ${filter}
        ORDER BY e.is_measure, array_position($${params.length - 2}::text[], e.stage), e.built_in_key IS NULL, e.title, e.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return {
        items: await this.summaries(caller, rows),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    });
  }

  /** The exercise at its current version, or at `version`. */
  async get(caller: Caller, id: string, version?: number): Promise<ExerciseDetail> {
    return this.db.run(caller, async (tx) => {
      await this.ensureBuiltIns(caller.clinicId, tx);
      return this.detail(tx, caller, id, version);
    });
  }

  async create(caller: Caller, input: SaveExerciseDto): Promise<ExerciseDetail> {
    const content = this.content(input);
    this.mayAuthor(caller, content);
    return this.db.run(caller, async (manager) => {
      const exercise = await manager.save(
        manager.create(Exercise, {
          ...this.listed(content),
          clinicId: caller.clinicId,
          ownerId: caller.id,
          currentVersion: 1,
        }),
      );
      await manager.insert(ExerciseVersion, {
        ...content,
        clinicId: caller.clinicId,
        exerciseId: exercise.id,
        version: 1,
        createdById: caller.id,
      });
      return this.detail(manager, caller, exercise.id);
    });
  }

  /** A copy the caller owns and can adapt; it remembers what it was based on. */
  async copy(caller: Caller, id: string): Promise<ExerciseDetail> {
    return this.db.run(caller, async (manager) => {
      await this.ensureBuiltIns(caller.clinicId, manager);
      const source = await this.detail(manager, caller, id);
      const title = `${source.title} (copy)`.slice(0, 120);
      const content: ExerciseContent = { ...this.pickContent(source), title };
      this.mayAuthor(caller, content);
      const exercise = await manager.save(
        manager.create(Exercise, {
          ...this.listed(content),
          clinicId: caller.clinicId,
          ownerId: caller.id,
          basedOnId: source.id,
          currentVersion: 1,
        }),
      );
      await manager.insert(ExerciseVersion, {
        ...content,
        clinicId: caller.clinicId,
        exerciseId: exercise.id,
        version: 1,
        createdById: caller.id,
      });
      return this.detail(manager, caller, exercise.id);
    });
  }

  /** Saves a new version; refused for built-ins and others' exercises, and when stale. */
  async update(caller: Caller, id: string, input: SaveExerciseDto): Promise<ExerciseDetail> {
    const content = this.content(input);
    return this.db.run(caller, async (manager) => {
      const exercise = await this.ownEditable(manager, caller, id);
      this.mayAuthor(caller, content);
      if (input.version === undefined) {
        throw new BadRequestException({
          message: 'Say which version you edited.',
          fields: [{ field: 'version', reasons: ['Say which version you edited.'] }],
        });
      }
      const next = exercise.currentVersion + 1;
      const moved = await manager
        .createQueryBuilder()
        .update(Exercise)
        .set({ ...this.listed(content), currentVersion: next })
        .where('id = :id AND clinic_id = :clinicId AND current_version = :version', {
          id,
          clinicId: caller.clinicId,
          version: input.version,
        })
        .execute();
      if (moved.affected !== 1) {
        throw new ConflictException(
          'This exercise was saved by someone else meanwhile. Reload it, then apply your changes again.',
        );
      }
      await manager.insert(ExerciseVersion, {
        ...content,
        clinicId: caller.clinicId,
        exerciseId: id,
        version: next,
        createdById: caller.id,
      });
      return this.detail(manager, caller, id);
    });
  }

  async setStatus(
    caller: Caller,
    id: string,
    status: 'active' | 'archived',
  ): Promise<ExerciseDetail> {
    return this.db.run(caller, async (manager) => {
      await this.ownEditable(manager, caller, id);
      await manager.update(Exercise, { id, clinicId: caller.clinicId }, { status });
      return this.detail(manager, caller, id);
    });
  }

  /**
   * Brings a clinic's built-ins up to the code's: adds those it does not have yet, and publishes
   * a new version of any whose content changed (critical rules, a new measure). Idempotent and
   * safe when concurrent; checked once per clinic per process.
   */
  async ensureBuiltIns(clinicId: string, manager: EntityManager): Promise<void> {
    if (this.builtInsSynced.has(clinicId)) return;
    const current: {
      id: string;
      built_in_key: string;
      current_version: number;
      content: string;
    }[] = await manager.query(
      `SELECT e.id, e.built_in_key, e.current_version,
                json_build_object('title', v.title, 'summary', v.summary, 'stage', v.stage, 'audience', v.audience,
                  'recurrence', v.recurrence, 'instructions', v.instructions, 'fields', v.fields,
                  'measure', v.measure)::text AS content
           FROM exercises e
           JOIN exercise_versions v ON v.exercise_id = e.id AND v.version = e.current_version
          WHERE e.clinic_id = $1 AND e.built_in_key IS NOT NULL`,
      [clinicId],
    );
    const byKey = new Map(current.map((row) => [row.built_in_key, row]));
    await manager.transaction(async (tx) => {
      for (const builtIn of BUILT_IN_EXERCISES) {
        const content = { ...builtInContent(builtIn), measure: builtIn.measure ?? null };
        const existing = byKey.get(builtIn.key);
        if (existing) {
          // jsonb reorders keys: compare contents, not texts.
          if (canonical(JSON.parse(existing.content)) === canonical(content)) continue;
          // Only the process that still sees the old version publishes the next one.
          const bumped: unknown[] = await tx.query(
            `UPDATE exercises SET current_version = current_version + 1, title = $2, stage = $3,
                    audience = $4, recurrence = $5, is_measure = $6, updated_at = now()
              WHERE id = $1 AND current_version = $7 RETURNING id`,
            [
              existing.id,
              content.title,
              content.stage,
              content.audience,
              content.recurrence,
              content.measure !== null,
              existing.current_version,
            ],
          );
          if (bumped.length === 0) continue;
          await tx.insert(ExerciseVersion, {
            ...content,
            clinicId,
            exerciseId: existing.id,
            version: existing.current_version + 1,
            createdById: null,
          });
          continue;
        }
        const inserted: { id: string }[] = await tx.query(
          `INSERT INTO exercises (clinic_id, built_in_key, title, stage, audience, recurrence, is_measure)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (clinic_id, built_in_key) WHERE built_in_key IS NOT NULL DO NOTHING
           RETURNING id`,
          [
            clinicId,
            builtIn.key,
            content.title,
            content.stage,
            content.audience,
            content.recurrence,
            content.measure !== null,
          ],
        );
        if (inserted.length === 1) {
          await tx.insert(ExerciseVersion, {
            ...content,
            clinicId,
            exerciseId: inserted[0].id,
            version: 1,
            createdById: null,
          });
        }
      }
    });
    // Only once the caller's transaction commits: a concurrent request that skipped the check
    // before then would read a library the other transaction has not made visible yet.
    afterCommit(manager, () => this.builtInsSynced.add(clinicId));
  }

  private async detail(
    manager: EntityManager,
    caller: Caller,
    id: string,
    version?: number,
  ): Promise<ExerciseDetail> {
    const [row]: ExerciseRow[] = await manager.query(
      `${SELECT_SUMMARY} WHERE e.id = $1 AND e.clinic_id = $2`,
      [id, caller.clinicId],
    );
    if (!row) throw new NotFoundException('No such exercise in your clinic’s library.');
    const content = await manager.findOneBy(ExerciseVersion, {
      exerciseId: id,
      clinicId: caller.clinicId,
      version: version ?? row.current_version,
    });
    if (!content) throw new NotFoundException('No such version of this exercise.');
    const [summary] = await this.summaries(caller, [row]);
    return {
      ...summary,
      version: content.version,
      title: content.title,
      summary: content.summary,
      summaryLine: summaryLine(content),
      stage: content.stage,
      audience: content.audience,
      recurrence: content.recurrence,
      instructions: content.instructions,
      fields: content.fields,
      measure: content.measure,
      editable: row.built_in_key === null && row.owner_id === caller.id,
    };
  }

  private async ownEditable(manager: EntityManager, caller: Caller, id: string): Promise<Exercise> {
    const exercise = await manager.findOne(Exercise, {
      where: { id, clinicId: caller.clinicId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!exercise) throw new NotFoundException('No such exercise in your clinic’s library.');
    if (exercise.builtInKey)
      throw new ForbiddenException('Built-in exercises cannot be changed. Copy it to adapt it.');
    if (exercise.ownerId !== caller.id)
      throw new ForbiddenException(
        'Only its author can change this exercise. Copy it to adapt it.',
      );
    return exercise;
  }

  /** Admins add the measures their clinic holds a licence for; exercises are counselors' work. */
  private mayAuthor(caller: Caller, content: ExerciseContent): void {
    if (caller.role === 'admin' && !content.measure)
      throw new ForbiddenException(
        'Admins add scored measures; exercises are written by counselors.',
      );
  }

  /** The request's content, with the form checked by the model's rules (400 with paths). */
  private content(input: SaveExerciseDto): ExerciseContent {
    const problems = fieldDefinitionProblems(input.fields);
    if (input.measure && problems.length === 0)
      problems.push(...measureProblems(input.measure, normalizeFields(input.fields)));
    if (problems.length > 0) {
      throw new BadRequestException({
        message: 'Some fields of the form need attention.',
        fields: problems,
      });
    }
    return {
      ...this.pickContent(input),
      summary: normalizeSummary(input.summary),
      fields: normalizeFields(input.fields),
      measure: input.measure ? normalizeMeasure(input.measure) : null,
    };
  }

  private pickContent(source: ExerciseContent): ExerciseContent {
    const { title, stage, audience, recurrence, instructions, fields } = source;
    return {
      title,
      summary: source.summary ?? null,
      stage,
      audience,
      recurrence,
      instructions,
      fields,
      measure: source.measure ?? null,
    };
  }

  private listed(content: ExerciseContent) {
    const { title, stage, audience, recurrence } = content;
    return { title, stage, audience, recurrence, isMeasure: Boolean(content.measure) };
  }
}
