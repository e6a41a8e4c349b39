import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { AppointmentView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { dayKey, instantToZoned, whenLabel, zonedToInstant, zoneLabel } from './appointment-time';

export interface TimeData {
  title: string;
  message: string;
  confirm: string;
  /** The time it is about now (the picker starts there, if it is still ahead). */
  startsAt: string;
  /** The zone the picker's day and time are in: the viewer's. */
  timeZone: string;
  action: (startsAt: string) => Promise<AppointmentView>;
}

/** The day of a Date picked in the calendar, "YYYY-MM-DD" (the picker's dates are local). */
function pickedDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A "YYYY-MM-DD" as the picker's local Date. */
function pickerDate(day: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d);
}

/**
 * Dialog: a counselor picks another day and time (propose, reschedule), in their browser's time
 * zone, which the dialog names; the member sees it in their own.
 */
@Component({
  selector: 'mend-time-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDatepickerModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
  ],
  providers: [provideNativeDateAdapter()],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="run()" novalidate>
      <mat-dialog-content class="fields">
        <p class="lead">{{ data.message }}</p>
        <p class="zone">Now: {{ now }}</p>
        <div class="row">
          <mat-form-field appearance="outline">
            <mat-label>Day</mat-label>
            <input
              matInput
              [matDatepicker]="picker"
              [min]="today"
              formControlName="day"
              data-testid="time-day"
            />
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
            <mat-error>Choose a day from today on.</mat-error>
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>Start time</mat-label>
            <input matInput type="time" formControlName="time" data-testid="time-time" />
            <mat-error>Enter the start time.</mat-error>
          </mat-form-field>
        </div>
        <p class="zone" data-testid="time-zone">Day and time in {{ zone }}.</p>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          </p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Go back</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="time-confirm">
          {{ data.confirm }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styleUrl: './dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimeDialog {
  protected readonly data = inject<TimeData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<TimeDialog, AppointmentView>>(MatDialogRef);
  protected readonly zone = zoneLabel(this.data.timeZone);
  protected readonly now = whenLabel(this.data.startsAt, this.data.timeZone);
  protected readonly today = pickerDate(dayKey(new Date(), this.data.timeZone));
  private readonly start = instantToZoned(this.data.startsAt, this.data.timeZone);
  protected readonly form = new FormGroup({
    day: new FormControl<Date | null>(pickerDate(this.start.slice(0, 10)), Validators.required),
    time: new FormControl(this.start.slice(11, 16), {
      nonNullable: true,
      validators: [Validators.required],
    }),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async run(): Promise<void> {
    const { day, time } = this.form.getRawValue();
    if (this.form.invalid || !day) {
      this.form.markAllAsTouched();
      return;
    }
    const startsAt = zonedToInstant(`${pickedDay(day)}T${time}`, this.data.timeZone);
    if (new Date(startsAt) <= new Date()) {
      this.error.set('Choose a time that is still ahead.');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.ref.close(await this.data.action(startsAt));
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }
}
