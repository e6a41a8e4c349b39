import { randomUUID } from 'node:crypto';
import {
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import { People } from '@mend/auth/api';
import type { Caller } from '@mend/auth/api';
import { Case, CaseAccess } from '@mend/caseload/api';
import { JointWork } from '@mend/safety/api';
import type {
  AgreementItem,
  AgreementStatus,
  AgreementSummary,
  AgreementView,
} from '@mend/shared/contracts';
import {
  ClinicDb,
  encryptionContext,
  FieldEncryptionService,
  fieldError,
} from '@mend/shared/server';
import { namesMatch, sameContent } from './agreement-rules';
import { Agreement, AgreementSignature } from './agreement.entities';
import { SaveAgreementDto, SignAgreementDto } from './agreements.dto';

const STALE =
  'This agreement was changed by someone else since you opened it. Reload to see the latest version; your text stays on your screen.';
const LOCKED = 'This agreement is signed and locked. Start a review to change it.';
const NOT_FOUND = 'No such agreement.';

interface SummaryRow {
  id: string;
  number: number;
  status: AgreementStatus;
  review_on: string | null;
  signed_at: Date | null;
  updated_at: Date;
}

/** An agreement with its case, once the caller is known to reach both. */
interface Loaded {
  agreement: Agreement;
  kase: Case;
}

/**
 * The relationship agreement of a couple or family case: drafted together by its members and
 * counselors, signed by every current member (typed name and time), then locked. A review starts
 * the next version as a draft with the same items; older versions stay readable. Everything but
 * reading needs the case's joint work to be open. Items and typed names are encrypted at rest.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly db: ClinicDb,
    private readonly caseAccess: CaseAccess,
    private readonly jointWork: JointWork,
    private readonly people: People,
    private readonly encryption: FieldEncryptionService,
    private readonly audit: AuditService,
  ) {}

  /** Every version of the case's agreement, newest first (readable while joint work is closed). */
  async list(caller: Caller, caseId: string): Promise<AgreementSummary[]> {
    return this.db.run(caller, async (tx) => {
      await this.caseAccess.require(caller, caseId, 'see');
      const rows: SummaryRow[] = await tx.query(
        `SELECT id, number, status, to_char(review_on, 'YYYY-MM-DD') AS review_on, signed_at, updated_at
           FROM agreements WHERE case_id = $1 ORDER BY number DESC`,
        [caseId],
      );
      return rows.map((r) => ({
        id: r.id,
        number: r.number,
        status: r.status,
        reviewOn: r.review_on,
        signedAt: r.signed_at ? new Date(r.signed_at).toISOString() : null,
        updatedAt: new Date(r.updated_at).toISOString(),
      }));
    });
  }

  /** The case's first agreement, an empty draft; once one exists, a review starts the next. */
  async create(caller: Caller, caseId: string): Promise<AgreementView> {
    return this.db.run(caller, async (tx) => {
      const kase = await this.caseAccess.require(caller, caseId, 'see');
      if (kase.type === 'individual')
        throw new ConflictException(
          'Agreements are made between the members of a couple or family case.',
        );
      await this.jointWork.require(caller, caseId);
      this.requireOpenCase(kase);
      const [existing]: { id: string }[] = await tx.query(
        `SELECT id FROM agreements WHERE case_id = $1 LIMIT 1`,
        [caseId],
      );
      if (existing)
        throw new ConflictException(
          'This case already has an agreement. To change a signed one, start a review of it.',
        );
      const id = randomUUID();
      await tx.insert(Agreement, {
        id,
        clinicId: caller.clinicId,
        caseId,
        number: 1,
        status: 'draft',
        itemsEnc: this.encryptItems(id, []),
        reviewOn: null,
        createdById: caller.id,
      });
      await this.record(tx, caller, 'agreement.started', id, caseId, { number: 1 });
      return this.view(tx, caller, {
        agreement: await tx.findOneByOrFail(Agreement, { id }),
        kase,
      });
    });
  }

  async read(caller: Caller, id: string): Promise<AgreementView> {
    return this.db.run(caller, async (tx) =>
      this.view(tx, caller, await this.load(tx, caller, id)),
    );
  }

  /**
   * Saves the draft. The version is checked in the UPDATE itself; a stale save answers 409 unless
   * it repeats what is stored (a retry). Signatures given on an earlier version no longer count
   * and are removed.
   */
  async save(caller: Caller, id: string, input: SaveAgreementDto): Promise<AgreementView> {
    return this.db.run(caller, async (tx) => {
      const loaded = await this.load(tx, caller, id, true);
      const { agreement, kase } = loaded;
      await this.jointWork.require(caller, kase.id);
      if (agreement.status === 'signed') throw new ConflictException(LOCKED);
      this.requireOpenCase(kase);
      const next = {
        items: input.items.map(({ category, text }) => ({ category, text })),
        reviewOn: input.reviewOn,
      };
      const stored = { items: this.decryptItems(agreement), reviewOn: agreement.reviewOn };
      if (sameContent(next, stored)) return this.view(tx, caller, loaded);
      if (input.version !== agreement.version) throw new ConflictException(STALE);
      const [rows]: [{ version: number }[], number] = await tx.query(
        `UPDATE agreements SET items_enc = $1, review_on = $2, version = version + 1, updated_at = now()
          WHERE id = $3 AND version = $4 AND status = 'draft' RETURNING version`,
        [this.encryptItems(id, next.items), next.reviewOn, id, input.version],
      );
      if (rows.length === 0) throw new ConflictException(STALE);
      const version = rows[0].version;
      await tx.query(
        `DELETE FROM agreement_signatures WHERE agreement_id = $1 AND agreement_version < $2`,
        [id, version],
      );
      await this.record(tx, caller, 'agreement.saved', id, kase.id, {
        number: agreement.number,
        version,
        items: next.items.length,
      });
      return this.view(tx, caller, {
        agreement: await tx.findOneByOrFail(Agreement, { id }),
        kase,
      });
    });
  }

  /**
   * A current member signs the version they read with their typed name. When the last current
   * member has signed it, the agreement is locked. Signing again the same version is harmless.
   */
  async sign(caller: Caller, id: string, input: SignAgreementDto): Promise<AgreementView> {
    return this.db.run(caller, async (tx) => {
      const loaded = await this.load(tx, caller, id, true);
      const { agreement, kase } = loaded;
      if (caller.role !== 'client')
        throw new ForbiddenException(
          'The case’s members sign the agreement; counselors help write it but do not sign.',
        );
      const members = await this.caseAccess.memberIds(caller, kase.id);
      if (!members.includes(caller.id))
        throw new ForbiddenException('Only the case’s current members sign the agreement.');
      await this.jointWork.require(caller, kase.id);
      const mine = await tx.findOneBy(AgreementSignature, { agreementId: id, userId: caller.id });
      const signedThis =
        mine !== null &&
        mine.agreementVersion === agreement.version &&
        input.version === agreement.version;
      if (agreement.status === 'signed') {
        if (signedThis) return this.view(tx, caller, loaded);
        throw new ConflictException(LOCKED);
      }
      this.requireOpenCase(kase);
      if (input.version !== agreement.version) throw new ConflictException(STALE);
      if (this.decryptItems(agreement).length === 0)
        throw new ConflictException('Write at least one agreement before signing.');
      const [me] = await this.people.profiles(caller, [caller.id]);
      if (!me || !namesMatch(input.typedName, me.displayName))
        throw fieldError(
          'typedName',
          `Type your name as it appears in Mend${me ? ` (${me.displayName})` : ''} to sign.`,
        );
      if (signedThis) return this.view(tx, caller, loaded);
      if (mine) await tx.delete(AgreementSignature, { id: mine.id });
      const signatureId = randomUUID();
      await tx.insert(AgreementSignature, {
        id: signatureId,
        clinicId: caller.clinicId,
        caseId: kase.id,
        agreementId: id,
        userId: caller.id,
        typedNameEnc: this.encryption.encrypt(
          input.typedName,
          encryptionContext('agreement_signatures', 'typed_name_enc', signatureId),
        ),
        agreementVersion: agreement.version,
      });
      const [{ missing }]: { missing: number }[] = await tx.query(
        `SELECT count(*)::int AS missing FROM unnest($1::uuid[]) AS m(user_id)
          WHERE NOT EXISTS (SELECT 1 FROM agreement_signatures s
                             WHERE s.agreement_id = $2 AND s.user_id = m.user_id AND s.agreement_version = $3)`,
        [members, id, agreement.version],
      );
      const complete = missing === 0;
      if (complete) {
        await tx.query(
          `UPDATE agreements SET status = 'signed', signed_at = now(), updated_at = now()
            WHERE id = $1 AND version = $2 AND status = 'draft'`,
          [id, agreement.version],
        );
      }
      await this.record(tx, caller, 'agreement.signed', id, kase.id, {
        number: agreement.number,
        version: agreement.version,
        complete,
      });
      return this.view(tx, caller, {
        agreement: await tx.findOneByOrFail(Agreement, { id }),
        kase,
      });
    });
  }

  /**
   * Reviews the latest signed version: the next version starts as a draft with its items. A
   * retried review (or a partner's at the same time) answers the draft already started.
   */
  async review(caller: Caller, id: string): Promise<{ view: AgreementView; created: boolean }> {
    return this.db.run(caller, async (tx) => {
      const { agreement, kase } = await this.load(tx, caller, id, true);
      await this.jointWork.require(caller, kase.id);
      this.requireOpenCase(kase);
      if (agreement.status !== 'signed')
        throw new ConflictException(
          'This version is still a draft: edit it, or sign it first. Reviews start from a signed agreement.',
        );
      const later = await tx.findOneBy(Agreement, {
        caseId: kase.id,
        number: agreement.number + 1,
      });
      if (later) {
        if (later.status === 'draft')
          return { view: await this.view(tx, caller, { agreement: later, kase }), created: false };
        throw new ConflictException('Only the latest signed version of the agreement is reviewed.');
      }
      const nextId = randomUUID();
      const number = agreement.number + 1;
      await tx.insert(Agreement, {
        id: nextId,
        clinicId: caller.clinicId,
        caseId: kase.id,
        number,
        status: 'draft',
        itemsEnc: this.encryptItems(nextId, this.decryptItems(agreement)),
        reviewOn: null,
        createdById: caller.id,
      });
      await this.record(tx, caller, 'agreement.reviewed', id, kase.id, {
        number: agreement.number,
        nextId,
        nextNumber: number,
      });
      return {
        view: await this.view(tx, caller, {
          agreement: await tx.findOneByOrFail(Agreement, { id: nextId }),
          kase,
        }),
        created: true,
      };
    });
  }

  /** Any version for a document; the export itself is an audit event. */
  async forExport(
    caller: Caller,
    id: string,
  ): Promise<{
    agreement: AgreementView;
    caseTitle: string;
    clinicName: string;
    exportedBy: string;
  }> {
    return this.db.run(caller, async (tx) => {
      const loaded = await this.load(tx, caller, id);
      await this.jointWork.require(caller, loaded.kase.id);
      await this.record(tx, caller, 'agreement.exported', id, loaded.kase.id, {
        number: loaded.agreement.number,
        as: 'pdf',
      });
      const [me] = await this.people.profiles(caller, [caller.id]);
      return {
        agreement: await this.view(tx, caller, loaded),
        caseTitle: loaded.kase.title,
        clinicName: await this.people.clinicName(caller),
        exportedBy: me?.displayName ?? '',
      };
    });
  }

  /**
   * The agreement if the caller reaches its case (members and counselors of the case; the
   * database hides everyone else's rows too); 404 otherwise.
   */
  private async load(tx: EntityManager, caller: Caller, id: string, lock = false): Promise<Loaded> {
    const agreement = await tx.findOne(Agreement, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const kase = agreement && (await this.caseAccess.reachable(caller, agreement.caseId, 'see'));
    if (!agreement || !kase) throw new NotFoundException(NOT_FOUND);
    return { agreement, kase };
  }

  private requireOpenCase(kase: Case): void {
    if (kase.status !== 'open')
      throw new ConflictException('This case is closed: its agreement can be read, not changed.');
  }

  private async view(tx: EntityManager, caller: Caller, loaded: Loaded): Promise<AgreementView> {
    const { agreement, kase } = loaded;
    const items = this.decryptItems(agreement);
    const signatures = await tx.find(AgreementSignature, {
      where: { agreementId: agreement.id, agreementVersion: agreement.version },
      order: { signedAt: 'ASC', id: 'ASC' },
    });
    const memberIds = await this.caseAccess.memberIds(caller, kase.id);
    const person = await this.people.lookup(caller, [
      ...memberIds,
      ...signatures.map((s) => s.userId),
    ]);
    const open = await this.jointWork.isOpen(caller, kase.id);
    const [{ latest }]: { latest: number }[] = await tx.query(
      `SELECT max(number)::int AS latest FROM agreements WHERE case_id = $1`,
      [kase.id],
    );
    const signedBy = new Set(signatures.map((s) => s.userId));
    const active = open && kase.status === 'open';
    const draft = agreement.status === 'draft';
    return {
      id: agreement.id,
      caseId: kase.id,
      number: agreement.number,
      status: agreement.status,
      reviewOn: agreement.reviewOn,
      signedAt: agreement.signedAt?.toISOString() ?? null,
      updatedAt: agreement.updatedAt.toISOString(),
      items,
      version: agreement.version,
      signatures: signatures.map((s) => ({
        userId: s.userId,
        displayName: person(s.userId)?.displayName ?? '',
        typedName: this.encryption.decrypt(
          s.typedNameEnc,
          encryptionContext('agreement_signatures', 'typed_name_enc', s.id),
        ),
        signedAt: s.signedAt.toISOString(),
      })),
      members: memberIds
        .map((userId) => ({
          userId,
          displayName: person(userId)?.displayName ?? '',
          signed: signedBy.has(userId),
        }))
        .sort((a, b) => a.displayName.localeCompare(b.displayName)),
      can: {
        edit: active && draft,
        sign:
          active &&
          draft &&
          caller.role === 'client' &&
          memberIds.includes(caller.id) &&
          !signedBy.has(caller.id) &&
          items.length > 0,
        review: active && !draft && agreement.number === latest,
      },
    };
  }

  private record(
    tx: EntityManager,
    caller: Caller,
    action: string,
    agreementId: string,
    caseId: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.record(tx, caller, {
      action,
      entityType: 'agreement',
      entityId: agreementId,
      details: { caseId, ...details },
    });
  }

  private encryptItems(id: string, items: AgreementItem[]): string {
    return this.encryption.encrypt(
      JSON.stringify(items),
      encryptionContext('agreements', 'items_enc', id),
    );
  }

  private decryptItems(agreement: Agreement): AgreementItem[] {
    if (!agreement.itemsEnc) return [];
    return JSON.parse(
      this.encryption.decrypt(
        agreement.itemsEnc,
        encryptionContext('agreements', 'items_enc', agreement.id),
      ),
    );
  }
}
