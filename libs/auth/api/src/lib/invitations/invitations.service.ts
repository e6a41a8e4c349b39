import {
  ConflictException,
  GoneException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EntityManager } from 'typeorm';
import type {
  InvitationPreview,
  InvitationSent,
  Me,
  Role,
  UserSummary,
} from '@mend/shared/contracts';
import { APP_CONFIG, AppConfig, ClinicDb, fieldError, SystemDb } from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';
import { Clinic, Invitation, User } from '../entities';
import { Mailer, Notifier } from '@mend/notifications/api';
import { AuditActor, AuditService } from '@mend/audit/api';
import { PasswordHasher } from '../passwords/password-hasher';
import { passwordProblem } from '../passwords/password-policy';
import { LoginSessionsService } from '../sessions/login-sessions.service';
import { hashToken, newToken } from '../sessions/tokens';
import { AuthService } from '../sessions/auth.service';

export const INVITATION_TTL_MS = 72 * 3_600_000;

export function toUserSummary(user: User): UserSummary {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    status: user.status,
    createdAt: user.createdAt.toISOString(),
  };
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: ClinicDb,
    private readonly system: SystemDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifier: Notifier,
    private readonly mailer: Mailer,
    private readonly hasher: PasswordHasher,
    private readonly sessions: LoginSessionsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  /** An admin invites a person into the caller's clinic. */
  async invite(
    caller: Caller,
    input: { email: string; displayName: string; role: Role },
  ): Promise<InvitationSent> {
    const { user, link, expiresAt } = await this.db.run(caller, (tx) =>
      this.inviteWithin(tx, caller, { clinicId: caller.clinicId, ...input }),
    );
    return this.sent(user, link, expiresAt);
  }

  /**
   * What the admin is told: the link itself only where no mail server will carry it, so an
   * invitation is never lost (shown once, to the admin, never logged).
   */
  sent(user: User, link: string, expiresAt: Date): InvitationSent {
    const mailed = this.mailer.configured;
    return {
      user: toUserSummary(user),
      expiresAt: expiresAt.toISOString(),
      mailed,
      ...(mailed ? {} : { link }),
    };
  }

  /**
   * Creates an invited user, their link, its audit event and the invitation mail (in the
   * outbox) inside the caller's transaction: all of it exists, or none of it.
   */
  async inviteWithin(
    manager: EntityManager,
    actor: AuditActor | null,
    input: { clinicId: string; email: string; displayName: string; role: Role },
  ): Promise<{ user: User; link: string; expiresAt: Date }> {
    const user = await this.createInvitedUser(manager, input);
    const { link, expiresAt } = await this.issue(manager, user, actor?.id ?? null);
    await this.audit.record(manager, actor ?? { id: null, clinicId: input.clinicId }, {
      action: 'user.invited',
      entityType: 'user',
      entityId: user.id,
      details: { role: user.role },
    });
    return { user, link, expiresAt };
  }

  async createInvitedUser(
    manager: EntityManager,
    input: { clinicId: string; email: string; displayName: string; role: Role },
  ): Promise<User> {
    if (await this.emailTaken(manager, input.email))
      throw new ConflictException('An account with this email already exists.');
    return manager.save(manager.create(User, { ...input, status: 'invited', passwordHash: null }));
  }

  /** Whether any clinic has an account with this email (emails are unique across clinics). */
  async emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    const [row]: { taken: boolean }[] = await manager.query(
      `SELECT mend_email_taken($1) AS taken`,
      [email],
    );
    return row.taken;
  }

  /**
   * Creates a one-time link for an invited user (earlier unused links stop working) and, unless
   * `mail` is false (the admin copies it instead), queues the invitation mail with it.
   */
  async issue(
    manager: EntityManager,
    user: User,
    invitedById: string | null,
    mail = true,
  ): Promise<{ link: string; expiresAt: Date }> {
    await manager.query(`DELETE FROM invitations WHERE user_id = $1 AND accepted_at IS NULL`, [
      user.id,
    ]);
    const token = newToken();
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    await manager.insert(Invitation, {
      clinicId: user.clinicId,
      userId: user.id,
      invitedById,
      tokenHash: hashToken(token),
      expiresAt,
    });
    // The token travels in the fragment, which browsers never send to a server or its logs.
    const link = `${this.config.publicUrl}/accept-invitation#token=${token}`;
    if (mail) {
      await this.notifier.securityMail(manager, {
        clinicId: user.clinicId,
        userId: user.id,
        purpose: 'invitation',
        link,
      });
    }
    return { link, expiresAt };
  }

  async preview(token: string): Promise<InvitationPreview> {
    // Opened by its token, before anyone is signed in: the system path.
    const invitation = await this.system.run('invitation preview', (tx) =>
      this.usable(tx, token, false),
    );
    const user = invitation.user as User & { clinic: Clinic };
    return {
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      clinic: { id: user.clinic.id, name: user.clinic.name },
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  /** Sets the password, activates the account, spends the link and signs the person in. */
  async accept(
    input: { token: string; password: string; displayName?: string },
    reply: FastifyReply,
    client: { ip?: string; userAgent?: string },
  ): Promise<Me> {
    const peek = await this.system.run('invitation accept', (tx) =>
      this.usable(tx, input.token, false),
    );
    const problem = passwordProblem(input.password, peek.user?.email);
    if (problem) throw fieldError('password', problem);
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.system.run('invitation accept', async (manager) => {
      // Locked, so two tabs accepting at once cannot both succeed.
      const invitation = await this.usable(manager, input.token, true);
      const spent = await manager
        .createQueryBuilder()
        .update(Invitation)
        .set({ acceptedAt: () => 'now()' })
        .where('id = :id AND accepted_at IS NULL', { id: invitation.id })
        .execute();
      if (spent.affected !== 1)
        throw new GoneException('This invitation has already been used. Sign in instead.');
      const changes: Partial<User> = { passwordHash, status: 'active' };
      if (input.displayName) changes.displayName = input.displayName;
      await manager.update(User, { id: invitation.userId, clinicId: invitation.clinicId }, changes);
      const user = await manager.findOneByOrFail(User, { id: invitation.userId });
      await this.sessions.start(user, reply, client, manager);
      return user;
    });
    return this.auth.me(user);
  }

  private async usable(manager: EntityManager, token: string, lock: boolean): Promise<Invitation> {
    const query = manager
      .getRepository(Invitation)
      .createQueryBuilder('invitation')
      .innerJoinAndSelect('invitation.user', 'user')
      .innerJoinAndSelect('user.clinic', 'clinic')
      .where('invitation.tokenHash = :hash', { hash: hashToken(token) });
    if (lock) query.setLock('pessimistic_write', undefined, ['invitation']);
    const invitation = await query.getOne();
    if (!invitation)
      throw new NotFoundException(
        'This invitation link is not valid. Check that you copied all of it.',
      );
    if (invitation.acceptedAt)
      throw new GoneException('This invitation has already been used. Sign in instead.');
    if (invitation.expiresAt.getTime() <= Date.now()) {
      throw new GoneException('This invitation has expired. Ask your clinic to send a new one.');
    }
    if (invitation.user?.status !== 'invited') {
      throw new GoneException('This invitation can no longer be used. Contact your clinic.');
    }
    return invitation;
  }
}
