import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import { ClinicSecurityCard } from '@mend/auth/web';
import {
  CasesApi,
  InvitePerson,
  invitationSentText,
  memberNames,
  PeopleApi,
  primaryCounselor,
} from '@mend/caseload/web';
import {
  CASE_TYPE_LABELS,
  ROLE_LABELS,
  type CaseloadOverview,
  type CasePage,
  type CaseSummary,
  type HomeworkPage,
  type HomeworkSummary,
  type SessionPage,
  type UserSummary,
} from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { HomeworkApi, HomeworkList } from '@mend/homework/web';
import { NotesApi, SessionList } from '@mend/notes/web';
import { MailOverview } from '@mend/notifications/web';
import { AlertsPanel, MySafety, SafetyOverview } from '@mend/safety/web';

/** How many homework items the home page lists. */
const NEXT_ITEMS = 3;

interface PeopleOverview {
  counselors: number;
  clients: number;
  invited: number;
  recent: UserSummary[];
}

export function greeting(hour: number): string {
  if (hour < 5) return 'Good evening';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

/** The first page after sign-in: a greeting and the sections of the user's role. */
@Component({
  selector: 'mend-home',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    HomeworkList,
    SessionList,
    AlertsPanel,
    MySafety,
    SafetyOverview,
    MailOverview,
    ClinicSecurityCard,
  ],
  templateUrl: './home.html',
  styleUrl: './home.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Home implements OnInit {
  private readonly auth = inject(AuthStore);
  private readonly people = inject(PeopleApi);
  private readonly cases = inject(CasesApi);
  private readonly homework = inject(HomeworkApi);
  private readonly notes = inject(NotesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly me = this.auth.me;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly firstName = computed(() => this.me()?.displayName.split(/\s+/)[0] ?? '');
  protected readonly greeting = greeting(new Date().getHours());
  protected readonly today = new Date();
  protected readonly overview = signal<PeopleOverview | null>(null);
  protected readonly overviewError = signal<string | null>(null);
  protected readonly typeLabels = CASE_TYPE_LABELS;
  protected readonly memberNames = memberNames;
  protected readonly primaryCounselor = primaryCounselor;
  /** Admin: open and unassigned cases, open cases per counselor. */
  protected readonly caseload = signal<CaseloadOverview | null>(null);
  protected readonly busiest = computed(() => {
    const loads = [...(this.caseload()?.counselors ?? [])].sort(
      (a, b) => b.openCases - a.openCases,
    );
    const max = Math.max(1, ...loads.map((l) => l.openCases));
    return loads.slice(0, 4).map((load) => ({ load, width: (load.openCases / max) * 100 }));
  });
  /** Counselor: the first cases of their caseload; client: their own cases. */
  protected readonly myCases = signal<CasePage | null>(null);
  protected readonly casesError = signal<string | null>(null);
  /** Client: the counselors of their open cases, each once (primary wins over co). */
  protected readonly myCounselors = computed(() => {
    const byId = new Map<string, { name: string; primary: boolean }>();
    for (const c of this.myCases()?.items ?? []) {
      for (const k of c.counselors) {
        const known = byId.get(k.userId);
        byId.set(k.userId, {
          name: k.displayName,
          primary: (known?.primary ?? false) || k.role === 'primary',
        });
      }
    }
    return [...byId.entries()].map(([id, k]) => ({ id, ...k }));
  });

  /** Client: overdue homework first, then what is due soonest. */
  protected readonly nextHomework = signal<{ items: HomeworkSummary[]; more: number } | null>(null);
  /** Counselor: the first items of the review inbox. */
  protected readonly inbox = signal<HomeworkPage | null>(null);
  protected readonly homeworkError = signal<string | null>(null);
  /** Counselor: the next sessions and how many past ones still need a signed note. */
  protected readonly sessions = signal<{ upcoming: SessionPage; unsigned: number } | null>(null);
  protected readonly sessionsError = signal<string | null>(null);

  ngOnInit(): void {
    const role = this.auth.role();
    if (role === 'admin') {
      void this.loadPeople();
      void this.loadCaseload();
    } else if (role) {
      void this.loadMyCases();
      void (role === 'client' ? this.loadNextHomework() : this.loadInbox());
      if (role === 'counselor') void this.loadSessions();
    }
  }

  protected invite(): void {
    this.dialog
      .open(InvitePerson, { autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((sent) => {
        if (!sent) return;
        this.snackBar.open(invitationSentText(sent), 'OK', { duration: 6000 });
        void this.loadPeople();
      });
  }

  protected caseMembers(summary: CaseSummary): string {
    return memberNames(summary) || 'No members yet';
  }

  private async loadCaseload(): Promise<void> {
    try {
      this.caseload.set(await this.cases.overview());
    } catch (error) {
      this.casesError.set(errorMessage(error));
    }
  }

  private async loadNextHomework(): Promise<void> {
    try {
      const [overdue, due] = await Promise.all([
        this.homework.mine('overdue', { pageSize: NEXT_ITEMS }),
        this.homework.mine('due', { pageSize: NEXT_ITEMS }),
      ]);
      const items = [...overdue.items, ...due.items].slice(0, NEXT_ITEMS);
      this.nextHomework.set({ items, more: overdue.total + due.total - items.length });
    } catch (error) {
      this.homeworkError.set(errorMessage(error));
    }
  }

  private async loadInbox(): Promise<void> {
    try {
      this.inbox.set(await this.homework.inbox({ pageSize: NEXT_ITEMS }));
    } catch (error) {
      this.homeworkError.set(errorMessage(error));
    }
  }

  private async loadSessions(): Promise<void> {
    try {
      const [upcoming, unsigned] = await Promise.all([
        this.notes.sessions('upcoming', { pageSize: NEXT_ITEMS }),
        this.notes.sessions('unsigned', { pageSize: 1 }),
      ]);
      this.sessions.set({ upcoming, unsigned: unsigned.total });
    } catch (error) {
      this.sessionsError.set(errorMessage(error));
    }
  }

  private async loadMyCases(): Promise<void> {
    try {
      this.myCases.set(await this.cases.list({ status: 'open', pageSize: 5 }));
    } catch (error) {
      this.casesError.set(errorMessage(error));
    }
  }

  private async loadPeople(): Promise<void> {
    try {
      const [counselors, clients, invited, recent] = await Promise.all([
        this.people.list({ role: 'counselor', status: 'active', pageSize: 1 }),
        this.people.list({ role: 'client', status: 'active', pageSize: 1 }),
        this.people.list({ status: 'invited', pageSize: 1 }),
        this.people.list({ pageSize: 6 }),
      ]);
      this.overview.set({
        counselors: counselors.total,
        clients: clients.total,
        invited: invited.total,
        recent: recent.items,
      });
    } catch (error) {
      this.overviewError.set(errorMessage(error));
    }
  }
}
