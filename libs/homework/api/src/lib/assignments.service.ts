import {
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import type { Caller } from '@mend/auth/api';
import { CasesService } from '@mend/caseload/api';
import type { AssignmentView } from '@mend/shared/contracts';
import { encryptionContext, fieldError, FieldEncryptionService } from '@mend/shared/server';
import { AssignExerciseDto } from './homework.dto';
import { Assignment } from './homework.entities';
import { addDays } from './homework-queries';

const STEP_DAYS = { once: 0, daily: 1, weekly: 7 } as const;
/** How long a recurring assignment may run. */
const MAX_RUN_DAYS = 366;
/** The background sweep; reads also create what is due, so this is only a backstop. */
const SWEEP_MS = 10 * 60_000;

interface AssignmentRow {
  id: string;
  case_id: string;
  exercise_id: string;
  exercise_title: string;
  exercise_version: number;
  stage: AssignmentView['exercise']['stage'];
  audience: AssignmentView['exercise']['audience'];
  target: AssignmentView['target'];
  member_ids: string[];
  recurrence: AssignmentView['recurrence'];
  first_due_on: string;
  until_on: string | null;
  active: boolean;
  instructions_enc: string | null;
  created_at: Date;
}

/**
 * Assignments of exercises to members of a case, and the creation of their occurrences. Each
 * occurrence is created by an idempotent insert (unique per assignment, due date and member),
 * so reads, restarts and several API instances can all run it without duplicates.
 */
@Injectable()
export class AssignmentsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Assignments');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryptionService,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => {
      this.materialize().catch(() =>
        this.logger.warn('The occurrence sweep failed; the next read or sweep retries.'),
      );
    }, SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async assign(caller: Caller, caseId: string, input: AssignExerciseDto): Promise<AssignmentView> {
    const view = await this.dataSource.transaction(async (manager) => {
      const theCase = await this.cases.requireCase(caller, caseId, manager);
      if (theCase.status !== 'open')
        throw new ConflictException('This case is closed. Reopen it to assign homework.');
      const [exercise]: { id: string; status: string; version_id: string }[] = await manager.query(
        `SELECT e.id, e.status, v.id AS version_id FROM exercises e
           JOIN exercise_versions v ON v.exercise_id = e.id AND v.version = e.current_version
          WHERE e.id = $1 AND e.clinic_id = $2`,
        [input.exerciseId, caller.clinicId],
      );
      if (!exercise) throw new NotFoundException('No such exercise in your clinic’s library.');
      if (exercise.status !== 'active')
        throw new ConflictException('This exercise is archived. Restore it to assign it.');
      const members = await this.cases.memberIds(caseId, manager);
      let memberIds = members;
      if (input.target === 'member') {
        if (!input.memberId || !members.includes(input.memberId))
          throw new NotFoundException('This person is not a member of the case.');
        memberIds = [input.memberId];
      } else if (members.length === 0) {
        throw new ConflictException('The case has no members yet.');
      } else if (input.target === 'together' && members.length < 2) {
        throw fieldError('target', 'Doing an exercise together takes at least two members.');
      }
      const until = input.recurrence === 'once' ? null : (input.until ?? null);
      if (until && until < input.dueOn)
        throw fieldError('until', 'The last date must be on or after the first due date.');
      if (until && until > addDays(input.dueOn, MAX_RUN_DAYS))
        throw fieldError('until', 'Repeat for at most a year.');
      const id = randomUUID();
      await manager.insert(Assignment, {
        id,
        clinicId: caller.clinicId,
        caseId,
        exerciseId: exercise.id,
        exerciseVersionId: exercise.version_id,
        assignedById: caller.id,
        target: input.target,
        memberIds,
        recurrence: input.recurrence,
        firstDueOn: input.dueOn,
        untilOn: until,
        nextDueOn: input.dueOn,
        instructionsEnc: input.instructions
          ? this.encryption.encrypt(
              input.instructions,
              encryptionContext('assignments', 'instructions_enc', id),
            )
          : null,
      });
      // The first occurrence exists at once, whatever its due date.
      await this.materialize(manager, { assignmentId: id, force: true });
      await this.audit.record(manager, caller, {
        action: 'homework.assigned',
        entityType: 'case',
        entityId: caseId,
        details: {
          assignmentId: id,
          exerciseId: exercise.id,
          target: input.target,
          recurrence: input.recurrence,
        },
      });
      return (await this.views(manager, caller, `a.id = $2`, [id]))[0];
    });
    return view;
  }

  async list(caller: Caller, caseId: string): Promise<AssignmentView[]> {
    await this.cases.requireCase(caller, caseId);
    return this.views(this.dataSource.manager, caller, `a.case_id = $2`, [caseId]);
  }

  /** No further occurrences; what was already created stays. */
  async stop(caller: Caller, id: string): Promise<AssignmentView> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: { case_id: string }[] = await manager.query(
        `SELECT case_id FROM assignments WHERE id = $1 AND clinic_id = $2`,
        [id, caller.clinicId],
      );
      if (!row) throw new NotFoundException('No such assignment.');
      await this.cases.requireCase(caller, row.case_id, manager);
      await manager.update(
        Assignment,
        { id, clinicId: caller.clinicId },
        { active: false, nextDueOn: null },
      );
      await this.audit.record(manager, caller, {
        action: 'homework.assignment_stopped',
        entityType: 'case',
        entityId: row.case_id,
        details: { assignmentId: id },
      });
      return (await this.views(manager, caller, `a.id = $2`, [id]))[0];
    });
  }

  /**
   * Creates the occurrences that are due: daily ones on their day, weekly ones from six days
   * ahead (so the next one is always in view), catching up on any that were missed. `force`
   * creates the next occurrence whatever its date (a new assignment's first).
   */
  async materialize(
    manager: EntityManager = this.dataSource.manager,
    scope: { assignmentId?: string; caseIds?: string[]; force?: boolean } = {},
  ): Promise<void> {
    const filters: string[] = ['a.active', 'a.next_due_on IS NOT NULL'];
    const params: unknown[] = [];
    if (!scope.force)
      filters.push(
        `a.next_due_on <= current_date + CASE a.recurrence WHEN 'weekly' THEN 6 ELSE 0 END`,
      );
    if (scope.assignmentId) {
      params.push(scope.assignmentId);
      filters.push(`a.id = $${params.length}`);
    }
    if (scope.caseIds) {
      if (scope.caseIds.length === 0) return;
      params.push(scope.caseIds);
      filters.push(`a.case_id = ANY($${params.length})`);
    }
    for (let round = 0; round < 1000; round += 1) {
      const due: {
        id: string;
        clinic_id: string;
        case_id: string;
        exercise_version_id: string;
        target: string;
        member_ids: string[];
        recurrence: keyof typeof STEP_DAYS;
        next_due_on: string;
        until_on: string | null;
      }[] = await manager.query(
        `SELECT a.id, a.clinic_id, a.case_id, a.exercise_version_id, a.target, a.member_ids, a.recurrence,
                  to_char(a.next_due_on, 'YYYY-MM-DD') AS next_due_on, to_char(a.until_on, 'YYYY-MM-DD') AS until_on
             FROM assignments a WHERE ${filters.join(' AND ')}
            ORDER BY a.next_due_on LIMIT 100`,
        params,
      );
      if (due.length === 0) return;
      for (const a of due) {
        const users = a.target === 'together' ? [null] : a.member_ids;
        for (const userId of users) {
          await manager.query(
            `INSERT INTO homework (clinic_id, case_id, assignment_id, exercise_version_id, user_id, due_on)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
            [a.clinic_id, a.case_id, a.id, a.exercise_version_id, userId, a.next_due_on],
          );
        }
        const step = STEP_DAYS[a.recurrence];
        const next = step === 0 ? null : addDays(a.next_due_on, step);
        const following = next && (!a.until_on || next <= a.until_on) ? next : null;
        // Only the process that still sees this due date moves it on.
        await manager.query(
          `UPDATE assignments SET next_due_on = $1 WHERE id = $2 AND next_due_on = $3`,
          [following, a.id, a.next_due_on],
        );
      }
      if (scope.force) return;
    }
  }

  private async views(
    manager: EntityManager,
    caller: Caller,
    where: string,
    params: unknown[],
  ): Promise<AssignmentView[]> {
    const rows: AssignmentRow[] = await manager.query(
      `SELECT a.id, a.case_id, a.exercise_id, v.title AS exercise_title, v.version AS exercise_version, v.stage, v.audience,
              a.target, a.member_ids, a.recurrence, to_char(a.first_due_on, 'YYYY-MM-DD') AS first_due_on,
              to_char(a.until_on, 'YYYY-MM-DD') AS until_on, a.active, a.instructions_enc, a.created_at
         FROM assignments a JOIN exercise_versions v ON v.id = a.exercise_version_id
        WHERE a.clinic_id = $1 AND ${where}
        ORDER BY a.created_at DESC, a.id`,
      [caller.clinicId, ...params],
    );
    const userIds = [...new Set(rows.flatMap((r) => r.member_ids))];
    const names: { id: string; display_name: string }[] = userIds.length
      ? await manager.query(
          `SELECT id, display_name FROM users WHERE id = ANY($1) AND clinic_id = $2`,
          [userIds, caller.clinicId],
        )
      : [];
    return rows.map((r) => ({
      id: r.id,
      caseId: r.case_id,
      exercise: {
        id: r.exercise_id,
        title: r.exercise_title,
        version: r.exercise_version,
        stage: r.stage,
        audience: r.audience,
      },
      target: r.target,
      members: r.member_ids.map((userId) => ({
        userId,
        displayName: names.find((n) => n.id === userId)?.display_name ?? '',
      })),
      recurrence: r.recurrence,
      firstDueOn: r.first_due_on,
      until: r.until_on,
      instructions: r.instructions_enc
        ? this.encryption.decrypt(
            r.instructions_enc,
            encryptionContext('assignments', 'instructions_enc', r.id),
          )
        : null,
      active: r.active,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
