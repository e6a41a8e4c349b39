import { TextFieldModule } from '@angular/cdk/text-field';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import {
  MESSAGE_MAX_LENGTH,
  THREAD_SUBJECT_MAX_LENGTH,
  type StartThreadRequest,
  type ThreadAudience,
  type ThreadOptions,
} from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { isJointWorkClosed, MessagesApi, newClientKey } from '../data-access/messages-api';

/**
 * Starts a conversation in a case: private (a counselor picks the member; a client's is with
 * their counselors) or joint when the case allows it now (else the reason shows), a subject and
 * the first message. Opens the conversation once started. The same attempt, retried, keeps its
 * `clientKey`, so a start whose answer was lost never makes a second conversation.
 */
@Component({
  selector: 'mend-start-thread-form',
  imports: [
    ReactiveFormsModule,
    TextFieldModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatRadioModule,
    MatSelectModule,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="start()" novalidate data-testid="start-thread-form">
      <fieldset class="audience">
        <legend>Who reads it</legend>
        <mat-radio-group formControlName="audience" class="choices">
          <mat-radio-button value="private" data-testid="start-thread-private">
            <span class="choice-title"><mat-icon aria-hidden="true">lock</mat-icon> Private</span>
            <span class="choice-detail">{{ privateDetail() }}</span>
          </mat-radio-button>
          <mat-radio-button
            value="joint"
            [disabled]="!options().joint"
            data-testid="start-thread-joint"
          >
            <span class="choice-title"><mat-icon aria-hidden="true">group</mat-icon> Joint</span>
            <span class="choice-detail">{{ jointDetail() }}</span>
          </mat-radio-button>
        </mat-radio-group>
        @if (!options().joint && options().jointReason; as reason) {
          <p class="reason" data-testid="start-thread-joint-reason">
            <mat-icon aria-hidden="true">info</mat-icon><span>{{ reason }}</span>
          </p>
        }
      </fieldset>

      @if (pickMember()) {
        <mat-form-field appearance="outline">
          <mat-label>With</mat-label>
          <mat-select formControlName="clientId" data-testid="start-thread-member">
            @for (person of options().privateWith; track person.userId) {
              <mat-option [value]="person.userId">{{ person.displayName }}</mat-option>
            }
          </mat-select>
          <mat-hint>Only this member and the case’s counselors read it, never the others.</mat-hint>
          @if (form.controls.clientId.hasError('required')) {
            <mat-error>Choose who the conversation is with.</mat-error>
          }
        </mat-form-field>
      }

      <mat-form-field appearance="outline">
        <mat-label>Subject</mat-label>
        <input
          matInput
          formControlName="subject"
          [maxlength]="subjectMax"
          data-testid="start-thread-subject"
        />
        @if (form.controls.subject.hasError('required')) {
          <mat-error>Give the conversation a subject.</mat-error>
        }
      </mat-form-field>

      <mat-form-field appearance="outline">
        <mat-label>First message</mat-label>
        <textarea
          matInput
          cdkTextareaAutosize
          cdkAutosizeMinRows="3"
          cdkAutosizeMaxRows="12"
          formControlName="body"
          [maxlength]="bodyMax"
          data-testid="start-thread-body"
        ></textarea>
        @if (form.controls.body.hasError('required')) {
          <mat-error>Write the first message.</mat-error>
        }
      </mat-form-field>

      @if (error(); as message) {
        <p class="notice" role="alert" data-testid="start-thread-error">
          <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
        </p>
      }
      <div class="actions">
        @if (cancellable()) {
          <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
        }
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="start-thread-submit">
          <mat-icon>send</mat-icon> Start the conversation
        </button>
      </div>
    </form>
  `,
  styleUrl: './start-thread-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartThreadForm {
  private readonly api = inject(MessagesApi);
  private readonly router = inject(Router);

  readonly caseId = input.required<string>();
  readonly options = input.required<ThreadOptions>();
  /** A counselor picks the member of a private conversation; a client's is their own. */
  readonly forCounselor = input(false);
  /** Shows a Cancel button (where the form opened from a button). */
  readonly cancellable = input(false);
  readonly cancelled = output<void>();

  protected readonly subjectMax = THREAD_SUBJECT_MAX_LENGTH;
  protected readonly bodyMax = MESSAGE_MAX_LENGTH;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = new FormGroup({
    audience: new FormControl<ThreadAudience>('private', { nonNullable: true }),
    clientId: new FormControl<string | null>(null),
    subject: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    body: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  private readonly audience = toSignal(this.form.controls.audience.valueChanges, {
    initialValue: this.form.controls.audience.value,
  });
  protected readonly pickMember = computed(
    () => this.forCounselor() && this.audience() === 'private',
  );
  protected readonly privateDetail = computed(() =>
    this.forCounselor()
      ? 'One member and the case’s counselors'
      : 'Only you and your counselor read it',
  );
  protected readonly jointDetail = computed(() =>
    this.forCounselor()
      ? 'Every member of the case and its counselors'
      : 'Everyone in your case and your counselor',
  );

  /** The attempt being made: its request, and the key kept while the same request is retried. */
  private attempt: { request: string; clientKey: string } | null = null;

  constructor() {
    effect(() => {
      const options = this.options();
      untracked(() => {
        const clientId = this.form.controls.clientId;
        // One member to choose from (a client's own, or a one-person case): chosen already.
        if (options.privateWith.length === 1) clientId.setValue(options.privateWith[0].userId);
        if (!options.privateWith.length && options.joint) {
          this.form.controls.audience.setValue('joint');
        }
      });
    });
    effect(() => {
      const required = this.pickMember();
      const clientId = this.form.controls.clientId;
      clientId.setValidators(required ? [Validators.required] : []);
      clientId.updateValueAndValidity({ emitEvent: false });
    });
  }

  protected async start(): Promise<void> {
    if (this.busy()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const request: Omit<StartThreadRequest, 'clientKey'> = {
      audience: value.audience,
      subject: value.subject.trim(),
      body: value.body.trim(),
      ...(value.audience === 'private' && this.forCounselor() && value.clientId
        ? { clientId: value.clientId }
        : {}),
    };
    const key = JSON.stringify(request);
    if (this.attempt?.request !== key) this.attempt = { request: key, clientKey: newClientKey() };
    this.busy.set(true);
    try {
      const thread = await this.api.start(this.caseId(), {
        ...request,
        clientKey: this.attempt.clientKey,
      });
      this.attempt = null;
      await this.router.navigate(['/messages', thread.id]);
    } catch (error) {
      this.error.set(
        isJointWorkClosed(error)
          ? `${errorMessage(error)} A private conversation is still possible.`
          : errorMessage(error),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
