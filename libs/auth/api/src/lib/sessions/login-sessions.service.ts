import type {} from '@fastify/cookie';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, ClinicDb, DbCaller, SystemDb } from '@mend/shared/server';
import { SESSION_ACTIVITY_RESOLUTION_MS } from '@mend/shared/contracts';
import type { Role, SecondFactorState, SessionTimes } from '@mend/shared/contracts';
import type { Caller } from '@mend/shared/server';
import { LoginSession } from '../entities';
import { hashToken, newToken } from './tokens';

export const SESSION_COOKIE = 'mend_session';

/** Activity is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = SESSION_ACTIVITY_RESOLUTION_MS;

interface SessionRow {
  session_id: string;
  user_id: string;
  role: Role;
  clinic_id: string;
  stale: boolean;
  second_factor_at: Date | null;
  mfa_required: boolean;
  has_factor: boolean;
}

/**
 * SQL for where a session stands on the second step, given aliases `s` (login_sessions),
 * `u` (users) and `c` (clinics): staff must use a second factor, clients when the clinic says
 * so or they turned one on.
 */
const SECOND_FACTOR_COLUMNS = `s.second_factor_at,
       (u.role <> 'client' OR c.mfa_policy = 'everyone') AS mfa_required,
       EXISTS (SELECT 1 FROM second_factors f
                WHERE f.user_id = u.id AND f.method <> 'recovery_code'
                  AND f.confirmed_at IS NOT NULL) AS has_factor`;

function secondFactorState(row: {
  second_factor_at: Date | null;
  mfa_required: boolean;
  has_factor: boolean;
}): SecondFactorState {
  if (row.second_factor_at) return 'given';
  if (row.has_factor) return 'needed';
  return row.mfa_required ? 'enrol' : 'off';
}

@Injectable()
export class LoginSessionsService {
  constructor(
    private readonly db: ClinicDb,
    private readonly system: SystemDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts a session for the user and sets its cookie on the reply. The second step of signing
   * in is still to come unless `secondFactorAt` carries it over (a password change). Returns
   * the new session's caller.
   */
  async start(
    user: DbCaller,
    reply: FastifyReply,
    client: { ip?: string; userAgent?: string },
    manager?: EntityManager,
    secondFactorAt: Date | null = null,
  ): Promise<Caller> {
    if (!manager)
      return this.db.run(user, (tx) => this.start(user, reply, client, tx, secondFactorAt));
    // Housekeeping on the way: sessions past their absolute end are of no use to anyone.
    await manager.query(`DELETE FROM login_sessions WHERE user_id = $1 AND expires_at < now()`, [
      user.id,
    ]);
    const token = newToken();
    const now = Date.now();
    const sessionId = randomUUID();
    await manager.insert(LoginSession, {
      id: sessionId,
      secondFactorAt,
      clinicId: user.clinicId,
      userId: user.id,
      tokenHash: hashToken(token),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + this.config.sessionAbsoluteMs),
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    });
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
    });
    const [row]: SessionRow[] = await manager.query(
      `SELECT ${SECOND_FACTOR_COLUMNS}
         FROM login_sessions s JOIN users u ON u.id = s.user_id JOIN clinics c ON c.id = u.clinic_id
        WHERE s.id = $1`,
      [sessionId],
    );
    return {
      id: user.id,
      role: user.role,
      clinicId: user.clinicId,
      sessionId,
      ip: client.ip,
      secondFactor: secondFactorState(row),
      secondFactorAt,
    };
  }

  /**
   * The caller behind a session token, or undefined when the session does not exist, has been
   * idle too long, has passed its absolute end, or its user is no longer active. `touch`
   * false looks without counting as activity (asking when the session ends); `ip` is where the
   * request came from, kept on the caller for audit events.
   */
  async resolve(token: string, touch = true, ip?: string): Promise<Caller | undefined> {
    // Before there is a caller: the system path, one statement.
    const rows: SessionRow[] = await this.system.query(
      'session lookup',
      `SELECT s.id AS session_id, u.id AS user_id, u.role, u.clinic_id,
              s.last_seen_at < now() - ($3 * interval '1 millisecond') AS stale,
              ${SECOND_FACTOR_COLUMNS}
         FROM login_sessions s
         JOIN users u ON u.id = s.user_id AND u.clinic_id = s.clinic_id
         JOIN clinics c ON c.id = u.clinic_id
        WHERE s.token_hash = $1
          AND u.status = 'active'
          AND s.expires_at > now()
          AND s.last_seen_at > now() - ($2 * interval '1 millisecond')`,
      [hashToken(token), this.config.sessionIdleMs, TOUCH_INTERVAL_MS],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.stale && touch) {
      // The requests a browser sends at once all find the session stale: one of them records
      // the activity, the others pass the row it holds instead of queuing behind its commit.
      await this.system.query(
        'session activity if stale',
        `UPDATE login_sessions SET last_seen_at = now()
          WHERE id = (SELECT id FROM login_sessions
                       WHERE id = $1 AND last_seen_at < now() - ($2 * interval '1 millisecond')
                         FOR UPDATE SKIP LOCKED)`,
        [row.session_id, TOUCH_INTERVAL_MS],
      );
    }
    return {
      id: row.user_id,
      role: row.role,
      clinicId: row.clinic_id,
      sessionId: row.session_id,
      secondFactor: secondFactorState(row),
      secondFactorAt: row.second_factor_at,
      ip,
    };
  }

  /**
   * When the session ends without activity and at the latest, for the web app's warning.
   * `touch` counts as activity ("stay signed in"): the idle timeout starts again.
   */
  async times(sessionId: string, touch = false): Promise<SessionTimes> {
    if (touch) {
      await this.system.query(
        'session activity',
        `UPDATE login_sessions SET last_seen_at = now() WHERE id = $1`,
        [sessionId],
      );
    }
    const [row]: { last_seen_at: Date; expires_at: Date }[] = await this.system.query(
      'session times',
      `SELECT last_seen_at, expires_at FROM login_sessions WHERE id = $1`,
      [sessionId],
    );
    if (!row) throw new UnauthorizedException('Your session has ended. Please sign in again.');
    const idleEnd = Math.min(
      row.last_seen_at.getTime() + this.config.sessionIdleMs,
      row.expires_at.getTime(),
    );
    return {
      idleExpiresAt: new Date(idleEnd).toISOString(),
      absoluteExpiresAt: row.expires_at.toISOString(),
      idleMinutes: Math.round(this.config.sessionIdleMs / 60_000),
    };
  }

  async end(sessionId: string, reply: FastifyReply): Promise<void> {
    await this.system.query('sign-out', `DELETE FROM login_sessions WHERE id = $1`, [sessionId]);
    this.clearCookie(reply);
  }

  /** Ends every session of a user at once (disabled account, changed password). */
  async endAllForUser(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM login_sessions WHERE user_id = $1`, [userId]);
  }

  clearCookie(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
    });
  }
}
