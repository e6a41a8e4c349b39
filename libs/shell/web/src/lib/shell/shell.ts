import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';
import { AuthStore } from '@mend/auth/data-access';
import { MessageEvents } from '@mend/messages/web';
import { adoptBrowserTimeZone, NotificationBell } from '@mend/notifications/web';
import { ROLE_LABELS } from '@mend/shared/contracts';
import {
  ACCOUNT_ITEM,
  AVAILABILITY_ITEM,
  MAIL_SETTINGS_ITEM,
  NAVIGATION,
  SECURITY_ITEM,
  type NavItem,
} from '../navigation';

/**
 * The frame of every signed-in page: a "Skip to main content" link first, then the top bar with
 * clinic, notification bell and user menu, navigation per role, and the page in `<main>`.
 */
@Component({
  selector: 'mend-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatListModule,
    MatMenuModule,
    MatSidenavModule,
    MatToolbarModule,
    NotificationBell,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly me = this.auth.me;
  protected readonly roleLabel = computed(() => {
    const role = this.auth.role();
    return role ? ROLE_LABELS[role] : '';
  });
  protected readonly nav = computed(() => {
    const role = this.auth.role();
    return role ? NAVIGATION[role] : [];
  });
  /** Conversations with unread messages: the Messages item's badge (the stream opens with the frame). */
  private readonly unreadMessages = inject(MessageEvents).unread;
  protected readonly accountItem = ACCOUNT_ITEM;
  protected readonly mailItem = MAIL_SETTINGS_ITEM;
  /** Counselors only, beside the mail settings. */
  protected readonly availabilityItem = AVAILABILITY_ITEM;
  protected readonly securityItem = SECURITY_ITEM;
  protected readonly initials = computed(() =>
    (this.me()?.displayName ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((part) => part[0]?.toUpperCase())
      .join(''),
  );
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 840px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  /** The count beside a navigation item, if it has one and it is not zero. */
  protected badgeOf(item: NavItem): number | null {
    return item.badge === 'unreadMessages' ? this.unreadMessages() || null : null;
  }

  /** With a count, the link says it too ("Messages, 2 unread"), as the bell does. */
  protected badgeLabel(item: NavItem): string | null {
    const count = this.badgeOf(item);
    return count ? `${item.label}, ${count} unread` : null;
  }

  constructor() {
    // The frame appears once per sign-in: the moment to take the browser's time zone for mail.
    void adoptBrowserTimeZone();
  }

  /**
   * The skip link moves keyboard focus to the page itself, past the top bar and navigation
   * (by script: with `<base href="/">` a bare `#main-content` would load the home page).
   */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected async signOut(): Promise<void> {
    // Nothing of this person's pages follows the next one to the sign-in page.
    this.snackBar.dismiss();
    await this.auth.logout();
    await this.router.navigate(['/sign-in']);
  }
}
