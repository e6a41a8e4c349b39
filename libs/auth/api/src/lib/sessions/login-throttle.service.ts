import { Inject, Injectable } from '@nestjs/common';
import {
  APP_CONFIG,
  AppConfig,
  SystemDb,
  TooManyAttemptsException,
  Turns,
} from '@mend/shared/server';
import { User } from '../entities';
import type { KnownDevice } from './trusted-devices';
import { RecentRefusals, RefusalPause } from './recent-refusals';

/** Failures are forgotten after an hour (or at the account's next right password). */
const ACCOUNT_WINDOW = '1 hour';
/** The per-address ceiling counts the last ten minutes. */
const ADDRESS_WINDOW_SECONDS = 600;
const ADDRESS_WINDOW = `${ADDRESS_WINDOW_SECONDS} seconds`;
/** The longest wait between guesses at one account: the cap of 1 s, 2 s, 4 s… */
export const MAX_DELAY_SECONDS = 300;

/** A sign-in that holds its place in the count while its password is checked. */
export interface SignInAttempt {
  id: string;
  email: string;
  /** The known device it comes from (null: any other browser). */
  device: string | null;
  /** The account of the email, if there is one (whatever its status). */
  user: User | null;
}

interface Counts {
  failures: number;
  since_last: number | null;
  last_minute: number;
  minute_clears_in: number | null;
  address_failures: number;
  address_clears_in: number | null;
}

/**
 * Limits password guessing without letting anyone lock others out.
 *
 * - Per account: at most `LOGIN_MAX_FAILURES_PER_MINUTE` failures in any minute, and past
 *   that many within the hour each attempt waits 1 s, 2 s, 4 s… (at most 5 minutes) after the
 *   previous failure. Unknown emails are counted the same way, so the answer never tells
 *   whether an account exists.
 * - Per known device: a browser that signed in to the account before (its device cookie) has a
 *   budget of the same size of its own, so someone guessing elsewhere cannot keep the owner out.
 * - Per address: `LOGIN_MAX_FAILURES_PER_ADDRESS` failures in 10 minutes, whatever the accounts:
 *   high enough that colleagues behind one office address keep signing in while one of them
 *   mistypes, low enough to stop one address spraying guesses across many accounts.
 *
 * The attempt is counted before its password is checked, under a lock per account and per
 * address, so a burst of simultaneous guesses is limited exactly like a sequence of them; a
 * right password takes its count back (and clears the account's earlier failures). A refusal is
 * remembered for a moment (`LOGIN_REFUSAL_HOLD_MS`), so a flood at a refused account or address
 * is answered by the process without the database, and answered after a pause
 * (`LOGIN_REFUSAL_PAUSE_MS`), so a client retrying at once is slowed down.
 */
@Injectable()
export class LoginThrottleService {
  /**
   * Attempts being counted at once in this process. Attempts at one account or from one
   * address wait for each other on an advisory lock, each holding a pooled connection: a burst
   * at one account would take the pool from everyone already signed in.
   */
  private readonly counting = new Turns(2);
  /** Per email: the refusal of one of its budgets (the account's user and that budget's device). */
  private readonly refusedAccounts: RecentRefusals<{
    userId: string | null;
    device: string | null;
  }>;
  private readonly refusedAddresses: RecentRefusals<null>;
  private readonly pause: RefusalPause;

  constructor(
    private readonly system: SystemDb,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.refusedAccounts = new RecentRefusals(config.loginRefusalHoldMs);
    this.refusedAddresses = new RecentRefusals(config.loginRefusalHoldMs);
    this.pause = new RefusalPause(config.loginRefusalPauseMs);
  }

  /** Counts the attempt, or refuses it with 429 and Retry-After. */
  async reserve(email: string, ip: string, known: KnownDevice[]): Promise<SignInAttempt> {
    // The pause comes outside the transaction and the turn: a paused refusal holds nothing.
    return this.pause.after(async () => {
      const remembered = Math.max(this.accountRefused(email, known), this.addressRefused(ip));
      if (remembered > 0) throw tooMany(remembered);
      return this.counting.run(() => this.count(email, ip, known));
    });
  }

  /** The wait the database gave this attempt's budget moments ago (0: ask it). */
  private accountRefused(email: string, known: KnownDevice[]): number {
    const refused = this.refusedAccounts.get(email);
    if (!refused) return 0;
    // The same budget only: the owner's known device keeps its own.
    const device = known.find((k) => k.userId === refused.about.userId)?.device ?? null;
    return device === refused.about.device ? refused.seconds : 0;
  }

  private addressRefused(ip: string): number {
    return this.refusedAddresses.get(ip)?.seconds ?? 0;
  }

  private count(email: string, ip: string, known: KnownDevice[]): Promise<SignInAttempt> {
    return this.system.run('sign-in throttle', async (tx) => {
      // Attempts at one account, or from one address, take their turn here (account first,
      // then address, always in this order so two attempts never wait on each other in a
      // circle): each one counts the reservations of those before it.
      await tx.query(
        `SELECT pg_advisory_xact_lock(hashtext('mend.login.account'), hashtext($1)),
                pg_advisory_xact_lock(hashtext('mend.login.address'), hashtext($2))`,
        [email, ip],
      );
      // Emails are unique across clinics and the clinic is not known yet: the system path. An
      // invitation to another clinic's account (`emailElsewhere`) shares the address but is
      // never an account.
      const user = await tx.findOneBy(User, { email, emailElsewhere: false });
      const device = (user && known.find((k) => k.userId === user.id)?.device) ?? null;
      // clock_timestamp(), not now(): the transaction may have started before the lock was free.
      const [counts]: Counts[] = await tx.query(
        `WITH clock AS (SELECT clock_timestamp() AS now),
              mine AS (SELECT created_at FROM login_failures, clock
                        WHERE email = $1 AND device IS NOT DISTINCT FROM $3
                          AND created_at > now - interval '${ACCOUNT_WINDOW}'),
              here AS (SELECT created_at FROM login_failures, clock
                        WHERE ip = $2 AND created_at > now - interval '${ADDRESS_WINDOW}')
         SELECT (SELECT count(*) FROM mine)::int AS failures,
                extract(epoch FROM now - (SELECT max(created_at) FROM mine))::float8 AS since_last,
                (SELECT count(*) FROM mine WHERE created_at > now - interval '1 minute')::int
                  AS last_minute,
                extract(epoch FROM (SELECT min(created_at) FROM mine
                                     WHERE created_at > now - interval '1 minute')
                                   + interval '1 minute' - now)::float8 AS minute_clears_in,
                (SELECT count(*) FROM here)::int AS address_failures,
                extract(epoch FROM (SELECT min(created_at) FROM here)
                                   + interval '${ADDRESS_WINDOW}' - now)::float8 AS address_clears_in
           FROM clock`,
        [email, ip, device],
      );
      const [account, address] = [this.accountWait(counts), this.addressWait(counts)].map(
        Math.ceil,
      );
      if (account > 0 || address > 0) {
        this.refusedAccounts.remember(email, account, { userId: user?.id ?? null, device });
        this.refusedAddresses.remember(ip, address, null);
        throw tooMany(Math.max(account, address));
      }
      const [row]: { id: string }[] = await tx.query(
        `INSERT INTO login_failures (email, ip, device, created_at)
         VALUES ($1, $2, $3, clock_timestamp()) RETURNING id`,
        [email, ip, device],
      );
      return { id: row.id, email, device, user };
    });
  }

  /** The password was right: the attempt and the earlier failures of its kind no longer count. */
  async succeeded(attempt: SignInAttempt): Promise<void> {
    this.refusedAccounts.forget(attempt.email);
    await this.system.query(
      'sign-in throttle',
      `DELETE FROM login_failures
        WHERE id = $1 OR (email = $2 AND device IS NOT DISTINCT FROM $3)`,
      [attempt.id, attempt.email, attempt.device],
    );
  }

  /** The password could not be checked (the server was busy): the attempt does not count. */
  async release(attempt: SignInAttempt): Promise<void> {
    await this.system.query('sign-in throttle', `DELETE FROM login_failures WHERE id = $1`, [
      attempt.id,
    ]);
  }

  /** The attempt failed: it stays counted. Rows past the window are swept on the way. */
  async failed(): Promise<void> {
    await this.system.query(
      'sign-in throttle',
      `DELETE FROM login_failures WHERE created_at < now() - interval '${ACCOUNT_WINDOW}'`,
    );
  }

  /**
   * Seconds until the account (or this known device) may try again: no more than the limit
   * in any minute, and past the limit (within the hour) 1 s, 2 s, 4 s… after the last failure.
   */
  private accountWait(counts: Counts): number {
    const limit = this.config.loginMaxFailuresPerMinute;
    const minute = counts.last_minute >= limit ? Math.max(0, counts.minute_clears_in ?? 0) : 0;
    const over = counts.failures - limit;
    if (over < 0 || counts.since_last === null) return minute;
    const delay = Math.min(2 ** over, MAX_DELAY_SECONDS);
    return Math.max(minute, delay - counts.since_last);
  }

  /** Seconds until the oldest of the address's failures leaves the window. */
  private addressWait(counts: Counts): number {
    if (counts.address_failures < this.config.loginMaxFailuresPerAddress) return 0;
    return Math.max(1, counts.address_clears_in ?? ADDRESS_WINDOW_SECONDS);
  }
}

function tooMany(seconds: number): TooManyAttemptsException {
  return new TooManyAttemptsException(
    seconds,
    `Too many failed sign-ins. Please wait ${duration(seconds)} and try again.`,
  );
}

function duration(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? 'a second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}
