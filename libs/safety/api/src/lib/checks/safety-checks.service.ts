import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { ClinicSettings } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { CaseAccess } from '@mend/caseload/api';
import type { Case } from '@mend/caseload/api';
import { answerProblems, criticalAnswers, SAFETY_CHECK } from '@mend/exercises/model';
import type {
  Answers,
  DraftSaved,
  MySafetyCheck,
  SafetyCheckSummary,
} from '@mend/shared/contracts';
import {
  canonical,
  ClinicDb,
  encryptionContext,
  FieldEncryptionService,
} from '@mend/shared/server';
import { MAIL_QUESTION, mailUnsafe } from '../notices/safety-mail-gate';
import { AlertsService } from '../alerts/alerts.service';
import { SaveSafetyCheckDto } from '../safety.dto';
import { SafetyCheck } from '../safety.entities';

/** Cases with joint work, and so with safety checks. */
export function hasJointWork(theCase: Pick<Case, 'type'>): boolean {
  return theCase.type === 'couple' || theCase.type === 'family';
}

/**
 * The private safety check-in of each member of a couple or family case: asked when they join
 * an open case, again every `recheck_weeks` after their last answer, and whenever a counselor
 * asks. Only the member and the case's counselors can read it (row-level security).
 */
@Injectable()
export class SafetyChecksService {
  constructor(
    private readonly db: ClinicDb,
    private readonly access: CaseAccess,
    private readonly encryption: FieldEncryptionService,
    private readonly alerts: AlertsService,
    private readonly settings: ClinicSettings,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates the checks that are due for the given members of an open couple or family case
   * (idempotent: one open check per member). A client can only ask for their own.
   */
  async ensure(
    tx: EntityManager,
    caller: Caller,
    theCase: Pick<Case, 'id' | 'status' | 'type' | 'recheckWeeks'>,
    memberIds: string[],
  ) {
    if (theCase.status !== 'open' || !hasJointWork(theCase) || memberIds.length === 0) return;
    await tx.query(
      `INSERT INTO safety_checks (clinic_id, case_id, client_id)
       SELECT $1, $2, m.id FROM unnest($3::uuid[]) AS m(id)
        WHERE NOT EXISTS (
          SELECT 1 FROM safety_checks s WHERE s.case_id = $2 AND s.client_id = m.id
             AND (s.submitted_at IS NULL OR s.submitted_at > now() - make_interval(weeks => $4)))
       ON CONFLICT (case_id, client_id) WHERE submitted_at IS NULL DO NOTHING`,
      [caller.clinicId, theCase.id, memberIds, theCase.recheckWeeks],
    );
  }

  /** A client's checks: open ones first, then answered ones. */
  async mine(caller: Caller): Promise<SafetyCheckSummary[]> {
    return this.db.run(caller, async (tx) => {
      const cases = await this.access.cases(caller, { open: true });
      for (const theCase of cases) await this.ensure(tx, caller, theCase, [caller.id]);
      const rows: {
        id: string;
        case_id: string;
        requested_at: Date;
        submitted_at: Date | null;
      }[] = await tx.query(
        `SELECT id, case_id, requested_at, submitted_at FROM safety_checks
          WHERE client_id = $1 ORDER BY submitted_at DESC NULLS FIRST, requested_at DESC LIMIT 50`,
        [caller.id],
      );
      const titles = await this.access.titles(
        caller,
        rows.map((r) => r.case_id),
      );
      return rows.map((r) => ({
        id: r.id,
        caseId: r.case_id,
        caseTitle: titles.get(r.case_id) ?? '',
        requestedAt: new Date(r.requested_at).toISOString(),
        submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      }));
    });
  }

  async get(caller: Caller, id: string): Promise<MySafetyCheck> {
    return this.db.run(caller, async (tx) => this.view(caller, await this.own(tx, caller, id)));
  }

  /** Autosave: the version read is checked in the UPDATE (409 when stale, unless a retry). */
  async saveDraft(caller: Caller, id: string, input: SaveSafetyCheckDto): Promise<DraftSaved> {
    return this.db.run(caller, async (tx) => {
      const check = await this.open(tx, caller, id);
      this.validate(input.answers, false);
      const saved = await this.write(tx, check, input);
      return {
        version: saved.version,
        savedAt: (saved.savedAt ?? new Date()).toISOString(),
        status: 'draft',
      };
    });
  }

  /** Submitting hands the answers to the counselors; a critical answer alerts them at once. */
  async submit(caller: Caller, id: string, input: SaveSafetyCheckDto): Promise<MySafetyCheck> {
    return this.db.run(caller, async (tx) => {
      const check = await this.open(tx, caller, id);
      this.validate(input.answers, true);
      await this.write(tx, check, input);
      const critical = criticalAnswers(SAFETY_CHECK.fields, input.answers);
      await tx.query(
        `UPDATE safety_checks SET submitted_at = now(), critical = $2, mail_unsafe = $3 WHERE id = $1`,
        [id, critical.length > 0, mailUnsafe(input.answers[MAIL_QUESTION])],
      );
      await this.alerts.raise(tx, caller, {
        caseId: check.caseId,
        clientId: caller.id,
        source: 'safety_check',
        sourceId: id,
        // The counselors' name for it, not the client's.
        title: 'Safety check-in',
        answers: critical,
      });
      await this.audit.record(tx, caller, {
        action: 'safety.check_submitted',
        entityType: 'safety_check',
        entityId: id,
      });
      return this.view(caller, await this.own(tx, caller, id));
    });
  }

  /** The caller's own check; anyone else's (a partner's, another clinic's) is not found. */
  private async own(tx: EntityManager, caller: Caller, id: string, lock = false) {
    const check = await tx.findOne(SafetyCheck, {
      where: { id, clientId: caller.id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!check) throw new NotFoundException('No such check-in.');
    return check;
  }

  private async open(tx: EntityManager, caller: Caller, id: string) {
    const check = await this.own(tx, caller, id, true);
    if (check.submittedAt)
      throw new ConflictException(
        'You have already sent this check-in. Your counselor can ask you again.',
      );
    return check;
  }

  private validate(answers: Answers, complete: boolean): void {
    const problems = answerProblems(SAFETY_CHECK.fields, answers, { complete });
    if (problems.length > 0) {
      throw new BadRequestException({
        message: complete
          ? 'Some answers need attention before you send.'
          : 'Some answers cannot be saved as they are.',
        fields: problems.map((p) => ({ field: `answers.${p.field}`, reasons: p.reasons })),
      });
    }
  }

  private async write(tx: EntityManager, check: SafetyCheck, input: SaveSafetyCheckDto) {
    const context = encryptionContext('safety_checks', 'answers_enc', check.id);
    const text = JSON.stringify(input.answers);
    const stored = check.answersEnc
      ? canonical(JSON.parse(this.encryption.decrypt(check.answersEnc, context)))
      : null;
    const same = stored === canonical(input.answers);
    if (input.version !== check.version) {
      // A retried save whose first attempt landed is not a conflict.
      if (same) return check;
      throw new ConflictException(
        'This check-in was changed elsewhere since you opened it. Reload to see the latest; your text is kept on your screen.',
      );
    }
    if (same) return check;
    const [rows]: [{ version: number; saved_at: Date }[], number] = await tx.query(
      `UPDATE safety_checks SET answers_enc = $1, version = version + 1, saved_at = now()
        WHERE id = $2 AND version = $3 RETURNING version, saved_at`,
      [this.encryption.encrypt(text, context), check.id, input.version],
    );
    if (rows.length !== 1)
      throw new ConflictException('This check-in was changed elsewhere since you opened it.');
    return Object.assign(new SafetyCheck(), check, {
      version: rows[0].version,
      savedAt: new Date(rows[0].saved_at),
    });
  }

  private async view(caller: Caller, check: SafetyCheck): Promise<MySafetyCheck> {
    const titles = await this.access.titles(caller, [check.caseId]);
    return {
      id: check.id,
      caseId: check.caseId,
      caseTitle: titles.get(check.caseId) ?? '',
      title: SAFETY_CHECK.title,
      instructions: SAFETY_CHECK.instructions,
      fields: SAFETY_CHECK.fields,
      answers: check.answersEnc
        ? (JSON.parse(
            this.encryption.decrypt(
              check.answersEnc,
              encryptionContext('safety_checks', 'answers_enc', check.id),
            ),
          ) as Answers)
        : {},
      version: check.version,
      savedAt: check.savedAt ? check.savedAt.toISOString() : null,
      submittedAt: check.submittedAt ? check.submittedAt.toISOString() : null,
      requestedAt: check.requestedAt.toISOString(),
      crisisText: (await this.settings.crisisText(caller)).text,
    };
  }
}
