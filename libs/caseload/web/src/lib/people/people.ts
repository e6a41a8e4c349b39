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
  type Page,
  type Role,
  type UserStatus,
  type UserSummary,
} from '@mend/shared/contracts';
import { confirmAction, errorMessage } from '@mend/shared/web';
import { PeopleApi, type PeopleQuery } from '../data-access/people-api';
import { InvitePerson } from '../invite-person/invite-person';
import { initials } from '../ui/case-text';
import { USER_STATUS_TEXT, USER_STATUS_TONE } from '../ui/people-text';
import { EditName } from './edit-name';

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
  private readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 700px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly columns = computed(() =>
    this.narrow()
      ? ['name', 'status', 'actions']
      : ['name', 'role', 'status', 'createdAt', 'actions'],
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
    return USER_STATUS_TEXT[person.status];
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
      .open(InvitePerson, { autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((sent) => {
        if (!sent) return;
        this.snackBar.open(`Invitation sent to ${sent.user.email}.`, 'OK', { duration: 6000 });
        void this.reload();
      });
  }

  protected async resend(person: UserSummary): Promise<void> {
    try {
      const sent = await this.api.resendInvitation(person.id);
      this.replace(sent.user);
      this.snackBar.open(`A new invitation link was sent to ${person.email}.`, 'OK', {
        duration: 6000,
      });
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

  protected disable(person: UserSummary): void {
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
    }).subscribe((saved) => {
      if (!saved) return;
      this.replace(saved);
      this.snackBar.open(`${saved.displayName}’s account is disabled.`, 'OK', { duration: 6000 });
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
