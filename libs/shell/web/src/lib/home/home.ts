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
import { AuthStore } from '@mend/auth/data-access';
import { ROLE_LABELS, type UserSummary } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { InvitePerson } from '../invite-person/invite-person';
import { PeopleApi } from '../people-api';

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
  imports: [DatePipe, MatButtonModule, MatCardModule, MatIconModule],
  templateUrl: './home.html',
  styleUrl: './home.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Home implements OnInit {
  private readonly auth = inject(AuthStore);
  private readonly people = inject(PeopleApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly me = this.auth.me;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly firstName = computed(() => this.me()?.displayName.split(/\s+/)[0] ?? '');
  protected readonly greeting = greeting(new Date().getHours());
  protected readonly today = new Date();
  protected readonly overview = signal<PeopleOverview | null>(null);
  protected readonly overviewError = signal<string | null>(null);

  ngOnInit(): void {
    if (this.auth.role() === 'admin') void this.loadPeople();
  }

  protected invite(): void {
    this.dialog
      .open(InvitePerson, { autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((sent) => {
        if (!sent) return;
        this.snackBar.open(`Invitation sent to ${sent.user.email}.`, 'OK', { duration: 6000 });
        void this.loadPeople();
      });
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
