import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { ClinicSettings, People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { CaseAccess } from '@mend/caseload/api';
import { ExerciseVersions } from '@mend/exercises/api';
import {
  answerProblems,
  criticalAnswers,
  hasMemberField,
  memberAnswerIds,
  scaleAnswers,
  scoreMeasure,
} from '@mend/exercises/model';
import { AlertsService, JOINT_WORK_WAITING, JointWork } from '@mend/safety/api';
import { JOINT_WORK_CLOSED } from '@mend/shared/contracts';
import type {
  Answers,
  DraftSaved,
  FeedbackView,
  FieldDef,
  HomeworkDetail,
  HomeworkMember,
  HomeworkPage,
  HomeworkSince,
  HomeworkStatus,
  MeasureResult,
} from '@mend/shared/contracts';
import {
  canonical,
  ClinicDb,
  encryptionContext,
  entityColumns,
  FieldEncryptionService,
  findEntity,
  pagedRows,
  PageQueryDto,
} from '@mend/shared/server';
import { AssignmentsService } from './assignments.service';
import { MyHomeworkQueryDto, SaveDraftDto } from './homework.dto';
import { Homework, HomeworkConfirmation, HomeworkFeedback } from './homework.entities';
import { HOMEWORK_COLUMNS, HomeworkRow, toHomeworkSummary } from './homework-queries';
import { HomeworkNotices } from './homework-notices';
import { openMeasureResult, openScore, sealMeasureResult, sealScore } from './homework-scores';

const OPEN: HomeworkStatus[] = ['not_started', 'draft'];
/** A user id's shape: anything else in a `member` answer names nobody. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Access = 'counselor' | 'author' | 'shared';

interface Loaded {
  homework: Homework;
  access: Access;
}

/**
 * Homework as each role may see it. A client reaches their own homework, together homework of
 * their case, and (read-only) responses a counselor shared with them; a counselor the homework
 * of their caseload; nobody else anything. Answers and feedback are stored encrypted.
 */
@Injectable()
export class HomeworkService {
  constructor(
    private readonly db: ClinicDb,
    private readonly assignments: AssignmentsService,
    private readonly access: CaseAccess,
    private readonly versions: ExerciseVersions,
    private readonly people: People,
    private readonly encryption: FieldEncryptionService,
    private readonly audit: AuditService,
    private readonly jointWork: JointWork,
    private readonly alerts: AlertsService,
    private readonly settings: ClinicSettings,
    private readonly notices: HomeworkNotices,
  ) {}

  async mine(caller: Caller, query: MyHomeworkQueryDto): Promise<HomeworkPage> {
    return this.db.run(caller, async (tx) => {
      const cases = await this.access.cases(caller);
      const caseIds = cases.map((c) => c.id);
      await this.assignments.materialize(tx, { caseIds });
      // $1 the client, $2 their cases: their own homework and together homework of the cases
      // they belong to now (a member removed from a case loses its homework, their own too).
      const own = `(h.case_id = ANY($2::uuid[]) AND (h.user_id = $1 OR h.user_id IS NULL))`;
      const views = {
        due: {
          filter: `${own} AND h.status IN ('not_started', 'draft') AND h.due_on >= current_date`,
          order: 'h.due_on ASC, h.id',
        },
        overdue: {
          filter: `${own} AND h.status IN ('not_started', 'draft') AND h.due_on < current_date`,
          order: 'h.due_on ASC, h.id',
        },
        done: {
          filter: `${own} AND h.status IN ('submitted', 'reviewed')`,
          order: 'h.submitted_at DESC NULLS LAST, h.id',
        },
        // Other members' responses a counselor shared with this client.
        shared: {
          filter: `h.shared_at IS NOT NULL AND h.user_id <> $1 AND h.case_id = ANY($2::uuid[])`,
          order: 'h.shared_at DESC, h.id',
        },
      };
      const view = views[query.view];
      return this.page(tx, caller, cases, view.filter, view.order, query, [caller.id, caseIds]);
    });
  }

  /** Submitted and unreviewed first (oldest first), then overdue, across the open caseload. */
  async inbox(caller: Caller, query: PageQueryDto): Promise<HomeworkPage> {
    return this.db.run(caller, async (tx) => {
      const cases = await this.access.cases(caller, { open: true });
      const caseIds = cases.map((c) => c.id);
      await this.assignments.materialize(tx, { caseIds });
      // Overdue work of someone no longer a member will never be done: it is not waiting.
      const members = [...(await this.access.membersWithin(tx, caseIds)).values()].flat();
      // The status list comes first, as homework_waiting_idx is written: the page is found there.
      return this.page(
        tx,
        caller,
        cases,
        `h.case_id = ANY($1::uuid[]) AND h.status IN ('not_started', 'draft', 'submitted')
           AND (h.status = 'submitted' OR (h.due_on < current_date AND (h.user_id IS NULL OR h.user_id = ANY($2::uuid[]))))`,
        `(h.status = 'submitted') DESC, h.submitted_at ASC NULLS LAST, h.due_on ASC, h.id`,
        query,
        [caseIds, members],
      );
    });
  }

  async forCase(caller: Caller, caseId: string, query: PageQueryDto): Promise<HomeworkPage> {
    return this.db.run(caller, async (tx) => {
      const theCase = await this.access.require(caller, caseId, 'counsel');
      await this.assignments.materialize(tx, { caseIds: [caseId] });
      return this.page(tx, caller, [theCase], `h.case_id = $1`, 'h.due_on DESC, h.id', query, [
        caseId,
      ]);
    });
  }

  async detail(caller: Caller, id: string): Promise<HomeworkDetail> {
    return this.db.run(caller, async (tx) =>
      this.view(tx, caller, await this.load(tx, caller, id)),
    );
  }

  /**
   * For the notes of a session: the case's homework submitted after `since` (if any) and up to
   * `until`, with its 0–10 answers, for the counselor to summarise.
   */
  async submittedBetween(
    caller: Caller,
    caseId: string,
    since: Date | null,
    until: Date,
  ): Promise<HomeworkSince['items']> {
    return this.db.run(caller, async (tx) => {
      await this.access.require(caller, caseId, 'counsel');
      const rows: {
        id: string;
        exercise_version_id: string;
        user_id: string | null;
        submitted_at: Date;
        scores: { id: string; key: string; value: string }[];
        measure: { id: string; result: string } | null;
      }[] = await tx.query(
        `SELECT h.id, h.exercise_version_id, h.user_id, h.submitted_at,
                (SELECT json_build_object('id', mr.id, 'result', mr.result_enc)
                   FROM measure_results mr WHERE mr.homework_id = h.id) AS measure,
                (SELECT coalesce(json_agg(json_build_object('id', sc.id, 'key', sc.field_key, 'value', sc.value_enc)), '[]'::json)
                   FROM homework_scores sc WHERE sc.homework_id = h.id) AS scores
           FROM homework h
          WHERE h.case_id = $1 AND h.submitted_at IS NOT NULL
            AND h.submitted_at <= $2 AND ($3::timestamptz IS NULL OR h.submitted_at > $3)
          ORDER BY h.submitted_at, h.id
          LIMIT 100`,
        [caseId, until, since],
      );
      const versions = await this.versions.get(
        caller,
        rows.map((r) => r.exercise_version_id),
      );
      const person = await this.people.lookup(
        caller,
        rows.map((r) => r.user_id),
      );
      return rows.map((r) => {
        const version = versions.get(r.exercise_version_id);
        return {
          homeworkId: r.id,
          title: version?.title ?? '',
          member: r.user_id
            ? { userId: r.user_id, displayName: person(r.user_id)?.displayName ?? '' }
            : null,
          submittedAt: new Date(r.submitted_at).toISOString(),
          scales: r.scores.map((score) => ({
            label: version?.fields.find((f) => f.key === score.key)?.label ?? score.key,
            value: openScore(this.encryption, score.id, score.value),
          })),
          measure: r.measure
            ? openMeasureResult(this.encryption, r.measure.id, r.measure.result)
            : null,
        };
      });
    });
  }

  /**
   * Autosave. The save names the version it edited: a stale one answers 409 (for together
   * homework, another member saved meanwhile), except a retry of a save that already landed.
   */
  async saveDraft(caller: Caller, id: string, input: SaveDraftDto): Promise<DraftSaved> {
    return this.db.run(caller, async (manager) => {
      const { homework } = await this.editable(manager, caller, id);
      const fields = await this.fields(caller, homework);
      this.check(fields, input.answers, false, await this.allowedMembers(caller, homework, fields));
      const saved = await this.write(manager, homework, input, 'draft');
      return {
        version: saved.version,
        savedAt: (saved.savedAt ?? new Date()).toISOString(),
        status: saved.status,
      };
    });
  }

  /** Individual homework is submitted; together homework is confirmed by each member in turn. */
  async submit(caller: Caller, id: string, input: SaveDraftDto): Promise<HomeworkDetail> {
    return this.db.run(caller, async (manager) => {
      const { homework } = await this.editable(manager, caller, id);
      const fields = await this.fields(caller, homework);
      this.check(fields, input.answers, true, await this.allowedMembers(caller, homework, fields));
      let current = await this.write(manager, homework, input, 'draft');
      if (homework.userId === null) {
        // A confirmation is of the response's current version; an edit after it asks again.
        await manager.query(
          `INSERT INTO homework_confirmations (clinic_id, homework_id, user_id, version) VALUES ($1, $2, $3, $4)
           ON CONFLICT (homework_id, user_id) DO UPDATE SET version = EXCLUDED.version, confirmed_at = now()`,
          [caller.clinicId, id, caller.id, current.version],
        );
        const members = await this.access.memberIds(caller, homework.caseId);
        const [{ missing }] = await manager.query(
          `SELECT count(*)::int AS missing FROM unnest($1::uuid[]) AS m(user_id)
            WHERE NOT EXISTS (SELECT 1 FROM homework_confirmations hc
                               WHERE hc.homework_id = $2 AND hc.user_id = m.user_id AND hc.version = $3)`,
          [members, id, current.version],
        );
        if (missing === 0)
          current = await this.markSubmitted(manager, caller, current, input.answers);
      } else {
        current = await this.markSubmitted(manager, caller, current, input.answers);
      }
      return this.view(manager, caller, { homework: current, access: 'author' });
    });
  }

  async giveFeedback(caller: Caller, id: string, body: string): Promise<HomeworkDetail> {
    return this.db.run(caller, async (manager) => {
      const loaded = await this.counselorOnly(manager, caller, id);
      if (OPEN.includes(loaded.homework.status))
        throw new ConflictException('Feedback is given once the response is submitted.');
      const feedbackId = randomUUID();
      await manager.insert(HomeworkFeedback, {
        id: feedbackId,
        clinicId: caller.clinicId,
        homeworkId: id,
        authorId: caller.id,
        bodyEnc: this.encryption.encrypt(
          body,
          encryptionContext('homework_feedback', 'body_enc', feedbackId),
        ),
      });
      const { title } = await this.versions.one(caller, loaded.homework.exerciseVersionId);
      await this.notices.toAuthors(manager, caller, loaded.homework, title, 'feedback_given');
      // That feedback was given, never its words: admins read the audit trail.
      await this.recordReview(manager, caller, loaded.homework, 'homework.feedback_given', {
        feedbackId,
      });
      return this.view(manager, caller, loaded);
    });
  }

  async reply(
    caller: Caller,
    id: string,
    feedbackId: string,
    body: string,
  ): Promise<HomeworkDetail> {
    return this.db.run(caller, async (manager) => {
      const loaded = await this.load(manager, caller, id);
      if (loaded.access !== 'author')
        throw new ForbiddenException(
          'Only the people who wrote the response reply to its feedback.',
        );
      const feedback = await manager.findOne(HomeworkFeedback, {
        where: { id: feedbackId, homeworkId: id, clinicId: caller.clinicId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!feedback) throw new NotFoundException('No such feedback.');
      if (feedback.replyBodyEnc) throw new ConflictException('This feedback already has a reply.');
      await manager.update(
        HomeworkFeedback,
        { id: feedbackId },
        {
          replyAuthorId: caller.id,
          replyBodyEnc: this.encryption.encrypt(
            body,
            encryptionContext('homework_feedback', 'reply_body_enc', feedbackId),
          ),
          repliedAt: () => 'now()',
        },
      );
      return this.view(manager, caller, loaded);
    });
  }

  async markReviewed(caller: Caller, id: string): Promise<HomeworkDetail> {
    return this.transition(
      caller,
      id,
      ['submitted'],
      async (manager, homework) => {
        await manager.update(
          Homework,
          { id },
          { status: 'reviewed', reviewedAt: () => 'now()', reviewedById: caller.id },
        );
        await this.recordReview(manager, caller, homework, 'homework.reviewed');
        return homework;
      },
      'Only a submitted response can be marked reviewed.',
    );
  }

  /** Back to the client to revise: a draft again, with its confirmations and scores cleared. */
  async reopen(caller: Caller, id: string, reason: string): Promise<HomeworkDetail> {
    return this.transition(
      caller,
      id,
      ['submitted', 'reviewed'],
      async (manager, homework) => {
        const version = await this.versions.one(caller, homework.exerciseVersionId);
        if (version.measure)
          throw new ConflictException('A measure’s result is locked once submitted.');
        await manager.update(
          Homework,
          { id },
          {
            status: 'draft',
            submittedAt: null,
            reviewedAt: null,
            reviewedById: null,
            sharedAt: null,
            revisionReasonEnc: this.encryption.encrypt(
              reason,
              encryptionContext('homework', 'revision_reason_enc', id),
            ),
          },
        );
        await manager.delete(HomeworkConfirmation, { homeworkId: id });
        await manager.query(`DELETE FROM homework_scores WHERE homework_id = $1`, [id]);
        await this.notices.toAuthors(
          manager,
          caller,
          homework,
          version.title,
          'revision_requested',
        );
        // Not the reason: it is for the member, and admins read the audit trail.
        await this.recordReview(manager, caller, homework, 'homework.revision_requested', {
          from: homework.status,
        });
        return homework;
      },
      'Only a submitted response can be reopened.',
    );
  }

  /** Sharing makes one member's response readable by the case's other members, until unshared. */
  async setShared(caller: Caller, id: string, shared: boolean): Promise<HomeworkDetail> {
    return this.transition(
      caller,
      id,
      ['submitted', 'reviewed'],
      async (manager, homework) => {
        if (homework.userId === null)
          throw new ConflictException('Together homework is already seen by every member.');
        // Showing one member's words to the others is joint work.
        if (shared) await this.jointWork.require(caller, homework.caseId);
        await manager.update(Homework, { id }, { sharedAt: shared ? () => 'now()' : null });
        await this.audit.record(manager, caller, {
          action: shared ? 'homework.shared' : 'homework.unshared',
          entityType: 'homework',
          entityId: id,
          details: { caseId: homework.caseId, authorId: homework.userId },
        });
        if (shared) {
          const { title } = await this.versions.one(caller, homework.exerciseVersionId);
          await this.notices.shared(manager, caller, homework, title);
        }
        return homework;
      },
      'Only a submitted response can be shared.',
    );
  }

  /** A counselor's review of a response, as an audit event on the homework. */
  private recordReview(
    manager: EntityManager,
    caller: Caller,
    homework: Homework,
    action: 'homework.reviewed' | 'homework.feedback_given' | 'homework.revision_requested',
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(manager, caller, {
      action,
      entityType: 'homework',
      entityId: homework.id,
      details: { caseId: homework.caseId, authorId: homework.userId, ...details },
    });
  }

  private async transition(
    caller: Caller,
    id: string,
    from: HomeworkStatus[],
    change: (manager: EntityManager, homework: Homework) => Promise<Homework>,
    refusal: string,
  ): Promise<HomeworkDetail> {
    return this.db.run(caller, async (manager) => {
      const loaded = await this.counselorOnly(manager, caller, id);
      if (!from.includes(loaded.homework.status)) throw new ConflictException(refusal);
      await change(manager, loaded.homework);
      return this.view(manager, caller, await this.load(manager, caller, id));
    });
  }

  /** One page of the caller's homework; `cases` are the caller's cases the filter spans. */
  private async page(
    tx: EntityManager,
    caller: Caller,
    cases: { id: string; title: string }[],
    where: string,
    order: string,
    query: PageQueryDto,
    params: unknown[],
  ): Promise<HomeworkPage> {
    const { rows, total } = await pagedRows<HomeworkRow>(
      tx,
      { columns: HOMEWORK_COLUMNS, from: 'homework h', key: 'h.id', where, order, params },
      query,
    );
    return {
      items: await this.summaries(caller, rows, cases),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** List rows with their case titles, exercise titles and member names. */
  private async summaries(
    caller: Caller,
    rows: HomeworkRow[],
    cases: { id: string; title: string }[],
  ) {
    const names = {
      caseTitles: new Map(cases.map((c) => [c.id, c.title])),
      versions: await this.versions.get(
        caller,
        rows.map((r) => r.exercise_version_id),
      ),
      person: await this.people.lookup(
        caller,
        rows.map((r) => r.user_id),
      ),
      closedJoint: await this.jointWork.closed(
        caller,
        rows.filter((r) => r.user_id === null).map((r) => r.case_id),
      ),
    };
    return rows.map((r) => toHomeworkSummary(r, names, caller.id));
  }

  /**
   * The homework if the caller may see it, and how; 404 otherwise (also for admins). Row-level
   * security already hides what the caller may not read; the case-access rule says how.
   */
  private async load(
    manager: EntityManager,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<Loaded> {
    // For a change the row is locked as it is read. A partner reading a shared response may
    // not lock it (row-level security hides it from FOR UPDATE): read it plainly to answer 403.
    const homework =
      (lock && (await findEntity(manager, Homework, 'h', 'h.id = $1', [id], true))) ||
      (await findEntity(manager, Homework, 'h', 'h.id = $1', [id]));
    const access = homework && (await this.accessTo(caller, homework));
    if (!homework || !access) throw new NotFoundException('No such homework.');
    return { homework, access };
  }

  /**
   * How the caller reaches a homework row that row-level security let them read, if at all. A
   * client must still be a member of its case, for their own homework too: a member removed
   * from a case loses its homework with the membership.
   */
  private async accessTo(caller: Caller, homework: Homework): Promise<Access | undefined> {
    if (caller.role === 'admin') return undefined;
    const need = caller.role === 'counselor' ? 'counsel' : 'see';
    const reachable = await this.access.reaches(caller, homework.caseId, need);
    if (!reachable) return undefined;
    if (caller.role === 'counselor') return 'counselor';
    if (homework.userId === null || homework.userId === caller.id) return 'author';
    return homework.sharedAt ? 'shared' : undefined;
  }

  private async editable(manager: EntityManager, caller: Caller, id: string): Promise<Loaded> {
    const loaded = await this.load(manager, caller, id, true);
    if (loaded.access !== 'author')
      throw new ForbiddenException('Only the people it is for can write this response.');
    if (!OPEN.includes(loaded.homework.status)) {
      throw new ConflictException(
        'This response is already submitted. Your counselor can reopen it for you to revise.',
      );
    }
    // Together homework is kept while joint work is closed, and paused.
    if (
      loaded.homework.userId === null &&
      !(await this.jointWork.isOpen(caller, loaded.homework.caseId))
    ) {
      throw new ConflictException({ code: JOINT_WORK_CLOSED, message: JOINT_WORK_WAITING });
    }
    return loaded;
  }

  private async counselorOnly(manager: EntityManager, caller: Caller, id: string): Promise<Loaded> {
    const loaded = await this.load(manager, caller, id, true);
    if (loaded.access !== 'counselor') throw new NotFoundException('No such homework.');
    return loaded;
  }

  private async fields(caller: Caller, homework: Homework): Promise<FieldDef[]> {
    return (await this.versions.one(caller, homework.exerciseVersionId)).fields;
  }

  /**
   * Who the form's `member` questions may name: the case's current members, and anyone the saved
   * response already names (a member since removed stays as written). Undefined without such a
   * question.
   */
  private async allowedMembers(
    caller: Caller,
    homework: Homework,
    fields: FieldDef[],
  ): Promise<string[] | undefined> {
    if (!hasMemberField(fields)) return undefined;
    const current = await this.access.memberIds(caller, homework.caseId);
    return [...new Set([...current, ...memberAnswerIds(fields, this.savedAnswers(homework))])];
  }

  /**
   * The people a `member` question can name, by name: the case's members (alphabetically), then
   * anyone the answers name who no longer is one. Empty without such a question.
   */
  private async memberChoices(
    caller: Caller,
    homework: Homework,
    fields: FieldDef[],
    answers: Answers,
  ): Promise<HomeworkMember[]> {
    if (!hasMemberField(fields)) return [];
    const current = await this.access.memberIds(caller, homework.caseId);
    const former = memberAnswerIds(fields, answers).filter(
      (id) => UUID.test(id) && !current.includes(id),
    );
    const person = await this.people.lookup(caller, [...current, ...former]);
    const name = (userId: string) => person(userId)?.displayName ?? '';
    return [
      ...current
        .map((userId) => ({ userId, displayName: name(userId) }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName)),
      ...former.map((userId) => ({
        userId,
        displayName: name(userId) || 'Someone no longer in this case',
        former: true,
      })),
    ];
  }

  /** The response as last saved, decrypted; null before the first save. */
  private savedAnswers(homework: Homework): Answers | null {
    return homework.answersEnc
      ? (JSON.parse(
          this.encryption.decrypt(
            homework.answersEnc,
            encryptionContext('homework', 'answers_enc', homework.id),
          ),
        ) as Answers)
      : null;
  }

  private check(
    fields: FieldDef[],
    answers: Answers,
    complete: boolean,
    members?: readonly string[],
  ): void {
    const problems = answerProblems(fields, answers, { complete, members });
    if (problems.length > 0) {
      throw new BadRequestException({
        message: complete
          ? 'Some answers need attention before you submit.'
          : 'Some answers cannot be saved as they are.',
        fields: problems.map((p) => ({ field: `answers.${p.field}`, reasons: p.reasons })),
      });
    }
  }

  /** Writes the answers if they changed, checking the version in the UPDATE itself. */
  private async write(
    manager: EntityManager,
    homework: Homework,
    input: SaveDraftDto,
    status: HomeworkStatus,
  ): Promise<Homework> {
    const context = encryptionContext('homework', 'answers_enc', homework.id);
    const stored = homework.answersEnc
      ? canonical(JSON.parse(this.encryption.decrypt(homework.answersEnc, context)))
      : null;
    const same = stored === canonical(input.answers);
    if (input.version !== homework.version) {
      // A retried save whose first attempt landed is not a conflict.
      if (same) return homework;
      throw new ConflictException(
        'This response was changed elsewhere since you opened it. Reload to see the latest version; your text is kept on your screen.',
      );
    }
    if (same && homework.status !== 'not_started') return homework;
    const answersEnc = this.encryption.encrypt(JSON.stringify(input.answers), context);
    // The version check is in the UPDATE itself; RETURNING spares a read of the row after it.
    const [rows]: [{ version: number; saved_at: Date }[], number] = await manager.query(
      `UPDATE homework SET answers_enc = $1, version = version + 1, saved_at = now(), status = $2
        WHERE id = $3 AND version = $4 RETURNING version, saved_at`,
      [answersEnc, status, homework.id, input.version],
    );
    if (rows.length !== 1)
      throw new ConflictException('This response was changed elsewhere since you opened it.');
    // Together homework: confirmations of the earlier version stay, to show who must confirm again.
    return Object.assign(new Homework(), homework, {
      answersEnc,
      status,
      version: rows[0].version,
      savedAt: new Date(rows[0].saved_at),
    });
  }

  /**
   * Submitted: the 0–10 answers kept as numbers (dated by the day they were given), a
   * measure's result locked, and critical answers alerting the case's counselors.
   */
  private async markSubmitted(
    manager: EntityManager,
    caller: Caller,
    homework: Homework,
    answers: Answers,
  ): Promise<Homework> {
    const version = await this.versions.one(caller, homework.exerciseVersionId);
    const [[submitted]]: [{ submitted_at: Date; updated_at: Date }[], number] = await manager.query(
      `UPDATE homework SET status = 'submitted', submitted_at = now(), revision_reason_enc = NULL,
              updated_at = now()
        WHERE id = $1 RETURNING submitted_at, updated_at`,
      [homework.id],
    );
    if (homework.userId) {
      // A value is bound to its row's id, so a resubmission replaces the rows, never the value.
      await manager.query(`DELETE FROM homework_scores WHERE homework_id = $1 AND user_id = $2`, [
        homework.id,
        homework.userId,
      ]);
      for (const score of scaleAnswers(version.fields, answers)) {
        const scoreId = randomUUID();
        await manager.query(
          `INSERT INTO homework_scores (id, clinic_id, case_id, homework_id, user_id, field_key, value_enc, recorded_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, current_date)`,
          [
            scoreId,
            homework.clinicId,
            homework.caseId,
            homework.id,
            homework.userId,
            score.key,
            sealScore(this.encryption, scoreId, score.value),
          ],
        );
      }
      if (version.measure) {
        const result = scoreMeasure({ fields: version.fields, measure: version.measure }, answers);
        const resultId = randomUUID();
        await manager.query(
          `INSERT INTO measure_results (id, clinic_id, case_id, homework_id, user_id, exercise_id, result_enc, submitted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
          [
            resultId,
            homework.clinicId,
            homework.caseId,
            homework.id,
            homework.userId,
            version.exerciseId,
            sealMeasureResult(this.encryption, resultId, result),
          ],
        );
      }
    }
    await this.alerts.raise(manager, caller, {
      caseId: homework.caseId,
      clientId: caller.id,
      source: 'homework',
      sourceId: homework.id,
      title: version.title,
      answers: criticalAnswers(version.fields, answers),
    });
    await this.notices.submitted(manager, caller, homework, version.title);
    return Object.assign(new Homework(), homework, {
      status: 'submitted',
      submittedAt: new Date(submitted.submitted_at),
      updatedAt: new Date(submitted.updated_at),
      revisionReasonEnc: null,
    });
  }

  private async view(
    manager: EntityManager,
    caller: Caller,
    loaded: Loaded,
  ): Promise<HomeworkDetail> {
    const { homework, access } = loaded;
    const [row]: HomeworkRow[] = await manager.query(
      `SELECT ${HOMEWORK_COLUMNS} FROM homework h WHERE h.id = $1`,
      [homework.id],
    );
    const version = await this.versions.one(caller, homework.exerciseVersionId);
    const [assignment]: { instructions_enc: string | null }[] = await manager.query(
      `SELECT instructions_enc FROM assignments WHERE id = $1`,
      [homework.assignmentId],
    );
    const feedbackRows: HomeworkFeedback[] = await manager.query(
      `SELECT ${entityColumns(manager, HomeworkFeedback, 'f')} FROM homework_feedback f
        WHERE f.homework_id = $1 ORDER BY f.created_at, f.id`,
      [homework.id],
    );
    const allConfirmations: { user_id: string; confirmed_at: Date; version: number }[] =
      await manager.query(
        `SELECT user_id, confirmed_at, version FROM homework_confirmations WHERE homework_id = $1 ORDER BY confirmed_at`,
        [homework.id],
      );
    const confirmations = allConfirmations.filter((c) => c.version === homework.version);
    const stale = allConfirmations.filter((c) => c.version !== homework.version);
    const [measureRow]: { id: string; result_enc: string }[] = await manager.query(
      `SELECT id, result_enc FROM measure_results WHERE homework_id = $1`,
      [homework.id],
    );
    const measureResult: MeasureResult | null = measureRow
      ? openMeasureResult(this.encryption, measureRow.id, measureRow.result_enc)
      : null;
    const known = await this.people.lookup(caller, [
      homework.userId,
      ...feedbackRows.flatMap((f) => [f.authorId, f.replyAuthorId]),
      ...allConfirmations.map((c) => c.user_id),
    ]);
    const person = (userId: string) => ({
      userId,
      displayName: known(userId)?.displayName ?? '',
    });
    const feedback: FeedbackView[] = feedbackRows.map((f) => ({
      id: f.id,
      author: person(f.authorId),
      body: this.encryption.decrypt(
        f.bodyEnc,
        encryptionContext('homework_feedback', 'body_enc', f.id),
      ),
      createdAt: f.createdAt.toISOString(),
      reply:
        f.replyBodyEnc && f.replyAuthorId
          ? {
              author: person(f.replyAuthorId),
              body: this.encryption.decrypt(
                f.replyBodyEnc,
                encryptionContext('homework_feedback', 'reply_body_enc', f.id),
              ),
              createdAt: (f.repliedAt ?? f.createdAt).toISOString(),
            }
          : null,
    }));
    // A partner reading a shared response sees the response only: not the counselor's
    // instructions, feedback or the author's replies.
    const sharedOnly = access === 'shared';
    const open = OPEN.includes(homework.status);
    const submitted = homework.status === 'submitted' || homework.status === 'reviewed';
    const caseTitles = await this.access.titles(caller, [homework.caseId]);
    const closedJoint =
      homework.userId === null
        ? await this.jointWork.closed(caller, [homework.caseId])
        : new Set<string>();
    // Individual homework in progress is the client's own until they submit it.
    const answersHidden = access === 'counselor' && homework.userId !== null && open;
    const answers = (!answersHidden && this.savedAnswers(homework)) || {};
    return {
      ...toHomeworkSummary(
        row,
        { caseTitles, versions: new Map([[version.id, version]]), person: known, closedJoint },
        caller.id,
      ),
      mine: access === 'author',
      exercise: {
        id: version.exerciseId,
        version: version.version,
        title: version.title,
        stage: version.stage,
        // Who an exercise is meant for ("the person who broke trust") is the counselors' label:
        // a client is never told how their counselor sees them or their partner.
        ...(access === 'counselor' ? { audience: version.audience } : {}),
        recurrence: version.recurrence,
        instructions: version.instructions,
        fields: version.fields,
      },
      instructions:
        !sharedOnly && assignment.instructions_enc
          ? this.encryption.decrypt(
              assignment.instructions_enc,
              encryptionContext('assignments', 'instructions_enc', homework.assignmentId),
            )
          : null,
      answersHidden,
      revisionReason:
        !sharedOnly && homework.revisionReasonEnc
          ? this.encryption.decrypt(
              homework.revisionReasonEnc,
              encryptionContext('homework', 'revision_reason_enc', homework.id),
            )
          : null,
      measureResult,
      crisisText:
        access === 'author' && open && version.fields.some((f) => f.critical)
          ? (await this.settings.crisisText(caller)).text
          : null,
      staleConfirmations: stale.map((c) => person(c.user_id)),
      answers,
      members: await this.memberChoices(caller, homework, version.fields, answers),
      version: homework.version,
      savedAt: homework.savedAt ? homework.savedAt.toISOString() : null,
      feedback: sharedOnly ? [] : feedback,
      confirmations: confirmations.map((c) => ({
        userId: c.user_id,
        displayName: person(c.user_id).displayName,
        confirmedAt: new Date(c.confirmed_at).toISOString(),
      })),
      can: {
        edit: access === 'author' && open && closedJoint.size === 0,
        submit: access === 'author' && open && closedJoint.size === 0,
        review: access === 'counselor' && homework.status === 'submitted',
        share: access === 'counselor' && submitted && homework.userId !== null,
        reply: access === 'author' && feedback.some((f) => f.reply === null),
      },
    };
  }
}
