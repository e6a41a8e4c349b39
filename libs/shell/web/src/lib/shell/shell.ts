import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
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
import { adoptBrowserTimeZone, NotificationBell } from '@mend/notifications/web';
import { ROLE_LABELS } from '@mend/shared/contracts';
import { ACCOUNT_ITEM, MAIL_SETTINGS_ITEM, NAVIGATION, SECURITY_ITEM } from '../navigation';

/**
 * The frame of every signed-in page: top bar with clinic, notification bell and user menu,
 * navigation per role.
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
  protected readonly accountItem = ACCOUNT_ITEM;
  protected readonly mailItem = MAIL_SETTINGS_ITEM;
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

  constructor() {
    // The frame appears once per sign-in: the moment to take the browser's time zone for mail.
    void adoptBrowserTimeZone();
  }

  protected async signOut(): Promise<void> {
    // Nothing of this person's pages follows the next one to the sign-in page.
    this.snackBar.dismiss();
    await this.auth.logout();
    await this.router.navigate(['/sign-in']);
  }
}
