import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  InjectionToken,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { filter, fromEvent, interval, map, merge } from 'rxjs';
import { UnreadNotifications } from '../data-access/unread-notifications';
import { badgeText, bellLabel } from '../ui/notification-text';

/** How often the bell asks for the unread count while the page is open. */
export const BELL_POLL_MS = new InjectionToken<number>('BELL_POLL_MS', {
  factory: () => 60_000,
});

/**
 * The top bar's bell: the unread count as a badge, leading to the notifications page. It asks
 * again on every navigation and once a minute while the tab is visible (a hidden tab waits until
 * it is shown again), and stops when the signed-in frame goes.
 */
@Component({
  selector: 'mend-notification-bell',
  imports: [RouterLink, RouterLinkActive, MatBadgeModule, MatButtonModule, MatIconModule],
  template: `
    <a
      mat-icon-button
      routerLink="/notifications"
      routerLinkActive="active"
      [routerLinkActiveOptions]="{ exact: true }"
      [attr.aria-label]="label()"
      [matBadge]="badge()"
      [matBadgeHidden]="!badge()"
      data-testid="notification-bell"
    >
      <mat-icon aria-hidden="true">{{ badge() ? 'notifications' : 'notifications_none' }}</mat-icon>
    </a>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .active {
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationBell {
  private readonly unread = inject(UnreadNotifications);

  protected readonly badge = computed(() => badgeText(this.unread.count()));
  protected readonly label = computed(() => bellLabel(this.unread.count()));

  constructor() {
    const document = inject(DOCUMENT);
    const visible = () => document.visibilityState !== 'hidden';
    const navigated = inject(Router).events.pipe(filter((e) => e instanceof NavigationEnd));
    const shown = fromEvent(document, 'visibilitychange').pipe(filter(visible));
    const tick = interval(inject(BELL_POLL_MS)).pipe(filter(visible));

    void this.unread.refresh();
    merge(navigated.pipe(map(() => false)), shown.pipe(map(() => true)), tick.pipe(map(() => true)))
      .pipe(takeUntilDestroyed())
      .subscribe((background) => void this.unread.refresh(background));
    inject(DestroyRef).onDestroy(() => this.unread.clear());
  }
}
