import { inject, Injectable, signal } from '@angular/core';
import { NotificationsApi } from './notifications-api';

/**
 * How many of the person's notifications are unread: the bell shows it, and the notifications
 * pages correct it at once when they open one or mark all read, rather than waiting for the
 * bell's next poll.
 */
@Injectable({ providedIn: 'root' })
export class UnreadNotifications {
  private readonly api = inject(NotificationsApi);
  private readonly state = signal<number | null>(null);
  private asking: Promise<void> | null = null;

  /** Null until the first answer (and after sign-out). */
  readonly count = this.state.asReadonly();

  /**
   * Asks the server; a failure keeps the last count (the next poll tries again). Calls while one
   * is under way share it, so a navigation and a tick at the same moment ask once.
   */
  refresh(background = false): Promise<void> {
    this.asking ??= this.api
      .unreadCount(background)
      .then(
        ({ unread }) => this.state.set(unread),
        // A 401 is handled by the app's interceptor; nothing else is worth an alarm on a badge.
        () => undefined,
      )
      .finally(() => (this.asking = null));
    return this.asking;
  }

  set(unread: number): void {
    this.state.set(Math.max(0, unread));
  }

  /** One fewer, after opening an unread notification. */
  decrement(): void {
    const unread = this.state();
    if (unread !== null) this.state.set(Math.max(0, unread - 1));
  }

  /** Forgets the count when the signed-in frame goes, so the next person never sees it. */
  clear(): void {
    this.state.set(null);
  }
}
