import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AuthStore } from '@mend/auth/data-access';
import {
  DEFAULT_PAGE_SIZE,
  ROLE_LABELS,
  ROLES,
  USER_STATUSES,
  type InvitationSent,
  type Page,
  type Role,
  type UserStatus,
  type UserSummary,
} from '@mend/shared/contracts';
import { confirmAction, errorMessage } from '@mend/shared/web';
import { PeopleApi, type PeopleQuery } from '../data-access/people-api';
import { InvitePerson, invitationSentText } from '../invite-person/invite-person';
import { initials } from '../ui/case-text';
import { USER_STATUS_BADGE, USER_STATUS_TEXT, USER_STATUS_TONE } from '../ui/people-text';
import {
  DisableCounselor,
  type CounselorDisabled,
  type DisableCounselorData,
} from './disable-counselor';
import { EditName } from './edit-name';
import { NO_MAIL_SERVER, OneTimeLinkDialog, type OneTimeLinkData } from './one-time-link';

/** Admin page: everyone in the clinic, searchable and paginated on the server. */
@Component({
  selector: 'mend-people',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
    MatTooltipModule,
  ],
  templateUrl: './people.html',
  styleUrl: './people.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class People {
  private readonly api = inject(PeopleApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly me = inject(AuthStore).me;
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly statuses = USER_STATUSES;
  protected readonly statusText = USER_STATUS_TEXT;
  protected readonly initials = initials;
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 700px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly columns = computed(() =>
    // On a phone the status goes under the name: "Invitation not accepted" is too wide a column.
    this.narrow() ? ['name', 'actions'] : ['name', 'role', 'status', 'createdAt', 'actions'],
  );
  protected readonly pageSizes = [10, 25, 50, 100];

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly q = signal('');
  protected readonly role = signal<Role | ''>('');
  protected readonly status = signal<UserStatus | ''>('');
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(DEFAULT_PAGE_SIZE);

  protected readonly page = signal<Page<UserSummary> | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  private loadCount = 0;

  constructor() {
    this.search.valueChanges
      .pipe(
        debounceTime(300),
        map((value) => value.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((q) => {
        this.pageIndex.set(0);
        this.q.set(q);
      });
    effect(() => {
      const query: PeopleQuery = {
        q: this.q() || undefined,
        role: this.role() || undefined,
        status: this.status() || undefined,
        page: this.pageIndex() + 1,
        pageSize: this.pageSize(),
      };
      untracked(() => void this.load(query));
    });
  }

  /** Table rows are untyped in templates; these read them typed. */
  protected roleText(person: UserSummary): string {
    return ROLE_LABELS[person.role];
  }

  protected statusLabel(person: UserSummary): string {
    return USER_STATUS_BADGE[person.status];
  }

  protected statusTone(person: UserSummary): string {
    return USER_STATUS_TONE[person.status];
  }

  protected setRole(role: Role | ''): void {
    this.pageIndex.set(0);
    this.role.set(role);
  }

  protected setStatus(status: UserStatus | ''): void {
    this.pageIndex.set(0);
    this.status.set(status);
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }

  protected clearFilters(): void {
    this.search.setValue('');
    this.q.set('');
    this.role.set('');
    this.status.set('');
    this.pageIndex.set(0);
  }

  protected invite(): void {
    this.dialog
      .open<InvitePerson, unknown, InvitationSent>(InvitePerson, { autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((sent) => {
        if (!sent) return;
        // An unmailed invitation's link was shown in the dialog itself.
        this.snackBar.open(invitationSentText(sent), 'OK', { duration: 6000 });
        void this.reload();
      });
  }

  protected async resend(person: UserSummary): Promise<void> {
    try {
      const sent = await this.api.resendInvitation(person.id);
      this.replace(sent.user);
      this.resent(sent);
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    }
  }

  /** A new one-time link to hand over by other means (the earlier ones stop working). */
  protected async copyLink(person: UserSummary): Promise<void> {
    try {
      const link = await this.api.oneTimeLink(person.id);
      this.showLink({
        title:
          link.kind === 'invitation'
            ? `Invitation link for ${person.displayName}`
            : `Password reset link for ${person.displayName}`,
        link: link.link,
        expiresAt: link.expiresAt,
        replacesEarlier: true,
      });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    }
  }

  protected async sendPasswordReset(person: UserSummary): Promise<void> {
    try {
      const { mailed } = await this.api.sendPasswordReset(person.id);
      if (mailed) {
        this.snackBar.open(
          `A password reset link was sent to ${person.email}. It works for 30 minutes.`,
          'OK',
          { duration: 6000 },
        );
        return;
      }
      this.snackBar
        .open('No mail server is configured, so no email was sent.', 'Copy a link instead', {
          duration: 10000,
        })
        .onAction()
        .subscribe(() => void this.copyLink(person));
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    }
  }

  protected editName(person: UserSummary): void {
    this.dialog
      .open<EditName, UserSummary, UserSummary>(EditName, { data: person })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.replace(saved);
        this.snackBar.open('Name saved.', 'OK', { duration: 4000 });
      });
  }

  /** A counselor with open cases chooses who takes them over; anyone else is simply asked. */
  protected async disable(person: UserSummary): Promise<void> {
    if (person.role === 'counselor') {
      try {
        const cases = await this.api.counselorOpenCases(person.id);
        if (cases.length > 0) {
          this.dialog
            .open<DisableCounselor, DisableCounselorData, CounselorDisabled>(DisableCounselor, {
              data: { person, cases },
              autoFocus: 'dialog',
              maxWidth: 'calc(100vw - 32px)',
            })
            .afterClosed()
            .subscribe((done) => done && this.disabled(done));
          return;
        }
      } catch (error) {
        this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
        return;
      }
    }
    const self = person.id === this.me()?.id;
    confirmAction(this.dialog, {
      title: self ? 'Disable your own account?' : `Disable ${person.displayName}’s account?`,
      message: self
        ? 'You are signed out at once and cannot sign in until another admin re-enables your ' +
          'account.'
        : 'They are signed out at once and cannot sign in until an admin re-enables the ' +
          'account. Their cases and records stay as they are.',
      confirm: 'Disable account',
      tone: 'danger',
      action: () => this.api.setStatus(person.id, 'disabled'),
    }).subscribe((user) => user && this.disabled({ user, movedTo: null, leftAlone: 0 }));
  }

  /**
   * For someone who lost their phone and recovery codes: their factors are removed; staff set up
   * a new one at their next sign-in (clients only if they must use one).
   */
  protected resetMfa(person: UserSummary): void {
    confirmAction(this.dialog, {
      title: `Reset ${person.displayName}’s two-step sign-in?`,
      message: [
        'Their authenticator app, passkeys and recovery codes are removed, and they are signed ' +
          'out. ' +
          (person.role === 'client'
            ? 'Unless the clinic requires it of clients, they sign in with their password alone ' +
              'until they turn it on again.'
            : 'They set up a new second step the next time they sign in.'),
        'Do this only once you are sure it is really them asking, for example in person or on a call you made.',
      ],
      confirm: 'Reset two-step sign-in',
      tone: 'danger',
      action: () => this.api.resetMfa(person.id).then(() => true),
    }).subscribe((done) => {
      if (done)
        this.snackBar.open(`${person.displayName}’s two-step sign-in was reset.`, 'OK', {
          duration: 6000,
        });
    });
  }

  protected enable(person: UserSummary): void {
    confirmAction(this.dialog, {
      title: `Re-enable ${person.displayName}’s account?`,
      message: 'They can sign in again with their password.',
      confirm: 'Re-enable account',
      action: () => this.api.setStatus(person.id, 'active'),
    }).subscribe((saved) => {
      if (!saved) return;
      this.replace(saved);
      this.snackBar.open(`${saved.displayName} can sign in again.`, 'OK', { duration: 6000 });
    });
  }

  protected reload(): Promise<void> {
    return this.load({
      q: this.q() || undefined,
      role: this.role() || undefined,
      status: this.status() || undefined,
      page: this.pageIndex() + 1,
      pageSize: this.pageSize(),
    });
  }

  /** After a new invitation link: the link itself when no mail went out. */
  private resent(sent: InvitationSent): void {
    if (sent.mailed) {
      this.snackBar.open(`A new invitation link was sent to ${sent.user.email}.`, 'OK', {
        duration: 6000,
      });
    } else if (sent.link) {
      this.showLink({
        title: `Invitation link for ${sent.user.displayName}`,
        notice: NO_MAIL_SERVER,
        link: sent.link,
        expiresAt: sent.expiresAt,
        replacesEarlier: true,
      });
    } else {
      this.snackBar.open(
        'No mail server is configured, so no email was sent. Use “Copy invitation link”.',
        'OK',
        { duration: 10000 },
      );
    }
  }

  private showLink(data: OneTimeLinkData): void {
    this.dialog.open<OneTimeLinkDialog, OneTimeLinkData>(OneTimeLinkDialog, {
      data,
      autoFocus: '[data-testid=copy-link]',
      maxWidth: 'calc(100vw - 32px)',
    });
  }

  private disabled({ user, movedTo, leftAlone }: CounselorDisabled): void {
    this.replace(user);
    const left =
      leftAlone === 1
        ? ' One case has no counselor now.'
        : leftAlone > 1
          ? ` ${leftAlone} cases have no counselor now.`
          : '';
    this.snackBar.open(
      movedTo
        ? `${user.displayName}’s account is disabled; ${movedTo} took over their open cases.`
        : `${user.displayName}’s account is disabled.${left}`,
      'OK',
      { duration: leftAlone ? 10000 : 6000 },
    );
  }

  private replace(person: UserSummary): void {
    this.page.update(
      (page) =>
        page && { ...page, items: page.items.map((p) => (p.id === person.id ? person : p)) },
    );
  }

  private async load(query: PeopleQuery): Promise<void> {
    const count = ++this.loadCount;
    this.loading.set(true);
    try {
      const page = await this.api.list(query);
      if (count !== this.loadCount) return;
      this.page.set(page);
      this.error.set(null);
    } catch (error) {
      if (count === this.loadCount) this.error.set(errorMessage(error));
    } finally {
      if (count === this.loadCount) this.loading.set(false);
    }
  }
}
