import { ConflictException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { CaseAccess } from '@mend/caseload/api';
import { ExerciseVersions } from '@mend/exercises/api';
import { JointWork } from '@mend/safety/api';
import { LATER_STAGE, STAGE_LABELS, STAGES } from '@mend/shared/contracts';
import type { AssignmentView } from '@mend/shared/contracts';
import {
  ClinicDb,
  encryptionContext,
  fieldError,
  FieldEncryptionService,
  JobQueue,
  SystemDb,
} from '@mend/shared/server';
import { AssignExerciseDto } from './homework.dto';
import { HomeworkNotices } from './homework-notices';
import { Assignment } from './homework.entities';
import { addDays } from './homework-queries';

const STEP_DAYS = { once: 0, daily: 1, weekly: 7, fortnightly: 14 } as const;
/** How long a recurring assignment may run. */
const MAX_RUN_DAYS = 366;

interface AssignmentRow {
  id: string;
  case_id: string;
  exercise_id: string;
  exercise_version_id: string;
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
export class AssignmentsService implements OnModuleInit {
  constructor(
    private readonly db: ClinicDb,
    private readonly system: SystemDb,
    private readonly access: CaseAccess,
    private readonly versions: ExerciseVersions,
    private readonly people: People,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryptionService,
    private readonly jointWork: JointWork,
    private readonly jobs: JobQueue,
    private readonly notices: HomeworkNotices,
  ) {}

  onModuleInit(): void {
    // Every clinic's due occurrences, for no one caller: the system path, on a schedule kept
    // in the database (one process runs it at a time; a restart loses nothing). Reads also
    // create what is due, so this is a backstop.
    this.jobs.define({
      name: 'mend.occurrences',
      policy: 'stately',
      cron: '*/15 * * * *',
      work: () => this.system.run('occurrence sweep', (tx) => this.materialize(tx)),
    });
  }

  async assign(caller: Caller, caseId: string, input: AssignExerciseDto): Promise<AssignmentView> {
    const view = await this.db.run(caller, async (manager) => {
      const theCase = await this.access.require(caller, caseId, 'counsel');
      if (theCase.status !== 'open')
        throw new ConflictException('This case is closed. Reopen it to assign homework.');
      const exercise = await this.versions.current(caller, input.exerciseId);
      if (!exercise) throw new NotFoundException('No such exercise in your clinic’s library.');
      if (exercise.status !== 'active')
        throw new ConflictException('This exercise is archived. Restore it to assign it.');
      const version = await this.versions.one(caller, exercise.versionId);
      // Joint exercises wait until every member is cleared for joint work.
      if (input.target === 'together') await this.jointWork.require(caller, caseId);
      if (
        !version.measure &&
        !input.confirmLaterStage &&
        STAGES.indexOf(version.stage) > STAGES.indexOf(theCase.stage)
      ) {
        throw new ConflictException({
          code: LATER_STAGE,
          message: `This exercise belongs to ${STAGE_LABELS[version.stage]}, later than where the case is now (${STAGE_LABELS[theCase.stage]}). Confirm to assign it anyway.`,
        });
      }
      const members = await this.access.memberIds(caller, caseId);
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
        exerciseId: exercise.exerciseId,
        exerciseVersionId: exercise.versionId,
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
      const created: { id: string; user_id: string | null }[] = await manager.query(
        `SELECT id, user_id FROM homework WHERE assignment_id = $1`,
        [id],
      );
      await this.notices.assigned(manager, caller, {
        caseId,
        memberIds,
        homeworkIds: new Map(created.map((h) => [h.user_id, h.id])),
        title: version.title,
        measure: Boolean(version.measure),
        dueOn: input.dueOn,
      });
      await this.audit.record(manager, caller, {
        action: 'homework.assigned',
        entityType: 'case',
        entityId: caseId,
        details: {
          assignmentId: id,
          exerciseId: exercise.exerciseId,
          target: input.target,
          recurrence: input.recurrence,
        },
      });
      return (await this.views(manager, caller, `a.id = $1`, [id]))[0];
    });
    return view;
  }

  async list(caller: Caller, caseId: string): Promise<AssignmentView[]> {
    return this.db.run(caller, async (tx) => {
      await this.access.require(caller, caseId, 'counsel');
      return this.views(tx, caller, `a.case_id = $1`, [caseId]);
    });
  }

  /** No further occurrences; what was already created stays. */
  async stop(caller: Caller, id: string): Promise<AssignmentView> {
    return this.db.run(caller, async (manager) => {
      const [row]: { case_id: string }[] = await manager.query(
        `SELECT case_id FROM assignments WHERE id = $1`,
        [id],
      );
      if (!row) throw new NotFoundException('No such assignment.');
      await this.access.require(caller, row.case_id, 'counsel');
      await manager.update(Assignment, { id }, { active: false, nextDueOn: null });
      await this.audit.record(manager, caller, {
        action: 'homework.assignment_stopped',
        entityType: 'case',
        entityId: row.case_id,
        details: { assignmentId: id },
      });
      return (await this.views(manager, caller, `a.id = $1`, [id]))[0];
    });
  }

  /**
   * Withdraws an assignment given by mistake, with its occurrences. Once a member has written
   * anything, it is refused (their words are kept): stop its repeats instead.
   */
  async withdraw(caller: Caller, id: string): Promise<void> {
    await this.db.run(caller, async (tx) => {
      const [row]: { case_id: string; exercise_id: string }[] = await tx.query(
        `SELECT case_id, exercise_id FROM assignments WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row || !(await this.access.reaches(caller, row.case_id, 'counsel')))
        throw new NotFoundException('No such assignment.');
      const [{ written }]: { written: number }[] = await tx.query(
        `SELECT count(*)::int AS written FROM homework
          WHERE assignment_id = $1 AND (answers_enc IS NOT NULL OR status <> 'not_started')`,
        [id],
      );
      if (written > 0)
        throw new ConflictException(
          'A member has already started this homework, so it cannot be withdrawn. Stop its repeats instead; what they wrote is kept.',
        );
      await tx.query(`DELETE FROM assignments WHERE id = $1`, [id]);
      await this.audit.record(tx, caller, {
        action: 'homework.assignment_withdrawn',
        entityType: 'case',
        entityId: row.case_id,
        details: { assignmentId: id, exerciseId: row.exercise_id },
      });
    });
  }

  /**
   * Creates the occurrences that are due: daily ones on their day, weekly ones from six days
   * ahead (so the next one is always in view), catching up on any that were missed. `force`
   * creates the next occurrence whatever its date (a new assignment's first).
   */
  async materialize(
    manager: EntityManager,
    scope: { assignmentId?: string; caseIds?: string[]; force?: boolean } = {},
  ): Promise<void> {
    const filters: string[] = ['a.active', 'a.next_due_on IS NOT NULL'];
    const params: unknown[] = [];
    if (!scope.force)
      filters.push(
        `a.next_due_on <= current_date + CASE WHEN a.recurrence IN ('weekly', 'fortnightly') THEN 6 ELSE 0 END`,
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
      // Occurrences only for who is a member now: a member removed from the case gets no more
      // (what they were given before stays with the case's records).
      const current = await this.access.membersWithin(
        manager,
        due.map((a) => a.case_id),
      );
      for (const a of due) {
        const members = current.get(a.case_id) ?? [];
        const users =
          a.target === 'together' ? [null] : a.member_ids.filter((id) => members.includes(id));
        if (users.length === 0) {
          // Nobody left to do it: the assignment stops, as if the counselor had stopped it.
          await manager.query(
            `UPDATE assignments SET active = false, next_due_on = NULL WHERE id = $1 AND next_due_on = $2`,
            [a.id, a.next_due_on],
          );
          continue;
        }
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
      `SELECT a.id, a.case_id, a.exercise_id, a.exercise_version_id, a.target, a.member_ids, a.recurrence,
              to_char(a.first_due_on, 'YYYY-MM-DD') AS first_due_on,
              to_char(a.until_on, 'YYYY-MM-DD') AS until_on, a.active, a.instructions_enc, a.created_at
         FROM assignments a
        WHERE ${where}
        ORDER BY a.created_at DESC, a.id`,
      params,
    );
    const versions = await this.versions.get(
      caller,
      rows.map((r) => r.exercise_version_id),
    );
    const person = await this.people.lookup(
      caller,
      rows.flatMap((r) => r.member_ids),
    );
    return rows.map((r) => {
      const version = versions.get(r.exercise_version_id);
      if (!version) throw new Error('An assignment refers to a missing exercise version.');
      return {
        id: r.id,
        caseId: r.case_id,
        exercise: {
          id: r.exercise_id,
          title: version.title,
          version: version.version,
          stage: version.stage,
          audience: version.audience,
        },
        target: r.target,
        members: r.member_ids.map((userId) => ({
          userId,
          displayName: person(userId)?.displayName ?? '',
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
      };
    });
  }
}
