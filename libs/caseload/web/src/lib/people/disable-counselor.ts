import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import type { CounselorOpenCase, UserSummary } from '@mend/shared/contracts';
import { errorMessage, fieldErrors } from '@mend/shared/web';
import { PeopleApi } from '../data-access/people-api';
import { counselorChoiceName } from '../ui/people-text';

export interface DisableCounselorData {
  person: UserSummary;
  /** Their open cases (never empty: without any, the plain confirmation is enough). */
  cases: CounselorOpenCase[];
}

export interface CounselorDisabled {
  user: UserSummary;
  /** Who took the cases over; null when nobody did. */
  movedTo: string | null;
  /** Cases left without any counselor. */
  leftAlone: number;
}

/** The select's value for "leave the cases as they are", so it is a choice, never a default. */
export const NOBODY = 'nobody';

/**
 * Dialog: disable a counselor who still has open cases. The admin chooses who takes the cases
 * over (or, knowingly, nobody); the server disables and moves them in one transaction.
 */
@Component({
  selector: 'mend-disable-counselor',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
  ],
  template: `
    <h2 mat-dialog-title>Disable {{ data.person.displayName }}’s account?</h2>
    <mat-dialog-content class="fields">
      <p class="lead">
        They are signed out at once and cannot sign in until an admin re-enables the account.
        {{ casesText() }}
      </p>
      <ul class="cases" aria-label="Their open cases" data-testid="disable-cases">
        @for (c of data.cases; track c.id) {
          <li>
            <mat-icon aria-hidden="true">folder_open</mat-icon>
            <span class="title">{{ c.title }}</span>
            @if (c.otherCounselors) {
              <span class="muted small">{{ othersText(c.otherCounselors) }}</span>
            } @else {
              <span class="small alone">Only counselor</span>
            }
          </li>
        }
      </ul>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Who takes their cases over?</mat-label>
        <mat-select [formControl]="takeOver" data-testid="disable-reassign">
          @for (c of choices(); track c.id) {
            <mat-option [value]="c.id">{{ choiceName(c) }}</mat-option>
          }
          <mat-option [value]="nobody">Nobody for now</mat-option>
        </mat-select>
        @if (chosen() !== nobody) {
          <mat-hint
            >The counselor you choose takes {{ data.person.displayName }}’s place on each
            case.</mat-hint
          >
        }
        <mat-error>Choose who takes the cases over.</mat-error>
      </mat-form-field>
      @if (chosen() === nobody && alone() > 0) {
        <p class="warn" role="status">
          <mat-icon aria-hidden="true">warning_amber</mat-icon>
          <span
            >{{ aloneText() }} without a counselor: nobody would see its safety alerts or the
            homework handed in until you assign one.</span
          >
        </p>
      }
      @if (error(); as message) {
        <p class="notice" role="alert">
          <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
        </p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button
        mat-flat-button
        type="button"
        class="danger"
        [disabled]="busy()"
        (click)="submit()"
        data-testid="confirm"
      >
        {{ chosen() && chosen() !== nobody ? 'Disable and move cases' : 'Disable account' }}
      </button>
    </mat-dialog-actions>
  `,
  styleUrl: './people-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DisableCounselor implements OnInit {
  private readonly people = inject(PeopleApi);
  private readonly ref = inject<MatDialogRef<DisableCounselor, CounselorDisabled>>(MatDialogRef);
  protected readonly data = inject<DisableCounselorData>(MAT_DIALOG_DATA);

  protected readonly nobody = NOBODY;
  protected readonly choiceName = counselorChoiceName;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly choices = signal<UserSummary[]>([]);
  protected readonly takeOver = new FormControl<string | null>(null, Validators.required);
  protected readonly chosen = toSignal(this.takeOver.valueChanges, { initialValue: null });
  /** Cases where they are the only counselor. */
  protected readonly alone = computed(
    () => this.data.cases.filter((c) => c.otherCounselors === 0).length,
  );
  protected readonly casesText = computed(() => {
    const n = this.data.cases.length;
    return n === 1 ? 'They have one open case:' : `They have ${n} open cases:`;
  });
  protected readonly aloneText = computed(() =>
    this.alone() === 1 ? 'One case would be left' : `${this.alone()} cases would be left`,
  );

  ngOnInit(): void {
    void this.loadChoices();
  }

  protected othersText(n: number): string {
    return n === 1 ? 'and 1 other counselor' : `and ${n} other counselors`;
  }

  protected async submit(): Promise<void> {
    if (this.takeOver.invalid) {
      this.takeOver.markAsTouched();
      return;
    }
    const choice = this.choices().find((c) => c.id === this.takeOver.value);
    this.busy.set(true);
    this.error.set(null);
    try {
      const user = await this.people.disableCounselor(this.data.person.id, choice?.id);
      this.ref.close({
        user,
        movedTo: choice?.displayName ?? null,
        leftAlone: choice ? 0 : this.alone(),
      });
    } catch (error) {
      const reason = fieldErrors(error).find((f) => f.field === 'reassignTo')?.reasons[0];
      this.error.set(reason ?? errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async loadChoices(): Promise<void> {
    try {
      const all = await this.people.assignableCounselors();
      this.choices.set(all.filter((c) => c.id !== this.data.person.id));
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
