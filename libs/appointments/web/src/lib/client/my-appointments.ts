import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute } from '@angular/router';
import { CasesApi } from '@mend/caseload/web';
import type { AppointmentView, CaseSummary } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { AppointmentsApi } from '../data-access/appointments-api';
import { RequestAppointment } from '../request/request-appointment';
import { AppointmentItem } from '../ui/appointment-item';
import { whenLabel, zoneLabel } from '../ui/appointment-time';
import { VIEWER_TIME_ZONE } from '../ui/viewer-time-zone';

interface Lists {
  upcoming: AppointmentView[];
  waiting: AppointmentView[];
  past: AppointmentView[];
}

/** How many past appointments show before "Show all". */
const PAST_SHOWN = 5;

/**
 * Client page: the next appointment, requests waiting for an answer (a suggested other time
 * first: it waits for them), asking for a new one, what is coming up and what is past. Only what
 * the server answers for this member: never a partner's individual appointments.
 */
@Component({
  selector: 'mend-my-appointments',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    AppointmentItem,
    RequestAppointment,
  ],
  templateUrl: './my-appointments.html',
  styleUrl: './my-appointments.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyAppointments implements OnInit {
  private readonly api = inject(AppointmentsApi);
  private readonly cases = inject(CasesApi);
  private readonly route = inject(ActivatedRoute);
  private readonly snackBar = inject(MatSnackBar);
  private readonly timeZone = inject(VIEWER_TIME_ZONE);
  protected readonly zone = zoneLabel(this.timeZone);

  protected readonly lists = signal<Lists | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly openCases = signal<CaseSummary[] | null>(null);
  protected readonly caseId = signal<string | null>(null);
  protected readonly casesError = signal<string | null>(null);
  protected readonly showAllPast = signal(false);

  protected readonly next = computed(() => this.lists()?.upcoming[0] ?? null);
  protected readonly later = computed(() => this.lists()?.upcoming.slice(1) ?? []);
  /** A suggested other time waits for the client: those first. */
  protected readonly waiting = computed(() =>
    [...(this.lists()?.waiting ?? [])].sort(
      (a, b) => Number(b.state === 'proposed') - Number(a.state === 'proposed'),
    ),
  );
  protected readonly past = computed(() => {
    const past = this.lists()?.past ?? [];
    return this.showAllPast() ? past : past.slice(0, PAST_SHOWN);
  });
  protected readonly morePast = computed(
    () => (this.lists()?.past.length ?? 0) - this.past().length,
  );

  private readonly requestCard = viewChild<ElementRef<HTMLElement>>('requestCard');

  ngOnInit(): void {
    void this.load();
    void this.loadCases();
  }

  /** Scrolls to the request form and puts the focus on its heading. */
  protected toRequest(): void {
    const card = this.requestCard()?.nativeElement;
    card?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    card?.querySelector<HTMLElement>('#request-title')?.focus({ preventScroll: true });
  }

  protected requested(created: AppointmentView): void {
    this.snackBar.open(
      `Sent. ${created.counselor.displayName.split(' ')[0]} will confirm ${whenLabel(created.startsAt, this.timeZone)} or suggest another time.`,
      'OK',
      { duration: 8000 },
    );
    void this.load();
  }

  protected changed(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      const [upcoming, waiting, past] = await Promise.all([
        this.api.list('upcoming'),
        this.api.list('waiting'),
        this.api.list('past'),
      ]);
      this.lists.set({ upcoming, waiting, past });
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  private async loadCases(): Promise<void> {
    try {
      const open = (await this.cases.list({ status: 'open', pageSize: 20 })).items;
      this.openCases.set(open);
      this.caseId.set(open[0]?.id ?? null);
      if (open.length && this.route.snapshot.fragment === 'request') {
        // Came from "Request an appointment" on the home page.
        setTimeout(() => this.toRequest());
      }
    } catch (error) {
      this.casesError.set(errorMessage(error));
    }
  }
}
