import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { CaseAccess } from '@mend/caseload/api';
import type { Case } from '@mend/caseload/api';
import { criticalAnswers, SAFETY_CHECK } from '@mend/exercises/model';
import type {
  Answers,
  CaseSafetyView,
  GateMissing,
  InterviewView,
  MemberSafety,
  MyJointWork,
  SafetyCheckView,
} from '@mend/shared/contracts';
import { fieldError } from '@mend/shared/server';
import { ClinicDb, encryptionContext, FieldEncryptionService } from '@mend/shared/server';
import { hasJointWork, SafetyChecksService } from '../checks/safety-checks.service';
import { JOINT_WORK_WAITING, JointWork } from '../joint-work/joint-work';
import { RecordInterviewDto } from '../safety.dto';

interface InterviewRow {
  id: string;
  client_id: string;
  counselor_id: string;
  held_on: string;
  mode: InterviewView['mode'];
  outcome: InterviewView['outcome'];
  note_enc: string | null;
  created_at: Date;
}

const DAY_MS = 86_400_000;

/**
 * A case's safety as its counselors work with it: each member's checks and individual
 * conversations, the gate on joint work and what keeps it closed, closing it again.
 */
@Injectable()
export class CaseSafetyService {
  constructor(
    private readonly db: ClinicDb,
    private readonly access: CaseAccess,
    private readonly people: People,
    private readonly checks: SafetyChecksService,
    private readonly jointWork: JointWork,
    private readonly encryption: FieldEncryptionService,
    private readonly audit: AuditService,
  ) {}

  async view(caller: Caller, caseId: string): Promise<CaseSafetyView> {
    return this.db.run(caller, async (tx) => {
      const theCase = await this.access.require(caller, caseId, 'counsel');
      const members = await this.access.memberIds(caller, caseId);
      await this.checks.ensure(tx, caller, theCase, members);
      return this.build(tx, caller, theCase, members);
    });
  }

  /** A submitted check's answers, for the case's counselors; every read is audited. */
  async readCheck(caller: Caller, caseId: string, checkId: string): Promise<SafetyCheckView> {
    return this.db.run(caller, async (tx) => {
      await this.access.require(caller, caseId, 'counsel');
      const [row]: {
        id: string;
        client_id: string;
        requested_at: Date;
        submitted_at: Date | null;
        answers_enc: string | null;
      }[] = await tx.query(
        `SELECT id, client_id, requested_at, submitted_at, answers_enc FROM safety_checks
          WHERE id = $1 AND case_id = $2`,
        [checkId, caseId],
      );
      if (!row) throw new NotFoundException('No such check-in.');
      // Until it is sent, a check-in is the member's own, like a homework draft.
      if (!row.submitted_at || !row.answers_enc)
        throw new ConflictException('This check-in has not been answered yet.');
      const answers = JSON.parse(
        this.encryption.decrypt(
          row.answers_enc,
          encryptionContext('safety_checks', 'answers_enc', row.id),
        ),
      ) as Answers;
      await this.audit.record(tx, caller, {
        action: 'safety.check_read',
        entityType: 'safety_check',
        entityId: row.id,
        details: { caseId },
      });
      const person = await this.people.lookup(caller, [row.client_id]);
      return {
        id: row.id,
        member: { userId: row.client_id, displayName: person(row.client_id)?.displayName ?? '' },
        requestedAt: new Date(row.requested_at).toISOString(),
        submittedAt: new Date(row.submitted_at).toISOString(),
        fields: SAFETY_CHECK.fields,
        answers,
        critical: criticalAnswers(SAFETY_CHECK.fields, answers),
      };
    });
  }

  /** Asks a member again now (an open check is kept as it is). */
  async askAgain(caller: Caller, caseId: string, clientId: string): Promise<CaseSafetyView> {
    return this.db.run(caller, async (tx) => {
      const theCase = await this.openCase(caller, caseId);
      const members = await this.member(caller, caseId, clientId);
      if (!hasJointWork(theCase))
        throw new ConflictException('Safety check-ins are for couple and family cases.');
      await tx.query(
        `INSERT INTO safety_checks (clinic_id, case_id, client_id, requested_by_id)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id, client_id) WHERE submitted_at IS NULL DO NOTHING`,
        [caller.clinicId, caseId, clientId, caller.id],
      );
      await this.audit.record(tx, caller, {
        action: 'safety.check_requested',
        entityType: 'case',
        entityId: caseId,
        details: { clientId },
      });
      return this.build(tx, caller, theCase, members);
    });
  }

  async recordInterview(
    caller: Caller,
    caseId: string,
    input: RecordInterviewDto,
  ): Promise<CaseSafetyView> {
    return this.db.run(caller, async (tx) => {
      const theCase = await this.access.require(caller, caseId, 'counsel');
      const members = await this.member(caller, caseId, input.clientId);
      // Tomorrow in UTC is still today east of it.
      if (input.heldOn > new Date(Date.now() + 86_400_000).toISOString().slice(0, 10))
        throw fieldError('heldOn', 'Record a conversation once it has taken place.');
      const id = randomUUID();
      await tx.query(
        `INSERT INTO safety_interviews (id, clinic_id, case_id, client_id, counselor_id, held_on, mode, outcome, note_enc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          id,
          caller.clinicId,
          caseId,
          input.clientId,
          caller.id,
          input.heldOn,
          input.mode,
          input.outcome,
          input.note
            ? this.encryption.encrypt(
                input.note,
                encryptionContext('safety_interviews', 'note_enc', id),
              )
            : null,
        ],
      );
      // The audit trail is read by admins: it records that a conversation took place, not
      // what the counselor found (that stays with the case's counselors).
      await this.audit.record(tx, caller, {
        action: 'safety.conversation_recorded',
        entityType: 'case',
        entityId: caseId,
        details: { interviewId: id, clientId: input.clientId },
      });
      return this.build(tx, caller, theCase, members);
    });
  }

  /** Closes joint work again; every member is cleared again before it reopens. */
  async closeJointWork(caller: Caller, caseId: string, reason: string): Promise<CaseSafetyView> {
    return this.db.run(caller, async (tx) => {
      const theCase = await this.access.require(caller, caseId, 'counsel', true);
      if (!hasJointWork(theCase))
        throw new ConflictException('An individual case has no joint work to close.');
      const id = randomUUID();
      await tx.query(
        `INSERT INTO joint_work_closures (id, clinic_id, case_id, closed_by_id, reason_enc)
         VALUES ($1, $2, $3, $4, $5)`,
        [
          id,
          caller.clinicId,
          caseId,
          caller.id,
          this.encryption.encrypt(
            reason,
            encryptionContext('joint_work_closures', 'reason_enc', id),
          ),
        ],
      );
      await this.audit.record(tx, caller, {
        action: 'safety.joint_work_closed',
        entityType: 'case',
        entityId: caseId,
        details: { closureId: id },
      });
      return this.build(tx, caller, theCase, await this.access.memberIds(caller, caseId));
    });
  }

  async setRecheckWeeks(caller: Caller, caseId: string, weeks: number): Promise<CaseSafetyView> {
    return this.db.run(caller, async (tx) => {
      await this.access.setClinicalSettings(caller, caseId, { recheckWeeks: weeks });
      const theCase = await this.access.require(caller, caseId, 'counsel');
      return this.build(tx, caller, theCase, await this.access.memberIds(caller, caseId));
    });
  }

  /** What a client is told about joint work in each of their open cases: never why. */
  async mine(caller: Caller): Promise<MyJointWork[]> {
    // An individual case has no joint work to speak of.
    const cases = (await this.access.cases(caller, { open: true })).filter(hasJointWork);
    const closed = await this.jointWork.closed(
      caller,
      cases.map((c) => c.id),
    );
    return cases.map((c) => ({
      caseId: c.id,
      open: !closed.has(c.id),
      message: closed.has(c.id)
        ? JOINT_WORK_WAITING
        : 'Joint exercises are open: your counselor may ask you to do some together.',
    }));
  }

  private async openCase(caller: Caller, caseId: string): Promise<Case> {
    const theCase = await this.access.require(caller, caseId, 'counsel');
    if (theCase.status !== 'open') throw new ConflictException('This case is closed.');
    return theCase;
  }

  /** The case's members, 404 unless `clientId` is one of them. */
  private async member(caller: Caller, caseId: string, clientId: string): Promise<string[]> {
    const members = await this.access.memberIds(caller, caseId);
    if (!members.includes(clientId))
      throw new NotFoundException('This person is not a member of the case.');
    return members;
  }

  private async build(
    tx: EntityManager,
    caller: Caller,
    theCase: Case,
    members: string[],
  ): Promise<CaseSafetyView> {
    const caseId = theCase.id;
    const checks: {
      id: string;
      client_id: string;
      requested_at: Date;
      submitted_at: Date | null;
      critical: boolean;
      last_answered: Date | null;
    }[] = await tx.query(
      `SELECT DISTINCT ON (client_id) id, client_id, requested_at, submitted_at, critical,
              max(submitted_at) OVER (PARTITION BY client_id) AS last_answered
         FROM safety_checks WHERE case_id = $1
        ORDER BY client_id, requested_at DESC`,
      [caseId],
    );
    const interviews: InterviewRow[] = await tx.query(
      `SELECT id, client_id, counselor_id, to_char(held_on, 'YYYY-MM-DD') AS held_on, mode, outcome,
              note_enc, created_at
         FROM safety_interviews WHERE case_id = $1 ORDER BY created_at DESC, id`,
      [caseId],
    );
    const closures: { id: string; closed_by_id: string; reason_enc: string; closed_at: Date }[] =
      await tx.query(
        `SELECT id, closed_by_id, reason_enc, closed_at FROM joint_work_closures
          WHERE case_id = $1 ORDER BY closed_at DESC, id`,
        [caseId],
      );
    const lastClosed = closures[0] ? new Date(closures[0].closed_at).getTime() : -Infinity;
    const person = await this.people.lookup(caller, [
      ...members,
      ...interviews.map((i) => i.counselor_id),
      ...closures.map((c) => c.closed_by_id),
    ]);
    const ref = (userId: string) => ({ userId, displayName: person(userId)?.displayName ?? '' });
    const applies = hasJointWork(theCase);
    const views: MemberSafety[] = members.map((userId) => {
      const own = interviews
        .filter((i) => i.client_id === userId)
        .map(
          (i): InterviewView => ({
            id: i.id,
            clientId: i.client_id,
            counselor: ref(i.counselor_id),
            heldOn: i.held_on,
            mode: i.mode,
            outcome: i.outcome,
            note: i.note_enc
              ? this.encryption.decrypt(
                  i.note_enc,
                  encryptionContext('safety_interviews', 'note_enc', i.id),
                )
              : null,
            createdAt: new Date(i.created_at).toISOString(),
            current: new Date(i.created_at).getTime() > lastClosed,
          }),
        );
      const check = checks.find((c) => c.client_id === userId);
      const recheck =
        theCase.status === 'open' && check?.last_answered && check.submitted_at
          ? new Date(new Date(check.last_answered).getTime() + theCase.recheckWeeks * 7 * DAY_MS)
              .toISOString()
              .slice(0, 10)
          : null;
      return {
        ...ref(userId),
        cleared: own.find((i) => i.current)?.outcome === 'cleared',
        latestCheck: check
          ? {
              id: check.id,
              requestedAt: new Date(check.requested_at).toISOString(),
              submittedAt: check.submitted_at ? new Date(check.submitted_at).toISOString() : null,
              critical: check.critical,
            }
          : null,
        recheckOn: recheck,
        interviews: own,
      };
    });
    const missing = applies
      ? views
          .filter((m) => !m.cleared)
          .map((m) => {
            const latest = m.interviews.find((i) => i.current);
            const reason: GateMissing = !latest
              ? 'no_conversation'
              : latest.outcome === 'individual_first'
                ? 'individual_first'
                : 'not_cleared';
            return { userId: m.userId, displayName: m.displayName, reason };
          })
      : [];
    return {
      caseId,
      jointWork: {
        applies,
        open: !applies || (members.length > 0 && missing.length === 0),
        missing,
        closedAt: closures[0] ? new Date(closures[0].closed_at).toISOString() : null,
      },
      recheckWeeks: theCase.recheckWeeks,
      members: views,
      closures: closures.map((c) => ({
        id: c.id,
        closedAt: new Date(c.closed_at).toISOString(),
        closedBy: ref(c.closed_by_id),
        reason: this.encryption.decrypt(
          c.reason_enc,
          encryptionContext('joint_work_closures', 'reason_enc', c.id),
        ),
      })),
    };
  }
}
