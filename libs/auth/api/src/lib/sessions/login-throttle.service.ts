import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, SystemDb, TooManyAttemptsException } from '@mend/shared/server';

/**
 * Limits password guessing: after too many failures within a minute for one account or from
 * one address, sign-in answers 429 with Retry-After until the oldest failure ages out.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly system: SystemDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [row]: { email_failures: number; ip_failures: number; retry_after: number | null }[] =
      await this.system.query(
        'sign-in throttle',
        `SELECT count(*) FILTER (WHERE email = $1)::int AS email_failures,
                count(*) FILTER (WHERE ip = $2)::int AS ip_failures,
                ceil(extract(epoch FROM min(created_at) + interval '1 minute' - now()))::int AS retry_after
           FROM login_failures
          WHERE created_at > now() - interval '1 minute' AND (email = $1 OR ip = $2)`,
        [email, ip],
      );
    const max = this.config.loginMaxFailuresPerMinute;
    if (row.email_failures >= max || row.ip_failures >= max) {
      throw new TooManyAttemptsException(Math.max(1, row.retry_after ?? 60));
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await this.system.query(
      'sign-in throttle',
      `INSERT INTO login_failures (email, ip) VALUES ($1, $2)`,
      [email, ip],
    );
    // Old rows are useless; dropping them here keeps the table tiny without a scheduler.
    await this.system.query(
      'sign-in throttle',
      `DELETE FROM login_failures WHERE created_at < now() - interval '1 hour'`,
    );
  }

  async clearFor(email: string): Promise<void> {
    await this.system.query('sign-in throttle', `DELETE FROM login_failures WHERE email = $1`, [
      email,
    ]);
  }
}
