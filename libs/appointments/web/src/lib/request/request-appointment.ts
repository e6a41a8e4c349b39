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
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  SESSION_MODE_LABELS,
  SESSION_MODES,
  type AppointmentAudience,
  type AppointmentSlots,
  type AppointmentView,
  type SessionMode,
} from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { AppointmentsApi, SLOT_DAYS } from '../data-access/appointments-api';
import {
  addDays,
  dayKey,
  dayLabel,
  groupSlotsByDay,
  whenLabel,
  zoneLabel,
} from '../ui/appointment-time';
import { VIEWER_TIME_ZONE } from '../ui/viewer-time-zone';
import { NOTE_MAX, newClientKey, sendFailure, toRequest } from './request-form';

/**
 * Client: ask for an appointment. Just me or together (when joint work is open), in person or by
 * video, one of the counselor's free times of the next two weeks grouped by day (in the client's
 * own time zone, named), an optional note, Send. The counselor confirms or suggests another time.
 */
@Component({
  selector: 'mend-request-appointment',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
  ],
  templateUrl: './request-appointment.html',
  styleUrl: './request-appointment.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestAppointment {
  private readonly api = inject(AppointmentsApi);
  protected readonly timeZone = inject(VIEWER_TIME_ZONE);

  readonly caseId = input.required<string>();
  readonly requested = output<AppointmentView>();

  protected readonly modes = SESSION_MODES;
  protected readonly modeLabels = SESSION_MODE_LABELS;
  protected readonly zone = zoneLabel(this.timeZone);
  protected readonly noteMax = NOTE_MAX;
  private readonly today = dayKey(new Date(), this.timeZone);

  protected readonly audience = signal<AppointmentAudience>('individual');
  protected readonly mode = signal<SessionMode>('in_person');
  protected readonly from = signal(this.today);
  protected readonly slots = signal<AppointmentSlots | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly selected = signal<string | null>(null);
  protected readonly note = new FormControl('', { nonNullable: true });
  protected readonly sending = signal(false);
  protected readonly sendError = signal<string | null>(null);
  /** Said once a time is missing on Send. */
  protected readonly missingTime = signal(false);
  /** Kept across retries of one request; a new one once it is answered. */
  private clientKey = newClientKey();
  /** Whether "Together" may be chosen, and why not (from the last answer). */
  protected readonly joint = signal<{ allowed: boolean; reason: string | null }>({
    allowed: false,
    reason: null,
  });

  protected readonly days = computed(() =>
    groupSlotsByDay(this.slots()?.slots ?? [], this.timeZone),
  );
  /** The day whose times are shown: the one picked, or the first with free times. */
  protected readonly chosenDay = signal<string | null>(null);
  protected readonly shownDay = computed(() => {
    const days = this.days();
    return days.find((d) => d.day === this.chosenDay()) ?? days[0] ?? null;
  });
  protected readonly range = computed(() => {
    const first = `${this.from()}T12:00:00Z`;
    const last = `${addDays(this.from(), SLOT_DAYS - 1)}T12:00:00Z`;
    return `${dayLabel(first, 'UTC')} – ${dayLabel(last, 'UTC')}`;
  });
  protected readonly atStart = computed(() => this.from() <= this.today);
  protected readonly counselorName = computed(
    () => this.slots()?.counselor.displayName ?? 'your counselor',
  );
  protected readonly summary = computed(() => {
    const startsAt = this.selected();
    if (!startsAt) return null;
    const who =
      this.audience() === 'joint'
        ? `together with ${this.counselorName()}`
        : `just you and ${this.counselorName()}`;
    return `${whenLabel(startsAt, this.timeZone)}, ${who}, ${this.modeLabels[this.mode()].toLowerCase()}.`;
  });

  constructor() {
    // A new case, audience or fortnight: its free times.
    effect(() => {
      const caseId = this.caseId();
      const audience = this.audience();
      const from = this.from();
      untracked(() => void this.load(caseId, audience, from));
    });
  }

  protected chooseAudience(audience: AppointmentAudience): void {
    if (audience === 'joint' && !this.joint().allowed) return;
    this.audience.set(audience);
    this.selected.set(null);
  }

  protected later(): void {
    this.from.set(addDays(this.from(), SLOT_DAYS));
    this.selected.set(null);
  }

  protected earlier(): void {
    const back = addDays(this.from(), -SLOT_DAYS);
    this.from.set(back < this.today ? this.today : back);
    this.selected.set(null);
  }

  protected choose(startsAt: string): void {
    this.selected.set(startsAt);
    this.missingTime.set(false);
    this.sendError.set(null);
  }

  protected async send(): Promise<void> {
    const request = toRequest(
      {
        audience: this.audience(),
        mode: this.mode(),
        startsAt: this.selected(),
        note: this.note.value,
      },
      this.clientKey,
    );
    if (!request) {
      this.missingTime.set(true);
      return;
    }
    this.sending.set(true);
    this.sendError.set(null);
    try {
      const created = await this.api.request(this.caseId(), request);
      this.clientKey = newClientKey();
      this.selected.set(null);
      this.note.reset();
      this.requested.emit(created);
      void this.load(this.caseId(), this.audience(), this.from());
    } catch (error) {
      const failure = sendFailure(error);
      if (failure !== 'retry') this.clientKey = newClientKey();
      if (failure === 'taken') {
        this.sendError.set('Someone just took that time. Please choose another one.');
        this.selected.set(null);
        void this.load(this.caseId(), this.audience(), this.from());
      } else if (failure === 'joint') {
        this.sendError.set(errorMessage(error));
        this.joint.set({ allowed: false, reason: errorMessage(error) });
        this.audience.set('individual');
      } else {
        this.sendError.set(errorMessage(error));
      }
    } finally {
      this.sending.set(false);
    }
  }

  protected async load(caseId: string, audience: AppointmentAudience, from: string): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const answer = await this.api.slots(caseId, { audience, from });
      // A newer choice may have asked meanwhile: only the answer to the current one counts.
      if (caseId !== this.caseId() || audience !== this.audience() || from !== this.from()) return;
      this.slots.set(answer);
      this.joint.set({ allowed: answer.jointAllowed, reason: answer.jointReason });
      if (audience === 'joint' && !answer.jointAllowed) this.audience.set('individual');
    } catch (error) {
      this.loadError.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
