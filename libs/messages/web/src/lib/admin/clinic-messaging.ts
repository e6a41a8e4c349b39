import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatRadioModule } from '@angular/material/radio';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CLIENT_THREAD_RULES, type ClientThreadRule } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { MessagesApi } from '../data-access/messages-api';
import { CLIENT_THREAD_RULE_LABELS } from '../ui/message-text';

/**
 * Admin, on the clinic's crisis-text page: the "Messages" section, the rule for conversations
 * clients start themselves (counselors always may). Every conversation shows the crisis text.
 */
@Component({
  selector: 'mend-clinic-messaging',
  imports: [ReactiveFormsModule, MatButtonModule, MatCardModule, MatIconModule, MatRadioModule],
  template: `
    <section aria-labelledby="clinic-messaging-title" data-testid="clinic-messaging">
      <h2 id="clinic-messaging-title">Messages</h2>
      <mat-card appearance="outlined">
        <mat-card-content>
          <p class="lead">
            Clients and counselors write to each other in conversations. Each one shows the crisis
            text above and says that messages are not for emergencies. Counselors can always start a
            conversation. May clients start one themselves?
          </p>
          @if (loadError(); as message) {
            <p class="error" role="alert">
              {{ message }} <button mat-button type="button" (click)="load()">Try again</button>
            </p>
          } @else {
            <form (submit)="$event.preventDefault(); save()" novalidate>
              <mat-radio-group
                [formControl]="rule"
                class="choices"
                aria-labelledby="clinic-messaging-title"
              >
                @for (option of rules; track option) {
                  <mat-radio-button
                    [value]="option"
                    [attr.data-testid]="'client-threads-' + option"
                  >
                    {{ labels[option] }}
                  </mat-radio-button>
                }
              </mat-radio-group>
              @if (error(); as message) {
                <p class="error" role="alert">{{ message }}</p>
              }
              <div class="actions">
                <button
                  mat-flat-button
                  type="submit"
                  [disabled]="busy() || saved() === null || chosen() === saved()"
                  data-testid="client-threads-save"
                >
                  Save
                </button>
              </div>
            </form>
          }
        </mat-card-content>
      </mat-card>
    </section>
  `,
  styles: `
    :host {
      display: block;
      max-width: 760px;
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    mat-card {
      background: var(--mat-sys-surface-container-lowest);
    }
    mat-card-content {
      padding-top: 16px;
    }
    .lead {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .choices {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      margin-top: 8px;
    }
    .error {
      margin: 8px 0 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClinicMessaging implements OnInit {
  private readonly api = inject(MessagesApi);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly rules = CLIENT_THREAD_RULES;
  protected readonly labels = CLIENT_THREAD_RULE_LABELS;
  protected readonly rule = new FormControl<ClientThreadRule>('private', { nonNullable: true });
  /** The choice on screen, as a signal: the Save button follows it. */
  protected readonly chosen = toSignal(this.rule.valueChanges, { initialValue: this.rule.value });
  /** What the server has (null until loaded). */
  protected readonly saved = signal<ClientThreadRule | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly loadError = signal<string | null>(null);

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.apply((await this.api.clinicMessaging()).clientThreads);
    } catch (error) {
      this.loadError.set(errorMessage(error));
    }
  }

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const settings = { clientThreads: this.rule.value };
      this.apply(((await this.api.saveClinicMessaging(settings)) ?? settings).clientThreads);
      this.snackBar.open('Saved. It applies to new conversations from now on.', 'OK', {
        duration: 5000,
      });
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  private apply(rule: ClientThreadRule): void {
    this.saved.set(rule);
    this.rule.setValue(rule);
  }
}
