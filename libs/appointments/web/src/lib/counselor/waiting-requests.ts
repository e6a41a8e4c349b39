import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { AppointmentView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { AppointmentsApi } from '../data-access/appointments-api';
import { AppointmentItem } from '../ui/appointment-item';

/**
 * Counselor: the "Requests waiting" section (top of the Sessions page, and of their appointments
 * page): each request with the member(s), the case, the time asked for and the note, to accept,
 * answer with another time, or decline with a reason. Times the counselor suggested wait below
 * for the client's answer. Links to the counselor's appointments and availability.
 */
@Component({
  selector: 'mend-waiting-requests',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    AppointmentItem,
  ],
  templateUrl: './waiting-requests.html',
  styleUrl: './waiting-requests.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WaitingRequests implements OnInit {
  private readonly api = inject(AppointmentsApi);

  /** Called after an answer that adds or moves a session (the Sessions page reloads its list). */
  readonly sessionsChanged = input<(() => void) | undefined>(undefined);
  /**
   * Whether to link to the appointments page and the availability (on the Sessions page; the
   * appointments page links to the availability in its own header).
   */
  readonly linkAppointments = input(true);

  protected readonly waiting = signal<AppointmentView[] | null>(null);
  protected readonly error = signal<string | null>(null);
  /** Whether the counselor has no weekly times yet (clients then see none to ask for). */
  protected readonly noAvailability = signal(false);

  protected readonly requests = computed(() =>
    (this.waiting() ?? []).filter((a) => a.state === 'requested'),
  );
  protected readonly proposed = computed(() =>
    (this.waiting() ?? []).filter((a) => a.state === 'proposed'),
  );

  ngOnInit(): void {
    void this.load();
    void this.api.availability().then(
      (availability) =>
        this.noAvailability.set(!availability.rules.length && !availability.exceptions.length),
      () => this.noAvailability.set(false),
    );
  }

  protected changed(after: AppointmentView): void {
    if (after.state === 'accepted') this.sessionsChanged()?.();
    void this.load();
  }

  async load(): Promise<void> {
    this.error.set(null);
    try {
      this.waiting.set(await this.api.list('waiting'));
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
