import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Me } from '@mend/shared/contracts';
import { ClinicDb, DbCaller, fieldError, SystemDb } from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';
import { User } from '../entities';
import { PasswordHasher } from '../passwords/password-hasher';
import { passwordProblem } from '../passwords/password-policy';
import { LoginSessionsService } from './login-sessions.service';
import { LoginThrottleService } from './login-throttle.service';

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
  ) {}

  /** Checks a sign-in; throws 429 when throttled and 401 (one message) when wrong. */
  async verifyCredentials(email: string, password: string, ip: string): Promise<User> {
    await this.throttle.assertAllowed(email, ip);
    // Emails are unique across clinics and the clinic is not known yet: the system path.
    const user = await this.system.run('sign-in', (tx) => tx.findOneBy(User, { email }));
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || user.status !== 'active') {
      await this.throttle.recordFailure(email, ip);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.throttle.clearFor(email);
    return user;
  }

  async me(caller: DbCaller): Promise<Me> {
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
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw fieldError('currentPassword', 'Your current password is not correct.');
    }
    const problem = passwordProblem(newPassword, user.email);
    if (problem) throw fieldError('newPassword', problem);
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.run(caller, async (tx) => {
      await tx.update(User, { id: user.id }, { passwordHash });
      await this.sessions.endAllForUser(user.id, tx);
      await this.sessions.start(caller, reply, client, tx);
    });
  }
}
