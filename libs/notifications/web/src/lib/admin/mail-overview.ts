import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { ClinicMailSettings, DeliveryFailures } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { NotificationsApi } from '../data-access/notifications-api';
import { MailSenderDialog } from './mail-sender-dialog';

/**
 * Admin home: the "Mail" card. Mail that could not be delivered in the last 30 days, as counts
 * per reason (never to whom or about what), mail still waiting, whether a mail server is set up
 * at all, and the clinic's sender name.
 */
@Component({
  selector: 'mend-mail-overview',
  imports: [RouterLink, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" data-testid="mail-overview">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">mail</mat-icon>
        <mat-card-title>Mail</mat-card-title>
        <mat-card-subtitle>Delivery in the last 30 days, counts only</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        } @else if (deliveries(); as d) {
          @if (!d.mailConfigured) {
            <p class="warning" data-testid="mail-not-configured">
              <mat-icon aria-hidden="true">cancel_schedule_send</mat-icon>
              <span
                >No mail server is configured, so Mend sends no mail. Copy invitation links from the
                <a routerLink="/people">People</a> page and hand them over yourself.</span
              >
            </p>
          }
          <div class="stats">
            <div class="stat" [class.attention]="failed() > 0" data-testid="mail-failed">
              <span class="value">{{ failed() }}</span>
              <span class="label">{{ failed() === 1 ? 'mail' : 'mails' }} not delivered</span>
            </div>
            <div class="stat" data-testid="mail-waiting">
              <span class="value">{{ d.waiting }}</span>
              <span class="label">waiting to be sent</span>
            </div>
          </div>
          @if (d.failures.length) {
            <table>
              <caption class="cdk-visually-hidden">
                Mail not delivered, by reason
              </caption>
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col" class="num">Mails</th>
                </tr>
              </thead>
              <tbody>
                @for (f of d.failures; track f.reason) {
                  <tr data-testid="mail-failure">
                    <th scope="row">{{ f.reason }}</th>
                    <td class="num">{{ f.count }}</td>
                  </tr>
                }
              </tbody>
            </table>
          } @else if (d.mailConfigured) {
            <p class="muted">Every mail was delivered.</p>
          }
          <p class="muted small">
            Waiting mail goes out after the recipient’s quiet hours or on the next retry.
          </p>
        } @else {
          <p class="muted">Loading…</p>
        }
        <p class="sender" data-testid="mail-sender">
          <mat-icon aria-hidden="true">badge</mat-icon>
          @if (settings(); as s) {
            <span
              >Mail comes from <strong>“{{ s.senderName }}”</strong>. Some clients need a discreet
              name.</span
            >
          } @else if (settingsError(); as message) {
            <span class="error">{{ message }}</span>
          } @else {
            <span class="muted">Loading the sender name…</span>
          }
        </p>
      </mat-card-content>
      <mat-card-actions>
        <button
          mat-button
          type="button"
          (click)="editSender()"
          [disabled]="!settings()"
          data-testid="edit-sender-name"
        >
          <mat-icon>edit</mat-icon> Change sender name
        </button>
      </mat-card-actions>
    </mat-card>
  `,
  styleUrl: './mail-overview.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailOverview implements OnInit {
  private readonly api = inject(NotificationsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly deliveries = signal<DeliveryFailures | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly settings = signal<ClinicMailSettings | null>(null);
  protected readonly settingsError = signal<string | null>(null);
  protected readonly failed = computed(() =>
    (this.deliveries()?.failures ?? []).reduce((sum, f) => sum + f.count, 0),
  );

  ngOnInit(): void {
    void this.api.deliveries().then(
      (deliveries) => this.deliveries.set(deliveries),
      (error) => this.error.set(errorMessage(error)),
    );
    void this.api.mailSettings().then(
      (settings) => this.settings.set(settings),
      (error) => this.settingsError.set(errorMessage(error)),
    );
  }

  protected editSender(): void {
    this.dialog
      .open(MailSenderDialog, { data: this.settings(), autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((saved?: ClinicMailSettings) => {
        if (!saved) return;
        this.settings.set(saved);
        this.snackBar.open(`Mail now comes from “${saved.senderName}”.`, 'OK', { duration: 5000 });
      });
  }
}
