import { createHash, randomBytes } from 'node:crypto';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@mend/auth/api';
import { sessionCalendarEntry, SessionsService } from '@mend/notes/api';
import type { CalendarFeed } from '@mend/shared/contracts';
import {
  APP_CONFIG,
  AppConfig,
  calendarFile,
  ClinicDb,
  Clock,
  SystemDb,
} from '@mend/shared/server';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
/** A feed shows sessions from this long ago on. */
const FEED_PAST_DAYS = 30;

/**
 * A counselor's private calendar feed: a secret address their calendar app subscribes to,
 * listing their sessions with the neutral title and place only. Only the token's hash is kept;
 * a new address revokes the old one, and revoking ends it at once.
 */
@Injectable()
export class CalendarFeeds {
  constructor(
    private readonly db: ClinicDb,
    private readonly system: SystemDb,
    private readonly sessions: SessionsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(caller: Caller): Promise<CalendarFeed> {
    this.requireCounselor(caller);
    return this.db.run(caller, async (tx) => {
      const [row]: { created_at: Date }[] = await tx.query(
        `SELECT created_at FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL`,
        [caller.id],
      );
      // The address itself is shown once, when it is made.
      return { url: null, createdAt: row ? new Date(row.created_at).toISOString() : null };
    });
  }

  async create(caller: Caller): Promise<CalendarFeed> {
    this.requireCounselor(caller);
    const token = randomBytes(32).toString('base64url');
    return this.db.run(caller, async (tx) => {
      await tx.query(
        `UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
        [caller.id],
      );
      const [row]: { created_at: Date }[] = await tx.query(
        `INSERT INTO calendar_feeds (clinic_id, user_id, token_hash) VALUES ($1, $2, $3) RETURNING created_at`,
        [caller.clinicId, caller.id, hash(token)],
      );
      return {
        url: `${this.config.publicUrl}/api/calendar/${token}.ics`,
        createdAt: new Date(row.created_at).toISOString(),
      };
    });
  }

  async revoke(caller: Caller): Promise<CalendarFeed> {
    this.requireCounselor(caller);
    await this.db.run(caller, (tx) =>
      tx.query(
        `UPDATE calendar_feeds SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
        [caller.id],
      ),
    );
    return { url: null, createdAt: null };
  }

  /** The feed of a token, or null for an unknown or revoked one (the route answers 404). */
  async file(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    return this.system.run('calendar feed', async (tx) => {
      const [feed]: { user_id: string }[] = await tx.query(
        `SELECT user_id FROM calendar_feeds WHERE token_hash = $1 AND revoked_at IS NULL`,
        [hash(token)],
      );
      if (!feed) return null;
      const since = new Date(this.clock.now().getTime() - FEED_PAST_DAYS * 86_400_000);
      const sessions = await this.sessions.calendarWithin(tx, feed.user_id, since);
      return calendarFile('PUBLISH', sessions.map(sessionCalendarEntry));
    });
  }

  private requireCounselor(caller: Caller): void {
    if (caller.role !== 'counselor')
      throw new ForbiddenException('Counselors have a calendar feed of their sessions.');
  }
}
