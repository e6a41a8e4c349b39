import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { errorMessage } from '@mend/shared/web';
import { NotificationsApi } from '../data-access/notifications-api';

/** Only a path of this app may be followed (no open redirect through a notification's link). */
export function appPath(link: string | null | undefined): string {
  return link && link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\')
    ? link
    : '/notifications';
}

/**
 * `/notifications/:id`: what a mail's link and each row of the notifications page open. Marks
 * the notification read and moves on to what it is about, in place of this page in the history
 * (Back returns to where the person came from, not here).
 */
@Component({
  selector: 'mend-open-notification',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule],
  template: `
    @if (gone()) {
      <div class="empty" data-testid="notification-gone">
        <mat-icon aria-hidden="true">notifications_off</mat-icon>
        <h1>This notification is not yours or no longer exists</h1>
        <p>
          If someone forwarded you a link from Mend, it only opens for the person it was sent to.
          Your own notifications are on the bell at the top of every page.
        </p>
        <div class="actions">
          <a mat-flat-button routerLink="/">Go to your home page</a>
          <a mat-button routerLink="/notifications">See your notifications</a>
        </div>
      </div>
    } @else if (error(); as message) {
      <p class="notice" role="alert">
        <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
        <button mat-button type="button" (click)="open()">Try again</button>
      </p>
    } @else {
      <mat-progress-bar mode="indeterminate" />
      <p class="muted opening">Opening…</p>
    }
  `,
  styleUrl: '../ui/_page.scss',
  styles: `
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 8px;
      margin-top: 8px;
    }
    .opening {
      margin: 12px 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpenNotification implements OnInit {
  private readonly api = inject(NotificationsApi);
  private readonly router = inject(Router);

  /** From the route (`:id`). */
  readonly id = input.required<string>();

  protected readonly gone = signal(false);
  protected readonly error = signal<string | null>(null);

  ngOnInit(): void {
    void this.open();
  }

  protected async open(): Promise<void> {
    this.error.set(null);
    try {
      const notification = await this.api.open(this.id());
      await this.router.navigateByUrl(appPath(notification.link), { replaceUrl: true });
    } catch (error) {
      // A malformed id answers 400: to the person it is the same as one that is not theirs.
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400))
        this.gone.set(true);
      else this.error.set(errorMessage(error));
    }
  }
}
