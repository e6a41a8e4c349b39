import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { Caller, People } from '@mend/auth/api';
import type { CasePathView, MyPathView, Stage, StageChangeView } from '@mend/shared/contracts';
import {
  ClinicDb,
  encryptionContext,
  FieldEncryptionService,
  fieldError,
} from '@mend/shared/server';
import { SetStageDto } from '../dto/path.dto';
import { Case, CaseStageChange } from '../entities';
import { CaseAccess, reach } from '../cases/case-access';

interface ChangeRow {
  id: string;
  from_stage: Stage;
  to_stage: Stage;
  reason_enc: string;
  changed_by_id: string;
  changed_at: Date;
}

const reasonContext = (id: string) => encryptionContext('case_stage_changes', 'reason_enc', id);

/**
 * The path of repair of a case: where it is, and every move along it with the counselor's
 * reason. Only the case's counselors move it and read the reasons (the database's policy on
 * `case_stage_changes` says the same); members learn where they are, never why or when.
 */
@Injectable()
export class PathService {
  constructor(
    private readonly db: ClinicDb,
    private readonly access: CaseAccess,
    private readonly people: People,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryptionService,
  ) {}

  /** The case's stage and its history, newest first (the case's counselors). */
  async path(caller: Caller, caseId: string): Promise<CasePathView> {
    return this.db.run(caller, async (tx) => {
      const found = await this.access.require(caller, caseId, 'counsel');
      return this.view(tx, caller, found.id, found.stage);
    });
  }

  /**
   * Moves the case to another stage, forward or back, with a reason: the case row is locked,
   * its stage and version change, the move is kept (reason encrypted) and audited (stages only)
   * in one transaction.
   */
  async setStage(caller: Caller, caseId: string, input: SetStageDto): Promise<CasePathView> {
    return this.db.run(caller, async (tx) => {
      const current = await this.access.require(caller, caseId, 'counsel', true);
      if (current.status !== 'open') {
        throw new ConflictException(
          'This case is closed, so its path of repair can no longer change. Ask an admin to reopen it first.',
        );
      }
      if (current.stage === input.stage) {
        throw fieldError('stage', 'The case is already at this stage. Choose another one.');
      }
      await tx
        .createQueryBuilder()
        .update(Case)
        .set({ stage: input.stage, version: () => 'version + 1' })
        .where('id = :id AND clinic_id = :clinicId', { id: caseId, clinicId: caller.clinicId })
        .execute();
      const id = randomUUID();
      await tx.insert(CaseStageChange, {
        id,
        clinicId: caller.clinicId,
        caseId,
        fromStage: current.stage,
        toStage: input.stage,
        reasonEnc: this.encryption.encrypt(input.reason, reasonContext(id)),
        changedById: caller.id,
      });
      // Admins read the audit trail: the stages, never the counselor's reason.
      await this.audit.record(tx, caller, {
        action: 'case.stage_changed',
        entityType: 'case',
        entityId: caseId,
        details: { from: current.stage, to: input.stage },
      });
      return this.view(tx, caller, caseId, input.stage);
    });
  }

  /** A client's open cases and where each is on the path: no history, no reasons. */
  async mine(caller: Caller): Promise<MyPathView[]> {
    const rows: { id: string; title: string; stage: Stage }[] = await this.db.run(caller, (tx) =>
      tx.query(
        `SELECT c.id, c.title, c.stage FROM cases c
          WHERE ${reach(caller.role, '$1')} AND c.status = 'open'
          ORDER BY c.started_on DESC, c.created_at DESC, c.id`,
        [caller.id],
      ),
    );
    return rows.map((r) => ({ caseId: r.id, caseTitle: r.title, stage: r.stage }));
  }

  private async view(
    tx: EntityManager,
    caller: Caller,
    caseId: string,
    stage: Stage,
  ): Promise<CasePathView> {
    const rows: ChangeRow[] = await tx.query(
      `SELECT id, from_stage, to_stage, reason_enc, changed_by_id, changed_at
         FROM case_stage_changes WHERE case_id = $1
        ORDER BY changed_at DESC, id DESC`,
      [caseId],
    );
    const person = await this.people.lookup(
      caller,
      rows.map((r) => r.changed_by_id),
    );
    const history = rows.map(
      (r): StageChangeView => ({
        id: r.id,
        from: r.from_stage,
        to: r.to_stage,
        reason: this.encryption.decrypt(r.reason_enc, reasonContext(r.id)),
        changedAt: new Date(r.changed_at).toISOString(),
        changedBy: person(r.changed_by_id) ?? { userId: r.changed_by_id, displayName: '' },
      }),
    );
    return { caseId, stage, history };
  }
}
