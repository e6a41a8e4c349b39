import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import type { Me } from '@mend/shared/contracts';
import { fieldError } from '@mend/shared/server';
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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottleService,
    private readonly sessions: LoginSessionsService,
  ) {}

  /** Checks a sign-in; throws 429 when throttled and 401 (one message) when wrong. */
  async verifyCredentials(email: string, password: string, ip: string): Promise<User> {
    await this.throttle.assertAllowed(email, ip);
    const user = await this.dataSource.getRepository(User).findOneBy({ email });
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok || user.status !== 'active') {
      await this.throttle.recordFailure(email, ip);
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    await this.throttle.clearFor(email);
    return user;
  }

  async me(caller: Pick<Caller, 'id' | 'clinicId'>): Promise<Me> {
    const user = await this.dataSource.getRepository(User).findOne({
      where: { id: caller.id, clinicId: caller.clinicId },
      relations: { clinic: true },
    });
    if (!user?.clinic) throw new NotFoundException();
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      clinic: { id: user.clinic.id, name: user.clinic.name },
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
    const user = await this.dataSource
      .getRepository(User)
      .findOneByOrFail({ id: caller.id, clinicId: caller.clinicId });
    if (!(await this.hasher.verify(user.passwordHash, currentPassword))) {
      throw fieldError('currentPassword', 'Your current password is not correct.');
    }
    const problem = passwordProblem(newPassword, user.email);
    if (problem) throw fieldError('newPassword', problem);
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id, clinicId: user.clinicId }, { passwordHash });
      await this.sessions.endAllForUser(user.id, manager);
      await this.sessions.start(user, reply, client, manager);
    });
  }
}
