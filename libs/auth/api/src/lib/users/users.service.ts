import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
import { AuditService } from '@mend/audit/api';
import type { InvitationSent, Page, UserSummary } from '@mend/shared/contracts';
import { ClinicDb } from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';
import { ListUsersQueryDto } from '../dto/users.dto';
import { User } from '../entities';
import { InvitationsService, toUserSummary } from '../invitations/invitations.service';
import { LoginSessionsService } from '../sessions/login-sessions.service';

/** The people of a clinic, as its admins manage them. Every change is an audit event. */
@Injectable()
export class UsersService {
  constructor(
    private readonly db: ClinicDb,
    private readonly sessions: LoginSessionsService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
  ) {}

  async list(caller: Caller, query: ListUsersQueryDto): Promise<Page<UserSummary>> {
    return this.db.run(caller, async (tx) => {
      const qb = tx
        .getRepository(User)
        .createQueryBuilder('user')
        .where('user.clinicId = :clinicId', { clinicId: caller.clinicId });
      if (query.role) qb.andWhere('user.role = :role', { role: query.role });
      if (query.status) qb.andWhere('user.status = :status', { status: query.status });
      if (query.q) {
        const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        qb.andWhere(
          new Brackets((w) =>
            w
              .where('user.displayName ILIKE :like', { like })
              .orWhere('user.email ILIKE :like', { like }),
          ),
        );
      }
      if (query.sort === 'newest') qb.orderBy('user.createdAt', 'DESC');
      else qb.orderBy('user.displayName', 'ASC');
      const [users, total] = await qb
        .addOrderBy('user.id', 'ASC')
        .skip((query.page - 1) * query.pageSize)
        .take(query.pageSize)
        .getManyAndCount();
      return { items: users.map(toUserSummary), total, page: query.page, pageSize: query.pageSize };
    });
  }

  /** Disabling ends the user's sessions in the same transaction, so access stops at once. */
  async setStatus(
    caller: Caller,
    userId: string,
    status: 'active' | 'disabled',
  ): Promise<UserSummary> {
    return this.db.run(caller, async (manager) => {
      const user = await this.lockedUser(manager, caller, userId);
      if (status === 'active' && user.status === 'invited') {
        throw new ConflictException('This person has not accepted their invitation yet.');
      }
      if (status === 'disabled' && user.role === 'admin' && user.status === 'active') {
        const [{ count }] = await manager.query(
          `SELECT count(*)::int AS count FROM users
            WHERE clinic_id = $1 AND role = 'admin' AND status = 'active' AND id <> $2`,
          [caller.clinicId, user.id],
        );
        if (count === 0)
          throw new ConflictException('The last active admin of a clinic cannot be disabled.');
      }
      // Someone who never set a password goes back to "invited", not to an account without one.
      const next = status === 'active' && !user.passwordHash ? 'invited' : status;
      if (user.status === next) return toUserSummary(user);
      await manager.update(User, { id: user.id, clinicId: caller.clinicId }, { status: next });
      if (next === 'disabled') await this.sessions.endAllForUser(user.id, manager);
      await this.audit.record(manager, caller, {
        action: next === 'disabled' ? 'user.disabled' : 'user.enabled',
        entityType: 'user',
        entityId: user.id,
        details: { from: user.status, to: next },
      });
      return toUserSummary({ ...user, status: next });
    });
  }

  async rename(caller: Caller, userId: string, displayName: string): Promise<UserSummary> {
    return this.db.run(caller, async (manager) => {
      const user = await this.lockedUser(manager, caller, userId);
      if (user.displayName === displayName) return toUserSummary(user);
      await manager.update(User, { id: user.id, clinicId: caller.clinicId }, { displayName });
      await this.audit.record(manager, caller, {
        action: 'user.renamed',
        entityType: 'user',
        entityId: user.id,
        // Names are free text: encrypted in the trail.
        text: { from: user.displayName, to: displayName },
      });
      return toUserSummary({ ...user, displayName });
    });
  }

  /** A fresh link for someone who has not accepted yet; the earlier link stops working. */
  async resendInvitation(caller: Caller, userId: string): Promise<InvitationSent> {
    const { user, link, expiresAt } = await this.db.run(caller, async (manager) => {
      const user = await this.lockedUser(manager, caller, userId);
      if (user.status !== 'invited') {
        throw new ConflictException('This person has already accepted their invitation.');
      }
      const { link, expiresAt } = await this.invitations.issue(manager, user, caller.id);
      await this.audit.record(manager, caller, {
        action: 'user.invitation_resent',
        entityType: 'user',
        entityId: user.id,
      });
      return { user, link, expiresAt };
    });
    return this.invitations.sent(user, link, expiresAt);
  }

  private async lockedUser(manager: EntityManager, caller: Caller, userId: string): Promise<User> {
    const user = await manager.findOne(User, {
      where: { id: userId, clinicId: caller.clinicId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!user) throw new NotFoundException('No such person in your clinic.');
    return user;
  }
}
