import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import {
  SESSION_TYPE_LABELS,
  SESSION_TYPES,
  type Availability,
  type AvailabilityException,
  type AvailabilityRule,
  type SessionType,
  type Weekday,
} from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { AppointmentsApi } from '../data-access/appointments-api';
import {
  browserTimeZone,
  dayLabel,
  timeLabel,
  timeZones,
  zoneLabel,
  zoneOptionLabel,
  zonedToInstant,
} from '../ui/appointment-time';
import {
  draftChanged,
  draftOf,
  lengthProblem,
  nextRule,
  ruleLabel,
  ruleProblems,
  toSaveRequest,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type AvailabilityDraft,
} from './availability-form';
import { CalendarFeedCard } from './calendar-feed-card';

/**
 * Counselor page (`/settings/availability`): the time zone their week is in, the weekly windows
 * clients may ask for times in, how long each kind of session lasts, days off and extra times,
 * and the private calendar feed of their sessions. Every time here is in the availability's zone.
 */
@Component({
  selector: 'mend-availability-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    CalendarFeedCard,
  ],
  templateUrl: './availability-page.html',
  styleUrl: './availability-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AvailabilityPage implements OnInit {
  private readonly api = inject(AppointmentsApi);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly weekdays = WEEKDAYS;
  protected readonly weekdayNames = WEEKDAY_NAMES;
  protected readonly types = SESSION_TYPES;
  protected readonly typeLabels = SESSION_TYPE_LABELS;
  protected readonly ruleLabel = ruleLabel;
  protected readonly zoneOptionLabel = zoneOptionLabel;

  protected readonly saved = signal<Availability | null>(null);
  protected readonly draft = signal<AvailabilityDraft | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  /** Problems are shown once the counselor tried to save. */
  protected readonly tried = signal(false);

  protected readonly zones = computed(() =>
    timeZones(browserTimeZone(), this.draft()?.timeZone ?? ''),
  );
  protected readonly zone = computed(() => zoneLabel(this.draft()?.timeZone ?? 'UTC'));
  protected readonly problems = computed(() => ruleProblems(this.draft()?.rules ?? []));
  protected readonly lengthProblems = computed(() => {
    const lengths = this.draft()?.lengths;
    return new Map(
      SESSION_TYPES.map((t) => [t, lengths ? lengthProblem(lengths[t]) : null] as const),
    );
  });
  protected readonly valid = computed(
    () => !this.problems().size && [...this.lengthProblems().values()].every((p) => !p),
  );
  protected readonly changed = computed(() => {
    const draft = this.draft();
    const saved = this.saved();
    return !!draft && !!saved && draftChanged(draft, saved);
  });

  // Days off and extra times: added and removed at once.
  protected readonly exceptionKind = signal<'off' | 'extra'>('off');
  protected readonly exceptionFrom = signal('');
  protected readonly exceptionUntil = signal('');
  protected readonly exceptionError = signal<string | null>(null);
  protected readonly exceptionBusy = signal(false);
  /** Days off are entered and shown in the zone the page shows (instants either way). */
  protected readonly exceptionZone = computed(() => this.draft()?.timeZone ?? browserTimeZone());
  protected readonly exceptions = computed(() =>
    [...(this.saved()?.exceptions ?? [])].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
  );

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const saved = await this.api.availability();
      this.saved.set(saved);
      this.draft.set(draftOf(saved, browserTimeZone()));
    } catch (error) {
      this.loadError.set(errorMessage(error));
    }
  }

  protected setZone(timeZone: string): void {
    this.draft.update((d) => d && { ...d, timeZone });
  }

  protected addRule(): void {
    this.draft.update((d) => d && { ...d, rules: [...d.rules, nextRule(d.rules)] });
  }

  protected removeRule(index: number): void {
    this.draft.update((d) => d && { ...d, rules: d.rules.filter((_, i) => i !== index) });
  }

  protected setRule(index: number, change: Partial<AvailabilityRule>): void {
    this.draft.update(
      (d) => d && { ...d, rules: d.rules.map((r, i) => (i === index ? { ...r, ...change } : r)) },
    );
  }

  protected setWeekday(index: number, value: string): void {
    this.setRule(index, { weekday: Number(value) as Weekday });
  }

  protected setLength(type: SessionType, value: string): void {
    const minutes = value === '' ? Number.NaN : Number(value);
    this.draft.update((d) => d && { ...d, lengths: { ...d.lengths, [type]: minutes } });
  }

  protected async save(): Promise<void> {
    const draft = this.draft();
    if (!draft) return;
    this.tried.set(true);
    if (!this.valid()) return;
    this.saving.set(true);
    this.saveError.set(null);
    try {
      const saved = await this.api.saveAvailability(toSaveRequest(draft));
      this.saved.set(saved);
      this.draft.set({ ...draftOf(saved, saved.timeZone) });
      this.tried.set(false);
      this.snackBar.open('Your availability is saved. Clients see the new times at once.', 'OK', {
        duration: 5000,
      });
    } catch (error) {
      this.saveError.set(errorMessage(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected exceptionText(exception: AvailabilityException): string {
    const zone = this.exceptionZone();
    const from = `${dayLabel(exception.startsAt, zone)}, ${timeLabel(exception.startsAt, zone)}`;
    const sameDay = dayLabel(exception.startsAt, zone) === dayLabel(exception.endsAt, zone);
    const until = sameDay
      ? timeLabel(exception.endsAt, zone)
      : `${dayLabel(exception.endsAt, zone)}, ${timeLabel(exception.endsAt, zone)}`;
    return `${from} – ${until}`;
  }

  protected async addException(): Promise<void> {
    const from = this.exceptionFrom();
    const until = this.exceptionUntil();
    if (!from || !until) {
      this.exceptionError.set('Enter when it starts and when it ends.');
      return;
    }
    const zone = this.exceptionZone();
    const startsAt = zonedToInstant(from, zone);
    const endsAt = zonedToInstant(until, zone);
    if (endsAt <= startsAt) {
      this.exceptionError.set('The end comes after the start.');
      return;
    }
    this.exceptionBusy.set(true);
    this.exceptionError.set(null);
    try {
      const saved = await this.api.addException({ kind: this.exceptionKind(), startsAt, endsAt });
      this.keepDraft(saved);
      this.exceptionFrom.set('');
      this.exceptionUntil.set('');
    } catch (error) {
      this.exceptionError.set(errorMessage(error));
    } finally {
      this.exceptionBusy.set(false);
    }
  }

  protected async removeException(exception: AvailabilityException): Promise<void> {
    this.exceptionBusy.set(true);
    this.exceptionError.set(null);
    try {
      this.keepDraft(await this.api.removeException(exception.id));
    } catch (error) {
      this.exceptionError.set(errorMessage(error));
    } finally {
      this.exceptionBusy.set(false);
    }
  }

  /** A new answer for the exceptions; the weekly times being edited stay as they are. */
  private keepDraft(saved: Availability): void {
    this.saved.set(saved);
  }
}
