import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditRecord, AuditService } from '@mend/audit/api';
import { AuditTrailService } from '@mend/audit-trail/api';
import { Caller, InvitationsService, People } from '@mend/auth/api';
import type {
  AuditEventView,
  CaseDetail,
  CasePage,
  CaseType,
  Page,
  Role,
} from '@mend/shared/contracts';
import {
  ClinicDb,
  entityColumns,
  fieldError,
  FieldEncryptionService,
  pagedRows,
  PageQueryDto,
} from '@mend/shared/server';
import {
  AddMemberDto,
  AssignCounselorsDto,
  CloseCaseDto,
  ListCasesQueryDto,
  NewClientDto,
  OpenCaseDto,
  SetMemberLabelDto,
  UpdateCaseDto,
} from '../dto/cases.dto';
import { Case, CaseCounselor, CaseMember } from '../entities';
import { CaseAccess, CaseNeed, reach } from './case-access';
import { sealClosingNote, sealLabel } from './case-text';
import { caseViews } from './case-views';

/** The most members a case of each type holds. */
const MAX_MEMBERS: Record<CaseType, number> = { individual: 1, couple: 2, family: 12 };

const unique = (ids: string[]) => [...new Set(ids)];

/**
 * Cases of a clinic. Every query is scoped by clinic and by the caller: admins reach all cases
 * of their clinic, counselors the cases they are assigned to, clients their own. Anything else
 * is "not found". Every change is written with its audit events in one transaction.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly db: ClinicDb,
    private readonly access: CaseAccess,
    private readonly people: People,
    private readonly audit: AuditService,
    private readonly trail: AuditTrailService,
    private readonly invitations: InvitationsService,
    private readonly encryption: FieldEncryptionService,
  ) {}

  async list(caller: Caller, query: ListCasesQueryDto): Promise<CasePage> {
    return this.db.run(caller, async (tx) => {
      // $1 is the caller (the case-access rule); filters add their own parameters.
      const params: unknown[] = [caller.id];
      const where = [reach(caller.role, '$1')];
      const add = (sql: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      if (query.status !== 'all') add((p) => `c.status = ${p}`, query.status);
      if (query.q) {
        const like = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        params.push(like, await this.people.named(caller, query.q));
        const [title, named] = [`$${params.length - 1}`, `$${params.length}`];
        where.push(
          `(c.title ILIKE ${title} OR EXISTS (SELECT 1 FROM case_members qm WHERE qm.case_id = c.id AND qm.user_id = ANY(${named}::uuid[])))`,
        );
      }
      if (caller.role === 'admin' && query.counselorId) {
        add(
          (p) =>
            `EXISTS (SELECT 1 FROM case_counselors fk WHERE fk.case_id = c.id AND fk.user_id = ${p})`,
          query.counselorId,
        );
      }
      if (caller.role === 'admin' && query.unassigned) {
        where.push(
          `NOT EXISTS (SELECT 1 FROM case_counselors uk WHERE uk.case_id = c.id AND uk.role = 'primary')`,
        );
      }
      const { rows, total } = await pagedRows<Case>(
        tx,
        {
          columns: entityColumns(tx, Case, 'c'),
          from: 'cases c',
          where: where.join(' AND '),
          order: 'c.started_on DESC, c.created_at DESC, c.id ASC',
          params,
        },
        query,
      );
      const items = await caseViews(tx, this.people, this.encryption, caller, rows);
      return { items, total, page: query.page, pageSize: query.pageSize };
    });
  }

  async get(caller: Caller, id: string): Promise<CaseDetail> {
    return this.db.run(caller, async (tx) =>
      this.view(tx, caller, await this.visible(caller, id, 'see')),
    );
  }

  async open(caller: Caller, input: OpenCaseDto): Promise<CaseDetail> {
    const memberIds = unique(input.memberIds ?? []);
    const newMembers = input.newMembers ?? [];
    const primary = input.primaryCounselorId ?? null;
    const coIds = unique(input.coCounselorIds ?? []).filter((id) => id !== primary);
    if (coIds.length > 0 && !primary) {
      throw fieldError(
        'primaryCounselorId',
        'Choose a primary counselor before adding co-counselors.',
      );
    }
    this.assertSize(input.type, memberIds.length + newMembers.length, 'memberIds');
    return this.db.run(caller, async (manager) => {
      await this.requireUsers(caller, memberIds, 'client');
      await this.requireUsers(caller, primary ? [primary, ...coIds] : [], 'counselor');
      const created = await manager.save(
        manager.create(Case, {
          clinicId: caller.clinicId,
          title: input.title,
          type: input.type,
          startedOn: input.startedOn,
          status: 'open',
        }),
      );
      const { ids: invitedIds } = await this.inviteClients(
        manager,
        caller,
        newMembers,
        'newMembers',
      );
      const allMembers = [...memberIds, ...invitedIds];
      if (allMembers.length > 0) {
        await manager.insert(
          CaseMember,
          allMembers.map((userId) => ({ clinicId: caller.clinicId, caseId: created.id, userId })),
        );
      }
      await this.insertCounselors(manager, caller, created.id, primary, coIds);
      const events: AuditRecord[] = [
        {
          action: 'case.opened',
          entityType: 'case',
          entityId: created.id,
          details: { type: input.type },
        },
        ...allMembers.map((userId) => ({
          action: 'case.member_added',
          entityType: 'case',
          entityId: created.id,
          details: { userId },
        })),
      ];
      if (primary) {
        events.push({
          action: 'case.counselors_assigned',
          entityType: 'case',
          entityId: created.id,
          details: {
            reason: 'Case opened',
            before: { primary: null, co: [] },
            after: { primary, co: coIds },
          },
        });
      }
      await this.audit.record(manager, caller, ...events);
      return this.view(manager, caller, created);
    });
  }

  async update(caller: Caller, id: string, input: UpdateCaseDto): Promise<CaseDetail> {
    return this.db.run(caller, async (manager) => {
      const current = await this.visible(caller, id, 'manage');
      const changes: Partial<Pick<Case, 'title' | 'type' | 'startedOn'>> = {};
      if (input.title !== undefined && input.title !== current.title) changes.title = input.title;
      if (input.type !== undefined && input.type !== current.type) changes.type = input.type;
      if (input.startedOn !== undefined && input.startedOn !== current.startedOn)
        changes.startedOn = input.startedOn;
      if (changes.type) this.assertSize(changes.type, await this.memberCount(manager, id), 'type');
      // The version check is part of the UPDATE itself, so two admins editing at once cannot
      // both win.
      const result = await manager
        .createQueryBuilder()
        .update(Case)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND clinic_id = :clinicId AND version = :version', {
          id,
          clinicId: caller.clinicId,
          version: input.version,
        })
        .execute();
      if (result.affected !== 1) {
        throw new ConflictException(
          'This case was changed by someone else meanwhile. Reload it to see the latest version.',
        );
      }
      if (Object.keys(changes).length > 0) {
        const fields = Object.keys(changes) as (keyof typeof changes)[];
        const change = (f: keyof typeof changes) => [f, { from: current[f], to: changes[f] }];
        // The title (often the family's names) is free text: encrypted in the trail.
        await this.audit.record(manager, caller, {
          action: 'case.updated',
          entityType: 'case',
          entityId: id,
          details: Object.fromEntries(fields.filter((f) => f !== 'title').map(change)),
          text: changes.title !== undefined ? Object.fromEntries([change('title')]) : undefined,
        });
      }
      return this.view(manager, caller, await this.visible(caller, id, 'manage'));
    });
  }

  async addMember(caller: Caller, id: string, input: AddMemberDto): Promise<CaseDetail> {
    return this.db.run(caller, async (manager) => {
      const current = await this.visible(caller, id, 'manage', true);
      this.assertSize(
        current.type,
        (await this.memberCount(manager, id)) + 1,
        input.newMember ? 'newMember' : 'userId',
      );
      let userId = input.userId as string;
      if (input.newMember) {
        const invited = await this.inviteClients(manager, caller, [input.newMember], 'newMember');
        userId = invited.ids[0];
      } else {
        await this.requireUsers(caller, [userId], 'client');
      }
      if (await manager.existsBy(CaseMember, { caseId: id, userId })) {
        throw new ConflictException('This person is already a member of the case.');
      }
      await manager.insert(CaseMember, { clinicId: caller.clinicId, caseId: id, userId });
      await this.audit.record(manager, caller, {
        action: 'case.member_added',
        entityType: 'case',
        entityId: id,
        details: { userId },
      });
      return this.view(manager, caller, current);
    });
  }

  async removeMember(caller: Caller, id: string, userId: string): Promise<CaseDetail> {
    return this.db.run(caller, async (manager) => {
      const current = await this.visible(caller, id, 'manage', true);
      const removed = await manager.delete(CaseMember, {
        clinicId: caller.clinicId,
        caseId: id,
        userId,
      });
      if (!removed.affected)
        throw new NotFoundException('This person is not a member of the case.');
      await this.audit.record(manager, caller, {
        action: 'case.member_removed',
        entityType: 'case',
        entityId: id,
        details: { userId },
      });
      return this.view(manager, caller, current);
    });
  }

  /**
   * Replaces the case's counselors. A counselor taken off the case loses access with the next
   * request, since every query checks the assignment.
   */
  async assignCounselors(
    caller: Caller,
    id: string,
    input: AssignCounselorsDto,
  ): Promise<CaseDetail> {
    const primary = input.primaryCounselorId;
    const coIds = unique(input.coCounselorIds).filter((cid) => cid !== primary);
    if (coIds.length > 0 && !primary) {
      throw fieldError(
        'primaryCounselorId',
        'Choose a primary counselor before adding co-counselors.',
      );
    }
    return this.db.run(caller, async (manager) => {
      const current = await this.visible(caller, id, 'manage', true);
      await this.requireUsers(caller, primary ? [primary, ...coIds] : [], 'counselor');
      const before: { user_id: string; role: string }[] = await manager.query(
        `SELECT user_id, role FROM case_counselors WHERE case_id = $1 AND clinic_id = $2 ORDER BY user_id`,
        [id, caller.clinicId],
      );
      const beforePrimary = before.find((k) => k.role === 'primary')?.user_id ?? null;
      const beforeCo = before.filter((k) => k.role === 'co').map((k) => k.user_id);
      const unchanged =
        beforePrimary === primary &&
        beforeCo.length === coIds.length &&
        coIds.every((c) => beforeCo.includes(c));
      if (!unchanged) {
        await manager.delete(CaseCounselor, { clinicId: caller.clinicId, caseId: id });
        await this.insertCounselors(manager, caller, id, primary, coIds);
        await this.audit.record(manager, caller, {
          action: 'case.counselors_assigned',
          entityType: 'case',
          entityId: id,
          details: {
            before: { primary: beforePrimary, co: beforeCo },
            after: { primary, co: coIds },
          },
          // What the admin wrote: encrypted in the trail.
          text: { reason: input.reason },
        });
      }
      return this.view(manager, caller, current);
    });
  }

  async close(caller: Caller, id: string, input: CloseCaseDto): Promise<CaseDetail> {
    return this.setStatus(caller, id, 'closed', input);
  }

  async reopen(caller: Caller, id: string): Promise<CaseDetail> {
    return this.setStatus(caller, id, 'open');
  }

  /** Counselors of the case only; the label never leaves the case's counselors. */
  async setLabel(
    caller: Caller,
    id: string,
    userId: string,
    input: SetMemberLabelDto,
  ): Promise<CaseDetail> {
    return this.db.run(caller, async (manager) => {
      const current = await this.visible(caller, id, 'counsel');
      const member = await manager.findOneBy(CaseMember, {
        clinicId: caller.clinicId,
        caseId: id,
        userId,
      });
      if (!member) throw new NotFoundException('This person is not a member of the case.');
      await manager.update(
        CaseMember,
        { id: member.id },
        { labelEnc: sealLabel(this.encryption, member.id, input.label) },
      );
      // The audit trail is read by admins, so it records that a label changed, not which.
      await this.audit.record(manager, caller, {
        action: 'case.member_labelled',
        entityType: 'case',
        entityId: id,
        details: { userId },
      });
      return this.view(manager, caller, current);
    });
  }

  async history(caller: Caller, id: string, query: PageQueryDto): Promise<Page<AuditEventView>> {
    await this.visible(caller, id, 'manage');
    return this.trail.browse(caller, { entityType: 'case', entityId: id, ...query });
  }

  private async setStatus(
    caller: Caller,
    id: string,
    status: 'open' | 'closed',
    input?: CloseCaseDto,
  ): Promise<CaseDetail> {
    return this.db.run(caller, async (manager) => {
      const current = await this.visible(caller, id, 'manage', true);
      if (current.status === status) {
        throw new ConflictException(
          status === 'closed' ? 'This case is already closed.' : 'This case is already open.',
        );
      }
      const closing = status === 'closed';
      await manager
        .createQueryBuilder()
        .update(Case)
        .set({
          status,
          outcome: closing ? (input?.outcome ?? null) : null,
          closingNoteEnc: closing
            ? sealClosingNote(this.encryption, id, input?.note ?? null)
            : null,
          closedAt: closing ? () => 'now()' : null,
          version: () => 'version + 1',
        })
        .where('id = :id AND clinic_id = :clinicId', { id, clinicId: caller.clinicId })
        .execute();
      await this.audit.record(manager, caller, {
        action: closing ? 'case.closed' : 'case.reopened',
        entityType: 'case',
        entityId: id,
        details: closing ? { outcome: input?.outcome } : { previousOutcome: current.outcome },
      });
      return this.view(manager, caller, await this.visible(caller, id, 'manage'));
    });
  }

  /** The case if the caller may reach it for `need`; otherwise 404, whether it exists or not. */
  private visible(caller: Caller, id: string, need: CaseNeed, lock = false): Promise<Case> {
    return this.access.require(caller, id, need, lock);
  }

  private async view(manager: EntityManager, caller: Caller, c: Case): Promise<CaseDetail> {
    const [detail] = await caseViews(manager, this.people, this.encryption, caller, [c]);
    return detail;
  }

  private async memberCount(manager: EntityManager, caseId: string): Promise<number> {
    return manager.countBy(CaseMember, { caseId });
  }

  private assertSize(type: CaseType, members: number, field: string): void {
    if (members > MAX_MEMBERS[type]) {
      const noun = MAX_MEMBERS[type] === 1 ? 'member' : 'members';
      throw fieldError(
        field,
        `${type === 'individual' ? 'An' : 'A'} ${type} case has at most ${MAX_MEMBERS[type]} ${noun}.`,
      );
    }
  }

  /**
   * Every id must be a user of the caller's clinic with that role and not disabled. An invited
   * counselor may be assigned before accepting (the case page says they have not accepted).
   */
  private async requireUsers(caller: Caller, ids: string[], role: Role): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.people.profiles(caller, ids);
    for (const id of ids) {
      const user = found.find((p) => p.id === id);
      if (!user || user.role !== role)
        throw new NotFoundException(`No such ${role} in your clinic.`);
      if (user.status === 'disabled')
        throw new ConflictException(`This ${role}'s account is disabled.`);
    }
  }

  /** `field` names where the clients came from, so a taken email points at its form row. */
  private async inviteClients(
    manager: EntityManager,
    caller: Caller,
    clients: NewClientDto[],
    field: string,
  ) {
    const ids: string[] = [];
    for (const [index, client] of clients.entries()) {
      // Only the clinic's own people: an address of another clinic's account is invited like a
      // new one (see InvitationsService.createInvitedUser), so this admin learns nothing of it.
      if (await this.invitations.emailInClinic(manager, caller.clinicId, client.email)) {
        const path = field === 'newMember' ? `${field}.email` : `${field}.${index}.email`;
        const message =
          'An account with this email already exists. Choose the existing client instead.';
        throw new ConflictException({ message, fields: [{ field: path, reasons: [message] }] });
      }
      const { user } = await this.invitations.inviteWithin(manager, caller, {
        clinicId: caller.clinicId,
        email: client.email,
        displayName: client.displayName,
        role: 'client',
      });
      ids.push(user.id);
    }
    return { ids };
  }

  private async insertCounselors(
    manager: EntityManager,
    caller: Caller,
    caseId: string,
    primary: string | null,
    coIds: string[],
  ) {
    const rows = [
      ...(primary ? [{ userId: primary, role: 'primary' as const }] : []),
      ...coIds.map((userId) => ({ userId, role: 'co' as const })),
    ];
    if (rows.length > 0) {
      await manager.insert(
        CaseCounselor,
        rows.map((r) => ({ ...r, clinicId: caller.clinicId, caseId })),
      );
    }
  }
}
