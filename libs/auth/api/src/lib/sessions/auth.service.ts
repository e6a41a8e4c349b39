import { Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '@mend/audit/api';
import type { Me, SecondFactorState } from '@mend/shared/contracts';
import { ClinicDb, DbCaller, fieldError, SystemDb } from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';
import { User } from '../entities';
import { PasswordHasher } from '../passwords/password-hasher';
import { passwordProblem } from '../passwords/password-policy';
import { LoginSessionsService } from './login-sessions.service';
import { LoginThrottleService, SignInAttempt } from './login-throttle.service';
import { TrustedDevices } from './trusted-devices';

/** One answer for an unknown email, a wrong password or an account that cannot sign in. */
export const BAD_CREDENTIALS = 'The email or password is not correct.';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: ClinicDb,
    private readonly system: SystemDb,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: LoginSessionsService,
    private readonly devices: TrustedDevices,
    private readonly audit: AuditService,
  ) {}

  private readonly logger = new Logger('SignIn');

  /**
   * Checks a sign-in; throws 429 when throttled, 503 when too many passwords are being checked
   * at once, and 401 (one message) when wrong. The attempt is counted before the password is
   * checked (see LoginThrottleService); an unknown email costs the same work and time.
   */
  async verifyCredentials(
    email: string,
    password: string,
    client: { ip: string; deviceCookie?: string },
  ): Promise<User> {
    const attempt = await this.throttle.reserve(
      email,
      client.ip,
      this.devices.read(client.deviceCookie),
    );
    const { user } = attempt;
    const ok = await this.checkCounted(attempt, user?.passwordHash ?? null, password);
    if (!user || !ok || user.status !== 'active') {
      await this.throttle.failed();
      // Not awaited: the answer must take as long for an unknown email (nothing to record).
      void this.recordFailure(user, client.ip, attempt.device !== null);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.throttle.succeeded(attempt);
    await this.system.run('sign-in audit', (tx) =>
      this.audit.record(
        tx,
        { id: user.id, clinicId: user.clinicId, ip: client.ip },
        {
          action: 'user.signed_in',
          entityType: 'user',
          entityId: user.id,
          details: { knownDevice: attempt.device !== null },
        },
      ),
    );
    return user;
  }

  /** Checks the password of a counted attempt; one that could not be checked (503) is not counted. */
  private async checkCounted(
    attempt: SignInAttempt,
    hash: string | null,
    password: string,
  ): Promise<boolean> {
    try {
      return await this.hasher.verify(hash, password);
    } catch (error) {
      await this.throttle.release(attempt);
      throw error;
    }
  }

  /**
   * A failed sign-in in the account's clinic trail, without an actor (nobody proved who they
   * are) and with a reason category only. An unknown email belongs to no clinic: a log line.
   */
  private async recordFailure(user: User | null, ip: string, knownDevice: boolean): Promise<void> {
    try {
      if (!user) {
        this.logger.warn({ msg: 'Sign-in failed', reason: 'unknown_account', ip });
        return;
      }
      const reason = user.status === 'active' ? 'wrong_password' : `account_${user.status}`;
      await this.system.run('sign-in audit', (tx) =>
        this.audit.record(
          tx,
          { id: null, clinicId: user.clinicId, ip },
          {
            action: 'user.sign_in_failed',
            entityType: 'user',
            entityId: user.id,
            details: { reason, knownDevice },
          },
        ),
      );
    } catch (error) {
      this.logger.error({ msg: 'Could not record a failed sign-in', error: String(error) });
    }
  }

  /** After the right password: this browser becomes a known device of the account. */
  rememberDevice(request: FastifyRequest, reply: FastifyReply, user: { id: string }): void {
    this.devices.remember(request, reply, user.id);
  }

  /** Sign-out, in the clinic's trail. */
  async recordSignOut(caller: Caller): Promise<void> {
    await this.db.run(caller, (tx) =>
      this.audit.record(tx, caller, {
        action: 'user.signed_out',
        entityType: 'user',
        entityId: caller.id,
      }),
    );
  }

  async me(caller: DbCaller & { secondFactor?: SecondFactorState }): Promise<Me> {
    const [row]: { email: string; display_name: string; role: Me['role']; clinic_name: string }[] =
      await this.db.run(caller, (tx) =>
        tx.query(
          `SELECT u.email, u.display_name, u.role, c.name AS clinic_name
             FROM users u JOIN clinics c ON c.id = u.clinic_id WHERE u.id = $1`,
          [caller.id],
        ),
      );
    if (!row) throw new NotFoundException();
    return {
      id: caller.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      clinic: { id: caller.clinicId, name: row.clinic_name },
      secondFactor: caller.secondFactor ?? 'off',
    };
  }

  /**
   * Changes the caller's password and ends every session of theirs (a stolen cookie stops
   * working), then signs this browser in again.
   */
  async changePassword(
    caller: Caller,
    currentPassword: string,
    newPassword: string,
    reply: FastifyReply,
    client: { ip?: string; userAgent?: string },
  ): Promise<void> {
    const user = await this.db.run(caller, (tx) => tx.findOneByOrFail(User, { id: caller.id }));
    // Guesses at the current password (a borrowed session) count like sign-in failures.
    const attempt = await this.throttle.reserve(user.email, client.ip ?? 'unknown', []);
    if (!(await this.checkCounted(attempt, user.passwordHash, currentPassword))) {
      await this.throttle.failed();
      throw fieldError('currentPassword', 'Your current password is not correct.');
    }
    await this.throttle.release(attempt);
    const problem = passwordProblem(newPassword, user);
    if (problem) throw fieldError('newPassword', problem);
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.run(caller, async (tx) => {
      await tx.update(User, { id: user.id }, { passwordHash });
      await this.sessions.endAllForUser(user.id, tx);
      // The second factor given in this session carries over to the new one.
      await this.sessions.start(caller, reply, client, tx, caller.secondFactorAt ?? null);
      await this.audit.record(tx, caller, {
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
        details: { otherSessionsEnded: true },
      });
    });
  }
}
