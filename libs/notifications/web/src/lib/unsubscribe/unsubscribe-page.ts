import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { UnsubscribeResult } from '@mend/shared/contracts';
import { errorMessage, takeFragmentToken } from '@mend/shared/web';
import { NotificationsApi } from '../data-access/notifications-api';

/**
 * The page a mail's "unsubscribe" link opens, without signing in: the signed token arrives in
 * the URL fragment (#token=…), which never reaches a server's log, and turns that one kind of
 * mail off.
 */
@Component({
  selector: 'mend-unsubscribe-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressBarModule],
  template: `
    <main class="public-page">
      <section class="public-card" aria-labelledby="unsubscribe-title">
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" class="public-progress" />
        }
        <header class="brand">
          <mat-icon class="brand-mark" aria-hidden="true">spa</mat-icon>
          <span class="brand-name">Mend</span>
        </header>

        @if (done(); as result) {
          <h1 id="unsubscribe-title">You are unsubscribed</h1>
          <p class="notice" role="status" data-testid="unsubscribe-done">
            <mat-icon aria-hidden="true">unsubscribe</mat-icon>
            <span
              >You will no longer get mail about: <strong>{{ result.label }}</strong
              >.</span
            >
          </p>
          <p class="lead">
            You can turn it back on in your mail settings after signing in. Other kinds of mail, and
            security mail such as password resets, still come.
          </p>
          <a mat-stroked-button routerLink="/settings/notifications">Open my mail settings</a>
        } @else if (error(); as message) {
          <h1 id="unsubscribe-title">This link cannot be used</h1>
          <p class="notice error" role="alert" data-testid="unsubscribe-error">
            <mat-icon aria-hidden="true">link_off</mat-icon>
            <span>{{ message }}</span>
          </p>
          <p class="lead">
            Open the link from the mail again, or sign in and turn the mail off in your mail
            settings.
          </p>
          <a mat-stroked-button routerLink="/settings/notifications">Sign in to my mail settings</a>
        } @else {
          <h1 id="unsubscribe-title">Unsubscribing…</h1>
          <p class="lead">One moment.</p>
        }
      </section>
    </main>
  `,
  styleUrl: './unsubscribe-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnsubscribePage implements OnInit {
  private readonly api = inject(NotificationsApi);

  protected readonly busy = signal(true);
  protected readonly done = signal<UnsubscribeResult | null>(null);
  protected readonly error = signal<string | null>(null);

  async ngOnInit(): Promise<void> {
    const token = takeFragmentToken();
    if (!token) {
      this.error.set('This unsubscribe link is incomplete. Check that you opened all of it.');
      this.busy.set(false);
      return;
    }
    try {
      this.done.set(await this.api.unsubscribe(token));
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
