import { TextFieldModule } from '@angular/cdk/text-field';
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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { REPLY_TIMES_MAX_LENGTH } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { MessagesApi } from '../data-access/messages-api';

/**
 * Counselors: when they usually answer messages, in their own words. Every conversation of
 * their cases shows it in its banner, so nobody waits for a reply in the night.
 */
@Component({
  selector: 'mend-reply-times-card',
  imports: [
    TextFieldModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  template: `
    <mat-card appearance="outlined" data-testid="reply-times">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">schedule</mat-icon>
        <mat-card-title>Your reply times</mat-card-title>
        <mat-card-subtitle>Shown at the top of every conversation in your cases</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (loadError(); as message) {
          <p class="error" role="alert">
            {{ message }} <button mat-button type="button" (click)="load()">Try again</button>
          </p>
        } @else {
          <form (submit)="$event.preventDefault(); save()" novalidate>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>When you usually reply</mat-label>
              <textarea
                matInput
                cdkTextareaAutosize
                cdkAutosizeMinRows="1"
                cdkAutosizeMaxRows="4"
                [maxLength]="max"
                [value]="text()"
                [disabled]="loaded() === null"
                (input)="type($event)"
                placeholder="Weekdays, usually within one working day"
                data-testid="reply-times-input"
              ></textarea>
              <mat-hint align="end">{{ text().length }} / {{ max }}</mat-hint>
            </mat-form-field>
            @if (error(); as message) {
              <p class="error" role="alert">{{ message }}</p>
            }
            <button
              mat-stroked-button
              type="submit"
              [disabled]="busy() || !changed()"
              data-testid="reply-times-save"
            >
              Save
            </button>
          </form>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-card {
      background: var(--mat-sys-surface-container-lowest);
    }
    mat-card-header mat-icon[matCardAvatar] {
      display: grid;
      place-items: center;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    mat-card-content {
      padding-top: 12px;
    }
    form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 8px 12px;
    }
    mat-form-field {
      flex: 1 1 320px;
    }
    button[type='submit'] {
      margin-top: 10px;
    }
    .error {
      flex-basis: 100%;
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReplyTimesCard implements OnInit {
  private readonly api = inject(MessagesApi);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly max = REPLY_TIMES_MAX_LENGTH;
  /** What the server has (null until loaded). */
  protected readonly loaded = signal<string | null>(null);
  protected readonly text = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly changed = computed(
    () => this.loaded() !== null && this.text().trim() !== this.loaded(),
  );

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.apply((await this.api.replyTimes()).text);
    } catch (error) {
      this.loadError.set(errorMessage(error));
    }
  }

  protected type(event: Event): void {
    this.text.set((event.target as HTMLTextAreaElement).value);
    this.error.set(null);
  }

  protected async save(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const text = this.text().trim();
      const saved = await this.api.saveReplyTimes(text || null);
      this.apply(saved?.text ?? (text || null));
      this.snackBar.open(
        text ? 'Reply times saved. Your conversations show them.' : 'Reply times removed.',
        'OK',
        { duration: 4000 },
      );
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  private apply(text: string | null): void {
    this.loaded.set(text ?? '');
    this.text.set(text ?? '');
  }
}
