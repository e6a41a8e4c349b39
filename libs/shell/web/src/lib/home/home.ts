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
  NO_MAIL_SERVER,
  OneTimeLinkDialog,
  type OneTimeLinkData,
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
import { NotesApi, noteState, sessionWhen } from '@mend/notes/web';
import { MessageCountsCard } from '@mend/messages/web';
import { MailOverview } from '@mend/notifications/web';
import { AlertsPanel, MySafety, SafetyOverview } from '@mend/safety/web';
import { NextAppointmentCard } from '@mend/appointments/web';

/** How many homework items the home page lists. */
const NEXT_ITEMS = 3;
/** How many notes to sign, upcoming sessions, invitations and new people the cards list. */
const TO_SIGN_ITEMS = 3;
const UPCOMING_ITEMS = 2;
const PEOPLE_ITEMS = 3;

interface PeopleOverview {
  counselors: number;
  clients: number;
  /** Invitations not accepted yet: the most recently sent first, and how many in all. */
  invitations: UserSummary[];
  invited: number;
  /** Active people but the admin looking, the most recently added first. */
  recent: UserSummary[];
}

/**
 * "today", "yesterday", "3 days ago", then the date ("Nov 28"; with the year when it is another
 * one's): when an invitation went out or a person was added.
 */
export function daysAgo(iso: string, now = new Date()): string {
  const then = new Date(iso);
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(now) - day(then)) / 86_400_000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return then.toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    ...(then.getFullYear() !== now.getFullYear() && { year: 'numeric' }),
  });
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
    AlertsPanel,
    MySafety,
    SafetyOverview,
    NextAppointmentCard,
    MessageCountsCard,
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
  protected readonly daysAgo = daysAgo;
  protected readonly sessionWhen = sessionWhen;
  protected readonly noteState = noteState;
  /** Admin: the invitation being sent again. */
  protected readonly resending = signal<string | null>(null);
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
  /**
   * Counselor: the notes to sign (past sessions whose note is missing or a draft, oldest first)
   * and, apart, the next sessions.
   */
  protected readonly sessions = signal<{ toSign: SessionPage; upcoming: SessionPage } | null>(null);
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

  /** A new invitation link for someone who has not accepted yet (mailed, or shown to hand over). */
  protected async resend(person: UserSummary): Promise<void> {
    this.resending.set(person.id);
    try {
      const sent = await this.people.resendInvitation(person.id);
      if (sent.mailed) {
        this.snackBar.open(`A new invitation link was sent to ${sent.user.email}.`, 'OK', {
          duration: 6000,
        });
      } else if (sent.link) {
        this.dialog.open<OneTimeLinkDialog, OneTimeLinkData>(OneTimeLinkDialog, {
          data: {
            title: `Invitation link for ${sent.user.displayName}`,
            notice: NO_MAIL_SERVER,
            link: sent.link,
            expiresAt: sent.expiresAt,
            replacesEarlier: true,
          },
          autoFocus: '[data-testid=copy-link]',
          maxWidth: 'calc(100vw - 32px)',
        });
      }
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    } finally {
      this.resending.set(null);
    }
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
      const [toSign, upcoming] = await Promise.all([
        this.notes.sessions('unsigned', { pageSize: TO_SIGN_ITEMS }),
        this.notes.sessions('upcoming', { pageSize: UPCOMING_ITEMS }),
      ]);
      this.sessions.set({ toSign, upcoming });
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
        this.people.list({ status: 'invited', sort: 'newest', pageSize: PEOPLE_ITEMS }),
        // One more than shown: the admin looking is left out.
        this.people.list({ status: 'active', sort: 'newest', pageSize: PEOPLE_ITEMS + 1 }),
      ]);
      this.overview.set({
        counselors: counselors.total,
        clients: clients.total,
        invitations: invited.items,
        invited: invited.total,
        recent: recent.items.filter((p) => p.id !== this.me()?.id).slice(0, PEOPLE_ITEMS),
      });
    } catch (error) {
      this.overviewError.set(errorMessage(error));
    }
  }
}
