import {
  ConflictException,
  GoneException,
  Inject,
  Injectable,
  NotFoundException,
  OnModuleInit,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { EntityManager } from 'typeorm';
import type { Me, OneTimeLink } from '@mend/shared/contracts';
import { AuditService } from '@mend/audit/api';
import { Mailer, Notifier } from '@mend/notifications/api';
import {
  APP_CONFIG,
  AppConfig,
  Caller,
  ClinicDb,
  fieldError,
  JobQueue,
  SystemDb,
  TooManyAttemptsException,
  Turns,
} from '@mend/shared/server';
import { User } from '../entities';
import { InvitationsService } from '../invitations/invitations.service';
import { AuthService } from '../sessions/auth.service';
import { LoginSessionsService } from '../sessions/login-sessions.service';
import { RecentRefusals, RefusalPause } from '../sessions/recent-refusals';
import { hashToken, newToken } from '../sessions/tokens';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';

export const RESET_TTL_MS = 30 * 60_000;
/** Requests per hour for one email address, and from one network address. */
const PER_EMAIL_PER_HOUR = 3;
const PER_IP_PER_HOUR = 20;
/** The wait a refused request is given. */
const REFUSED_SECONDS = 900;
const RESET_QUEUE = 'mend.password-reset';

interface ResetRow {
  id: string;
  clinic_id: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
  status: string;
  email: string;
  display_name: string;
}

/**
 * "Forgot your password?": the answer is the same whether or not the address has an account.
 * The request only writes a throttle row and queues a job (the same work either way, so the
 * answer's timing says nothing); the job looks the address up and, for an active account,
 * mails a one-time link valid 30 minutes. Using it sets the password, ends every other session
 * and signs the person in.
 */
@Injectable()
export class PasswordResetsService implements OnModuleInit {
  /** Requests being counted at once: they wait on a lock per address (see `Turns`). */
  private readonly counting = new Turns(2);
  /** Email and network addresses refused moments ago: a flood of requests is answered here. */
  private readonly refused: RecentRefusals<null>;
  private readonly pause: RefusalPause;

  constructor(
    private readonly system: SystemDb,
    private readonly db: ClinicDb,
    private readonly jobs: JobQueue,
    private readonly notifier: Notifier,
    private readonly mailer: Mailer,
    private readonly hasher: PasswordHasher,
    private readonly sessions: LoginSessionsService,
    private readonly auth: AuthService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.refused = new RecentRefusals(config.loginRefusalHoldMs);
    this.pause = new RefusalPause(config.loginRefusalPauseMs);
  }

  onModuleInit(): void {
    this.jobs.define({
      name: RESET_QUEUE,
      retryLimit: 2,
      work: (data) => this.issueFor((data as { email: string }).email),
    });
  }

  async request(email: string, ip: string): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.pause.after(async () => {
      const remembered = this.refused.get(`email:${address}`) ?? this.refused.get(`ip:${ip}`);
      if (remembered) throw tooManyRequests(remembered.seconds);
      await this.counting.run(() => this.count(address, ip));
    });
  }

  private count(address: string, ip: string): Promise<void> {
    return this.system.run('password reset request', async (tx) => {
      // Requests at once for one address, or from one network address, take their turn here
      // (email first, then network address, so two requests never wait on each other in a
      // circle): each counts what the one before it wrote, so together they cannot slip past
      // the limit.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('mend.reset.email'), hashtext($1))`, [
        address,
      ]);
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('mend.reset.ip'), hashtext($1))`, [ip]);
      const [row]: { by_email: number; by_ip: number }[] = await tx.query(
        `SELECT count(*) FILTER (WHERE email = $1)::int AS by_email,
                count(*) FILTER (WHERE ip = $2)::int AS by_ip
           FROM password_reset_requests
          WHERE created_at > now() - interval '1 hour' AND (email = $1 OR ip = $2)`,
        [address, ip],
      );
      const [byEmail, byIp] = [row.by_email >= PER_EMAIL_PER_HOUR, row.by_ip >= PER_IP_PER_HOUR];
      if (byEmail) this.refused.remember(`email:${address}`, REFUSED_SECONDS, null);
      if (byIp) this.refused.remember(`ip:${ip}`, REFUSED_SECONDS, null);
      if (byEmail || byIp) throw tooManyRequests(REFUSED_SECONDS);
      await tx.query(
        `DELETE FROM password_reset_requests WHERE created_at < now() - interval '1 hour'`,
      );
      await tx.query(`INSERT INTO password_reset_requests (email, ip) VALUES ($1, $2)`, [
        address,
        ip,
      ]);
      await this.jobs.send(RESET_QUEUE, { email: address }, { tx });
    });
  }

  /** The job: a link for an active account with this address; nothing for any other. */
  private async issueFor(email: string): Promise<void> {
    await this.system.run('password reset link', async (tx) => {
      const [user]: { id: string; clinic_id: string }[] = await tx.query(
        `SELECT id, clinic_id FROM users WHERE email = $1 AND status = 'active'`,
        [email],
      );
      if (user) await this.issue(tx, { id: user.id, clinicId: user.clinic_id }, true);
    });
  }

  /** A new link (earlier unused ones stop working), mailed unless the admin copies it. */
  private async issue(
    tx: EntityManager,
    user: { id: string; clinicId: string },
    mail: boolean,
  ): Promise<{ link: string; expiresAt: Date }> {
    await tx.query(`DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL`, [user.id]);
    const token = newToken();
    const expiresAt = new Date(Date.now() + RESET_TTL_MS);
    await tx.query(
      `INSERT INTO password_resets (clinic_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [user.clinicId, user.id, hashToken(token), expiresAt],
    );
    // In the fragment: never sent to a server or written to its logs.
    const link = `${this.config.publicUrl}/reset-password#token=${token}`;
    if (mail) {
      await this.notifier.securityMail(tx, {
        clinicId: user.clinicId,
        userId: user.id,
        purpose: 'password_reset',
        link,
      });
    }
    return { link, expiresAt };
  }

  /** Sets the new password, spends the link, ends every session and signs the person in. */
  async confirm(
    input: { token: string; password: string },
    reply: FastifyReply,
    client: { ip?: string; userAgent?: string },
  ): Promise<Me> {
    const peek = await this.system.run('password reset', (tx) =>
      this.usable(tx, input.token, false),
    );
    const problem = passwordProblem(input.password, {
      email: peek.email,
      displayName: peek.display_name,
    });
    if (problem) throw fieldError('password', problem);
    const passwordHash = await this.hasher.hash(input.password);
    const caller = await this.system.run('password reset', async (tx) => {
      const reset = await this.usable(tx, input.token, true);
      await tx.query(`UPDATE password_resets SET used_at = now() WHERE id = $1`, [reset.id]);
      await tx.query(
        `UPDATE users SET password_hash = $1, updated_at = now() WHERE id = $2 AND clinic_id = $3`,
        [passwordHash, reset.user_id, reset.clinic_id],
      );
      await this.sessions.endAllForUser(reset.user_id, tx);
      await this.audit.record(
        tx,
        { id: reset.user_id, clinicId: reset.clinic_id, ip: client.ip },
        { action: 'user.password_reset', entityType: 'user', entityId: reset.user_id },
      );
      const user = await tx.findOneByOrFail(User, { id: reset.user_id });
      // A new password does not replace the second factor: the session still asks for it.
      return this.sessions.start(user, reply, client, tx);
    });
    return this.auth.me(caller);
  }

  private async usable(tx: EntityManager, token: string, lock: boolean): Promise<ResetRow> {
    const [row]: ResetRow[] = await tx.query(
      `SELECT r.id, r.clinic_id, r.user_id, r.expires_at, r.used_at, u.status, u.email,
              u.display_name
         FROM password_resets r JOIN users u ON u.id = r.user_id AND u.clinic_id = r.clinic_id
        WHERE r.token_hash = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [hashToken(token)],
    );
    if (!row)
      throw new NotFoundException('This reset link is not valid. Check that you copied all of it.');
    if (row.used_at)
      throw new GoneException('This reset link has already been used. Ask for a new one.');
    if (row.expires_at.getTime() <= Date.now())
      throw new GoneException('This reset link has expired. Ask for a new one.');
    if (row.status !== 'active')
      throw new GoneException('This account cannot be reset. Contact your clinic.');
    return row;
  }

  /**
   * An admin hands a member a new one-time link by other means (no mail server, or a client
   * who cannot receive mail safely): an invitation link for someone who has not accepted yet,
   * a reset link for an active member. Shown once, to the admin; never logged.
   */
  async linkFor(caller: Caller, userId: string): Promise<OneTimeLink> {
    return this.db.run(caller, async (tx) => {
      const user = await this.member(tx, caller, userId);
      if (user.status === 'disabled')
        throw new ConflictException('This account is disabled. Enable it first.');
      const kind = user.status === 'invited' ? 'invitation' : 'password_reset';
      const { link, expiresAt } =
        kind === 'invitation'
          ? await this.invitations.issue(tx, user, caller.id, false)
          : await this.issue(tx, { id: user.id, clinicId: user.clinicId }, false);
      await this.audit.record(tx, caller, {
        action: kind === 'invitation' ? 'user.invitation_link_copied' : 'user.reset_link_copied',
        entityType: 'user',
        entityId: user.id,
      });
      return { kind, link, expiresAt: expiresAt.toISOString() };
    });
  }

  /** An admin mails a member a reset link. */
  async sendFor(caller: Caller, userId: string): Promise<{ mailed: boolean }> {
    await this.db.run(caller, async (tx) => {
      const user = await this.member(tx, caller, userId);
      if (user.status !== 'active')
        throw new ConflictException(
          user.status === 'invited'
            ? 'This person has not accepted their invitation yet: send the invitation again.'
            : 'This account is disabled. Enable it first.',
        );
      await this.issue(tx, { id: user.id, clinicId: user.clinicId }, true);
      await this.audit.record(tx, caller, {
        action: 'user.reset_link_sent',
        entityType: 'user',
        entityId: user.id,
      });
    });
    return { mailed: this.mailer.configured };
  }

  private async member(tx: EntityManager, caller: Caller, userId: string): Promise<User> {
    const user = await tx.findOne(User, {
      where: { id: userId, clinicId: caller.clinicId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!user) throw new NotFoundException('No such person in your clinic.');
    return user;
  }
}

function tooManyRequests(seconds: number): TooManyAttemptsException {
  return new TooManyAttemptsException(
    seconds,
    'Too many requests to reset a password. Please wait a while and try again.',
  );
}
