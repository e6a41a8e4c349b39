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

/** What an accepted-by-nobody invitation to another clinic's account says when accepted. */
export const TAKEN_ELSEWHERE =
  'This email address already has a Mend account with another practice, so this invitation cannot be accepted. Sign in to that account, or ask the clinic that invited you to invite another address.';

/**
 * What to do when the address has an account in another clinic. `record` (an admin inviting):
 * record the invitation like any other, so the admin learns nothing about other clinics; it can
 * never become an account. `refuse` (the operator's clinic:create): 409, the operator may know.
 */
export type ElsewhereInvitation = 'record' | 'refuse';

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
    elsewhere: ElsewhereInvitation = 'record',
  ): Promise<{ user: User; link: string; expiresAt: Date }> {
    const user = await this.createInvitedUser(manager, input, elsewhere);
    const { link, expiresAt } = await this.issue(manager, user, actor?.id ?? null);
    await this.audit.record(manager, actor ?? { id: null, clinicId: input.clinicId }, {
      action: 'user.invited',
      entityType: 'user',
      entityId: user.id,
      details: { role: user.role },
    });
    return { user, link, expiresAt };
  }

  /**
   * The invited person's row. An address already in the clinic is a 409 (the admin sees their
   * own people anyway). An address with an account in another clinic is recorded the same way
   * as a fresh one, same answer, same work, same audit event, flagged `emailElsewhere`: the
   * other account is not touched, no account is created (this row can never sign in or be
   * accepted), and only the address's owner is told why, by mail.
   */
  async createInvitedUser(
    manager: EntityManager,
    input: { clinicId: string; email: string; displayName: string; role: Role },
    elsewhere: ElsewhereInvitation = 'record',
  ): Promise<User> {
    if (await this.emailInClinic(manager, input.clinicId, input.email))
      throw new ConflictException('An account with this email already exists.');
    const taken = await this.emailTaken(manager, input.email);
    if (taken && elsewhere === 'refuse')
      throw new ConflictException('An account with this email already exists.');
    return manager.save(
      manager.create(User, {
        ...input,
        status: 'invited',
        passwordHash: null,
        emailElsewhere: taken,
      }),
    );
  }

  /** Whether the clinic already has this address (an account or an invitation). */
  async emailInClinic(manager: EntityManager, clinicId: string, email: string): Promise<boolean> {
    const [row]: { found: boolean }[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE clinic_id = $1 AND email = $2) AS found`,
      [clinicId, email],
    );
    return row.found;
  }

  /**
   * Whether any clinic has an account with this email (emails are unique among accounts).
   * Never tell an admin: it is about other clinics' people.
   */
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
      // The address's owner has an account elsewhere: their mail says so and links to sign-in.
      await this.notifier.securityMail(
        manager,
        user.emailElsewhere
          ? {
              clinicId: user.clinicId,
              userId: user.id,
              purpose: 'invitation_elsewhere',
              link: `${this.config.publicUrl}/sign-in`,
            }
          : { clinicId: user.clinicId, userId: user.id, purpose: 'invitation', link },
      );
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
    input: { token: string; password: string },
    reply: FastifyReply,
    client: { ip?: string; userAgent?: string },
  ): Promise<Me> {
    const peek = await this.system.run('invitation accept', (tx) =>
      this.usable(tx, input.token, false),
    );
    // The preview of such a link looks like any other (whoever holds it may be the admin);
    // accepting it would make a second account for the address, so it is refused here.
    if (peek.user?.emailElsewhere) throw new ConflictException(TAKEN_ELSEWHERE);
    const problem = passwordProblem(input.password, {
      email: peek.user?.email,
      displayName: peek.user?.displayName,
    });
    if (problem) throw fieldError('password', problem);
    const passwordHash = await this.hasher.hash(input.password);
    const caller = await this.system.run('invitation accept', async (manager) => {
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
      // The name stays the one the admin gave (only an admin renames people).
      const changes: Partial<User> = { passwordHash, status: 'active' };
      await manager.update(User, { id: invitation.userId, clinicId: invitation.clinicId }, changes);
      const user = await manager.findOneByOrFail(User, { id: invitation.userId });
      return this.sessions.start(user, reply, client, manager);
    });
    return this.auth.me(caller);
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
