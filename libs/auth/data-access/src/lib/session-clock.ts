import {
  HttpClient,
  HttpContext,
  HttpContextToken,
  HttpErrorResponse,
  HttpResponse,
} from '@angular/common/http';
import { effect, inject, Injectable, Injector, signal, untracked } from '@angular/core';
import type { MatDialogRef } from '@angular/material/dialog';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { SESSION_ACTIVITY_RESOLUTION_MS, type SessionTimes } from '@mend/shared/contracts';
import { AuthStore, EXPECTS_UNAUTHORIZED } from './auth-store';
import { SessionRecovery, sessionDialogs } from './session-recovery';
import type { SessionWarning, SessionWarningData } from './session-warning';

/** Requests the server does not count as activity: their answers leave the idle clock alone. */
export const NOT_ACTIVITY = new HttpContextToken<boolean>(() => false);

export const SESSION_URL = '/api/auth/session';
/** The warning opens this long before the session ends. */
export const WARNING_LEAD_MS = 2 * 60_000;
/** A warning due this soon opens now (the server's times are only known to about a second). */
const SLACK_MS = 5_000;
/**
 * The server records activity at most once a minute, so after a request its idle end may be up
 * to a minute earlier than this tab's estimate: an estimate is checked that much sooner.
 */
const RECORDED_EVERY_MS = SESSION_ACTIVITY_RESOLUTION_MS;
/** Clocks this close count as the same (the Date header has whole seconds). */
const SAME_CLOCK_MS = 5_000;

/** Server time minus local time, from the answer's Date header (0 when close or unknown). */
function clockOffset(response: HttpResponse<unknown>): number {
  const server = Date.parse(response.headers.get('Date') ?? '');
  const offset = Number.isFinite(server) ? server + 500 - Date.now() : 0;
  return Math.abs(offset) < SAME_CLOCK_MS ? 0 : offset;
}

/**
 * When the session ends, as far as this tab knows: from the server after sign-in, then pushed
 * back by every successful API answer (the server counts each as activity). Two minutes before
 * the end it asks the server again (another tab may have kept the session alive) and warns; at
 * the end it opens the sign-in dialog over the page, so nothing typed there is lost.
 */
@Injectable({ providedIn: 'root' })
export class SessionClock {
  private readonly http = inject(HttpClient);
  private readonly injector = inject(Injector);
  private readonly store = inject(AuthStore);
  private readonly recovery = inject(SessionRecovery);
  private readonly router = inject(Router);

  private idleMs = 0;
  /** Local time of the absolute end (the server's instant moved by the clock offset). */
  private absoluteEnd = Infinity;
  private readonly end = signal<number | null>(null);
  private readonly canExtend = signal(true);
  /** When the session ends (local ms since the epoch); null while not known. */
  readonly endsAt = this.end.asReadonly();
  /** False once the absolute limit comes before the idle one: activity no longer helps. */
  readonly extendable = this.canExtend.asReadonly();

  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The open warning (a promise while its code loads); null when none is open. */
  private warning: Promise<MatDialogRef<SessionWarning, 'dismissed'> | null> | null = null;
  /** Whether the end is this tab's estimate from activity rather than the server's answer. */
  private estimated = false;
  /** The end whose warning the person closed with OK (it cannot be pushed back). */
  private dismissedEnd: number | null = null;
  /** Bumped on every start and stop, so a late answer about an earlier session is ignored. */
  private run = 0;

  constructor() {
    // Runs whenever someone signs in (again) or out.
    effect(() => {
      const me = this.store.me();
      untracked(() => (me ? void this.start() : this.stop()));
    });
  }

  /** Asks the server when the session ends (not counted as activity). */
  async start(): Promise<void> {
    const run = ++this.run;
    clearTimeout(this.timer);
    sessionDialogs().catch(() => undefined);
    try {
      const response = await this.fetch();
      if (run === this.run && response.body) this.set(response.body, clockOffset(response));
    } catch {
      // Unknown for now: a change that finds the session over is kept until they sign in again.
    }
  }

  stop(): void {
    this.run++;
    clearTimeout(this.timer);
    this.end.set(null);
    this.closeWarning();
  }

  /** A successful API answer: the idle end moves to a full idle period from now. */
  touch(): void {
    if (this.end() === null) return;
    this.setEnd(Date.now() + this.idleMs, true);
    this.schedule();
  }

  /** "Stay signed in": counted as activity by the server. */
  async keepAlive(): Promise<void> {
    const response = await firstValueFrom(
      this.http.post<SessionTimes>(`${SESSION_URL}/keepalive`, {}, { observe: 'response' }),
    );
    if (response.body) this.set(response.body, clockOffset(response));
  }

  private set(times: SessionTimes, offset: number): void {
    this.idleMs = times.idleMinutes * 60_000;
    this.absoluteEnd = Date.parse(times.absoluteExpiresAt) - offset;
    this.setEnd(Date.parse(times.idleExpiresAt) - offset);
    this.schedule();
  }

  private setEnd(idleEnd: number, estimated = false): void {
    this.canExtend.set(idleEnd < this.absoluteEnd);
    this.estimated = estimated && idleEnd < this.absoluteEnd;
    this.end.set(Math.min(idleEnd, this.absoluteEnd));
  }

  /** One timer: ask the server when the warning is due, and again when the end comes. */
  private schedule(): void {
    clearTimeout(this.timer);
    const end = this.end();
    if (end === null) return;
    const now = Date.now();
    const untilWarning = end - WARNING_LEAD_MS - now;
    if (untilWarning > SLACK_MS) {
      this.closeWarning();
      const untilCheck = this.estimated ? untilWarning - RECORDED_EVERY_MS : untilWarning;
      this.timer = setTimeout(() => void this.check(), Math.max(0, untilCheck));
    } else {
      if (end > now) this.openWarning(end);
      this.timer = setTimeout(() => void this.check(), Math.max(0, end - now));
    }
  }

  private async check(): Promise<void> {
    const run = this.run;
    try {
      const response = await this.fetch();
      if (run === this.run && response.body) this.set(response.body, clockOffset(response));
    } catch (error) {
      if (run !== this.run) return;
      const over =
        (error instanceof HttpErrorResponse && error.status === 401) ||
        (this.end() ?? 0) <= Date.now();
      if (over) {
        void this.ended();
      } else {
        // Unreachable before the end: go by this tab's own clock until then.
        this.estimated = false;
        this.schedule();
      }
    }
  }

  private async ended(): Promise<void> {
    this.stop();
    // Signing in again sets `me`, which starts the clock again.
    await this.recovery.signInAgain('ended');
  }

  private openWarning(end: number): void {
    if (this.warning || this.dismissedEnd === end) return;
    const data: SessionWarningData = {
      endsAt: this.endsAt,
      extendable: this.extendable,
      idleMinutes: Math.round(this.idleMs / 60_000),
      stay: () => this.keepAlive(),
      signOut: () => this.signOut(),
    };
    const opening = sessionDialogs().then(
      ({ MatDialog, SessionWarning }) => {
        // Activity may have closed it while the code loaded.
        if (this.warning !== opening) return null;
        const ref = this.injector
          .get(MatDialog)
          .open<SessionWarning, SessionWarningData, 'dismissed'>(SessionWarning, {
            data,
            disableClose: true,
            autoFocus: 'first-tabbable',
            maxWidth: 'calc(100vw - 32px)',
          });
        ref.afterClosed().subscribe((result) => {
          if (this.warning === opening) this.warning = null;
          if (result === 'dismissed') this.dismissedEnd = end;
        });
        return ref;
      },
      () => null,
    );
    this.warning = opening;
  }

  private closeWarning(): void {
    const opening = this.warning;
    this.warning = null;
    void opening?.then((ref) => ref?.close());
  }

  private async signOut(): Promise<void> {
    this.stop();
    await this.store.logout();
    await this.router.navigate(['/sign-in']);
  }

  private fetch(): Promise<HttpResponse<SessionTimes>> {
    return firstValueFrom(
      this.http.get<SessionTimes>(SESSION_URL, {
        observe: 'response',
        context: new HttpContext().set(EXPECTS_UNAUTHORIZED, true).set(NOT_ACTIVITY, true),
      }),
    );
  }
}
