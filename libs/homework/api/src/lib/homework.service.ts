import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import type { Caller } from '@mend/auth/api';
import { CasesService } from '@mend/caseload/api';
import { answerProblems, scaleAnswers } from '@mend/exercises/model';
import type {
  Answers,
  DraftSaved,
  FeedbackView,
  FieldDef,
  HomeworkDetail,
  HomeworkPage,
  HomeworkStatus,
} from '@mend/shared/contracts';
import { encryptionContext, FieldEncryptionService, PageQueryDto } from '@mend/shared/server';
import { AssignmentsService } from './assignments.service';
import { MyHomeworkQueryDto, SaveDraftDto } from './homework.dto';
import { Homework, HomeworkConfirmation, HomeworkFeedback } from './homework.entities';
import {
  canonical,
  CLIENT_OWN_SCOPE,
  CLIENT_SHARED_SCOPE,
  COUNSELOR_SCOPE,
  HOMEWORK_SELECT,
  HomeworkRow,
  toHomeworkSummary,
} from './homework-queries';

const OPEN: HomeworkStatus[] = ['not_started', 'draft'];

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assignments: AssignmentsService,
    private readonly cases: CasesService,
    private readonly encryption: FieldEncryptionService,
    private readonly audit: AuditService,
  ) {}

  async mine(caller: Caller, query: MyHomeworkQueryDto): Promise<HomeworkPage> {
    await this.assignments.materialize(this.dataSource.manager, {
      caseIds: await this.clientCaseIds(caller),
    });
    const views = {
      due: {
        scope: CLIENT_OWN_SCOPE,
        filter: `h.status IN ('not_started', 'draft') AND h.due_on >= current_date`,
        order: 'h.due_on ASC, h.id',
      },
      overdue: {
        scope: CLIENT_OWN_SCOPE,
        filter: `h.status IN ('not_started', 'draft') AND h.due_on < current_date`,
        order: 'h.due_on ASC, h.id',
      },
      done: {
        scope: CLIENT_OWN_SCOPE,
        filter: `h.status IN ('submitted', 'reviewed')`,
        order: 'h.submitted_at DESC NULLS LAST, h.id',
      },
      shared: { scope: CLIENT_SHARED_SCOPE, filter: 'TRUE', order: 'h.shared_at DESC, h.id' },
    };
    const view = views[query.view];
    return this.page(caller, `${view.scope} AND ${view.filter}`, view.order, query);
  }

  /** Submitted and unreviewed first (oldest first), then overdue, across the caseload. */
  async inbox(caller: Caller, query: PageQueryDto): Promise<HomeworkPage> {
    await this.assignments.materialize(this.dataSource.manager, {
      caseIds: await this.counselorCaseIds(caller),
    });
    return this.page(
      caller,
      `${COUNSELOR_SCOPE} AND c.status = 'open' AND (h.status = 'submitted' OR (h.due_on < current_date AND h.status IN ('not_started', 'draft')))`,
      `(h.status = 'submitted') DESC, h.submitted_at ASC NULLS LAST, h.due_on ASC, h.id`,
      query,
    );
  }

  async forCase(caller: Caller, caseId: string, query: PageQueryDto): Promise<HomeworkPage> {
    await this.cases.requireCase(caller, caseId);
    await this.assignments.materialize(this.dataSource.manager, { caseIds: [caseId] });
    return this.page(
      caller,
      `${COUNSELOR_SCOPE} AND h.case_id = $3`,
      'h.due_on DESC, v.title, h.id',
      query,
      [caseId],
    );
  }

  async detail(caller: Caller, id: string): Promise<HomeworkDetail> {
    return this.view(
      this.dataSource.manager,
      caller,
      await this.load(this.dataSource.manager, caller, id),
    );
  }

  /**
   * Autosave. The save names the version it edited: a stale one answers 409 (for together
   * homework, another member saved meanwhile), except a retry of a save that already landed.
   */
  async saveDraft(caller: Caller, id: string, input: SaveDraftDto): Promise<DraftSaved> {
    return this.dataSource.transaction(async (manager) => {
      const { homework } = await this.editable(manager, caller, id);
      const fields = await this.fields(manager, homework);
      this.check(fields, input.answers, false);
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
    return this.dataSource.transaction(async (manager) => {
      const { homework } = await this.editable(manager, caller, id);
      const fields = await this.fields(manager, homework);
      this.check(fields, input.answers, true);
      let current = await this.write(manager, homework, input, 'draft');
      if (homework.userId === null) {
        await manager.query(
          `INSERT INTO homework_confirmations (clinic_id, homework_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [caller.clinicId, id, caller.id],
        );
        const [{ missing }] = await manager.query(
          `SELECT count(*)::int AS missing FROM case_members m
            WHERE m.case_id = $1 AND NOT EXISTS (SELECT 1 FROM homework_confirmations hc WHERE hc.homework_id = $2 AND hc.user_id = m.user_id)`,
          [homework.caseId, id],
        );
        if (missing === 0)
          current = await this.markSubmitted(manager, current, fields, input.answers);
      } else {
        current = await this.markSubmitted(manager, current, fields, input.answers);
      }
      return this.view(manager, caller, { homework: current, access: 'author' });
    });
  }

  async giveFeedback(caller: Caller, id: string, body: string): Promise<HomeworkDetail> {
    return this.dataSource.transaction(async (manager) => {
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
      return this.view(manager, caller, loaded);
    });
  }

  async reply(
    caller: Caller,
    id: string,
    feedbackId: string,
    body: string,
  ): Promise<HomeworkDetail> {
    return this.dataSource.transaction(async (manager) => {
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
        return homework;
      },
      'Only a submitted response can be marked reviewed.',
    );
  }

  /** Back to the client to revise: a draft again, with its confirmations and scores cleared. */
  async reopen(caller: Caller, id: string): Promise<HomeworkDetail> {
    return this.transition(
      caller,
      id,
      ['submitted', 'reviewed'],
      async (manager, homework) => {
        await manager.update(
          Homework,
          { id },
          {
            status: 'draft',
            submittedAt: null,
            reviewedAt: null,
            reviewedById: null,
            sharedAt: null,
          },
        );
        await manager.delete(HomeworkConfirmation, { homeworkId: id });
        await manager.query(`DELETE FROM homework_scores WHERE homework_id = $1`, [id]);
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
        await manager.update(Homework, { id }, { sharedAt: shared ? () => 'now()' : null });
        await this.audit.record(manager, caller, {
          action: shared ? 'homework.shared' : 'homework.unshared',
          entityType: 'homework',
          entityId: id,
          details: { caseId: homework.caseId, authorId: homework.userId },
        });
        return homework;
      },
      'Only a submitted response can be shared.',
    );
  }

  private async transition(
    caller: Caller,
    id: string,
    from: HomeworkStatus[],
    change: (manager: EntityManager, homework: Homework) => Promise<Homework>,
    refusal: string,
  ): Promise<HomeworkDetail> {
    return this.dataSource.transaction(async (manager) => {
      const loaded = await this.counselorOnly(manager, caller, id);
      if (!from.includes(loaded.homework.status)) throw new ConflictException(refusal);
      await change(manager, loaded.homework);
      return this.view(manager, caller, await this.load(manager, caller, id));
    });
  }

  private async page(
    caller: Caller,
    where: string,
    order: string,
    query: PageQueryDto,
    extra: unknown[] = [],
  ): Promise<HomeworkPage> {
    const params = [caller.clinicId, caller.id, ...extra];
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM homework h JOIN cases c ON c.id = h.case_id WHERE ${where}`,
      params,
    );
    const rows: HomeworkRow[] = await this.dataSource.query(
      `${HOMEWORK_SELECT} WHERE ${where} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return {
      items: rows.map((r) => toHomeworkSummary(r, caller.id)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The homework if the caller may see it, and how; 404 otherwise (also for admins). */
  private async load(
    manager: EntityManager,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<Loaded> {
    const homework = await manager.findOne(Homework, {
      where: { id, clinicId: caller.clinicId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (homework) {
      if (caller.role === 'counselor') {
        const [assigned] = await manager.query(
          `SELECT 1 FROM case_counselors WHERE case_id = $1 AND user_id = $2`,
          [homework.caseId, caller.id],
        );
        if (assigned) return { homework, access: 'counselor' };
      } else if (caller.role === 'client') {
        if (homework.userId === caller.id) return { homework, access: 'author' };
        const [member] = await manager.query(
          `SELECT 1 FROM case_members WHERE case_id = $1 AND user_id = $2`,
          [homework.caseId, caller.id],
        );
        if (member && homework.userId === null) return { homework, access: 'author' };
        if (member && homework.sharedAt) return { homework, access: 'shared' };
      }
    }
    throw new NotFoundException('No such homework.');
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
    return loaded;
  }

  private async counselorOnly(manager: EntityManager, caller: Caller, id: string): Promise<Loaded> {
    const loaded = await this.load(manager, caller, id, true);
    if (loaded.access !== 'counselor') throw new NotFoundException('No such homework.');
    return loaded;
  }

  private async fields(manager: EntityManager, homework: Homework): Promise<FieldDef[]> {
    const [row]: { fields: FieldDef[] }[] = await manager.query(
      `SELECT fields FROM exercise_versions WHERE id = $1`,
      [homework.exerciseVersionId],
    );
    return row.fields;
  }

  private check(fields: FieldDef[], answers: Answers, complete: boolean): void {
    const problems = answerProblems(fields, answers, { complete });
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
    const result = await manager
      .createQueryBuilder()
      .update(Homework)
      .set({
        answersEnc: this.encryption.encrypt(JSON.stringify(input.answers), context),
        version: () => 'version + 1',
        savedAt: () => 'now()',
        status,
      })
      .where('id = :id AND version = :version', { id: homework.id, version: input.version })
      .execute();
    if (result.affected !== 1)
      throw new ConflictException('This response was changed elsewhere since you opened it.');
    if (homework.userId === null)
      await manager.delete(HomeworkConfirmation, { homeworkId: homework.id });
    return manager.findOneByOrFail(Homework, { id: homework.id });
  }

  private async markSubmitted(
    manager: EntityManager,
    homework: Homework,
    fields: FieldDef[],
    answers: Answers,
  ): Promise<Homework> {
    await manager.update(
      Homework,
      { id: homework.id },
      { status: 'submitted', submittedAt: () => 'now()' },
    );
    if (homework.userId) {
      for (const score of scaleAnswers(fields, answers)) {
        await manager.query(
          `INSERT INTO homework_scores (clinic_id, case_id, homework_id, user_id, field_key, value, recorded_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (homework_id, user_id, field_key) DO UPDATE SET value = EXCLUDED.value, recorded_on = EXCLUDED.recorded_on`,
          [
            homework.clinicId,
            homework.caseId,
            homework.id,
            homework.userId,
            score.key,
            score.value,
            // Plotted at the occurrence's date, so a late or caught-up answer stays in its week.
            homework.dueOn,
          ],
        );
      }
    }
    return manager.findOneByOrFail(Homework, { id: homework.id });
  }

  private async view(
    manager: EntityManager,
    caller: Caller,
    loaded: Loaded,
  ): Promise<HomeworkDetail> {
    const { homework, access } = loaded;
    const [row]: HomeworkRow[] = await manager.query(`${HOMEWORK_SELECT} WHERE h.id = $1`, [
      homework.id,
    ]);
    const [version]: {
      exercise_id: string;
      version: number;
      title: string;
      stage: HomeworkDetail['exercise']['stage'];
      audience: HomeworkDetail['exercise']['audience'];
      recurrence: HomeworkDetail['exercise']['recurrence'];
      instructions: string;
      fields: FieldDef[];
    }[] = await manager.query(
      `SELECT exercise_id, version, title, stage, audience, recurrence, instructions, fields FROM exercise_versions WHERE id = $1`,
      [homework.exerciseVersionId],
    );
    const [assignment]: { instructions_enc: string | null }[] = await manager.query(
      `SELECT instructions_enc FROM assignments WHERE id = $1`,
      [homework.assignmentId],
    );
    const feedbackRows = await manager.find(HomeworkFeedback, {
      where: { homeworkId: homework.id },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const confirmations: { user_id: string; display_name: string; confirmed_at: Date }[] =
      await manager.query(
        `SELECT hc.user_id, u.display_name, hc.confirmed_at FROM homework_confirmations hc JOIN users u ON u.id = hc.user_id
        WHERE hc.homework_id = $1 ORDER BY hc.confirmed_at`,
        [homework.id],
      );
    const people = [
      ...new Set(
        feedbackRows.flatMap((f) => [f.authorId, f.replyAuthorId]).filter((x): x is string => !!x),
      ),
    ];
    const names: { id: string; display_name: string }[] = people.length
      ? await manager.query(`SELECT id, display_name FROM users WHERE id = ANY($1)`, [people])
      : [];
    const person = (userId: string) => ({
      userId,
      displayName: names.find((n) => n.id === userId)?.display_name ?? '',
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
    return {
      ...toHomeworkSummary(row, caller.id),
      mine: access === 'author',
      exercise: {
        id: version.exercise_id,
        version: version.version,
        title: version.title,
        stage: version.stage,
        audience: version.audience,
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
      answers: homework.answersEnc
        ? (JSON.parse(
            this.encryption.decrypt(
              homework.answersEnc,
              encryptionContext('homework', 'answers_enc', homework.id),
            ),
          ) as Answers)
        : {},
      version: homework.version,
      savedAt: homework.savedAt ? homework.savedAt.toISOString() : null,
      feedback: sharedOnly ? [] : feedback,
      confirmations: confirmations.map((c) => ({
        userId: c.user_id,
        displayName: c.display_name,
        confirmedAt: new Date(c.confirmed_at).toISOString(),
      })),
      can: {
        edit: access === 'author' && open,
        submit: access === 'author' && open,
        review: access === 'counselor' && homework.status === 'submitted',
        share: access === 'counselor' && submitted && homework.userId !== null,
        reply: access === 'author' && feedback.some((f) => f.reply === null),
      },
    };
  }

  private async clientCaseIds(caller: Caller): Promise<string[]> {
    const rows: { case_id: string }[] = await this.dataSource.query(
      `SELECT case_id FROM case_members WHERE user_id = $1 AND clinic_id = $2`,
      [caller.id, caller.clinicId],
    );
    return rows.map((r) => r.case_id);
  }

  private async counselorCaseIds(caller: Caller): Promise<string[]> {
    const rows: { case_id: string }[] = await this.dataSource.query(
      `SELECT case_id FROM case_counselors WHERE user_id = $1 AND clinic_id = $2`,
      [caller.id, caller.clinicId],
    );
    return rows.map((r) => r.case_id);
  }
}
