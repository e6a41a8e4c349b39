import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  OnInit,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AuthStore } from '@mend/auth/data-access';
import {
  CASE_TYPE_LABELS,
  DEFAULT_PAGE_SIZE,
  type CasePage,
  type CaseSummary,
  type UserSummary,
} from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { CasesApi, type CasesQuery, type CaseStatusFilter } from '../data-access/cases-api';
import { PeopleApi } from '../data-access/people-api';
import { caseStatusText, counselorRoleText, memberNames, primaryCounselor } from '../ui/case-text';

const STATUS_FILTERS: CaseStatusFilter[] = ['open', 'closed', 'all'];

/**
 * The cases the signed-in user may see. Admins get the whole clinic with counselor and
 * "unassigned" filters; counselors get their caseload (the server scopes the list). Filters
 * live in the address so the overview can link to `/cases?unassigned=true`.
 */
@Component({
  selector: 'mend-case-list',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTableModule,
  ],
  templateUrl: './case-list.html',
  styleUrl: './case-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseList implements OnInit {
  private readonly api = inject(CasesApi);
  private readonly people = inject(PeopleApi);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthStore);

  /** Query parameters, bound by the router. */
  readonly status = input<string>();
  readonly q = input<string>();
  readonly counselorId = input<string>();
  readonly unassigned = input<string>();
  readonly page = input<string>();

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly myId = computed(() => this.auth.me()?.id);
  protected readonly statusFilters = STATUS_FILTERS;
  protected readonly memberNames = memberNames;
  protected readonly primaryCounselor = primaryCounselor;
  protected readonly caseStatusText = caseStatusText;
  protected readonly pageSizes = [10, 25, 50, 100];
  /** On a phone the members move under the title and only the status stays beside it. */
  protected readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 700px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly columns = computed(() => {
    if (this.narrow()) return ['title', 'status'];
    return this.isAdmin()
      ? ['title', 'members', 'primary', 'startedOn', 'status']
      : ['title', 'members', 'role', 'startedOn', 'status'];
  });

  protected readonly query = computed(() => {
    const status = this.status();
    const page = Number(this.page());
    return {
      status: STATUS_FILTERS.includes(status as CaseStatusFilter)
        ? (status as CaseStatusFilter)
        : 'open',
      q: this.q()?.trim() || undefined,
      counselorId: this.isAdmin() ? this.counselorId() || undefined : undefined,
      unassigned: this.isAdmin() && this.unassigned() === 'true',
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: this.pageSize(),
    } satisfies CasesQuery;
  });
  /** Only "unassigned" is on, and nothing matched: good news, said as such. */
  protected readonly allAssigned = computed(() => {
    const q = this.query();
    return q.unassigned && q.status === 'open' && !q.q && !q.counselorId;
  });
  protected readonly filtered = computed(() => {
    const q = this.query();
    return q.status !== 'open' || !!q.q || !!q.counselorId || q.unassigned;
  });

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly pageSize = signal(DEFAULT_PAGE_SIZE);
  protected readonly result = signal<CasePage | null>(null);
  protected readonly counselors = signal<UserSummary[]>([]);
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
      .subscribe((q) => this.setFilters({ q: q || null }));
    effect(() => {
      const query = this.query();
      untracked(() => void this.load(query));
    });
  }

  ngOnInit(): void {
    this.search.setValue(this.q() ?? '', { emitEvent: false });
    if (this.isAdmin()) void this.loadCounselors();
  }

  protected typeText(summary: CaseSummary): string {
    return CASE_TYPE_LABELS[summary.type];
  }

  protected counselorRole(summary: CaseSummary): string {
    const mine = summary.counselors.find((c) => c.userId === this.myId());
    return mine ? counselorRoleText(mine.role) : '';
  }

  protected setFilters(changes: Record<string, string | null>): void {
    void this.router.navigate([], {
      queryParams: { ...changes, page: null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    void this.router.navigate([], {
      queryParams: { page: event.pageIndex > 0 ? event.pageIndex + 1 : null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected open(summary: CaseSummary): void {
    void this.router.navigate(['/cases', summary.id]);
  }

  private async loadCounselors(): Promise<void> {
    try {
      this.counselors.set((await this.people.list({ role: 'counselor', pageSize: 100 })).items);
    } catch {
      // The filter stays empty; the list itself still works.
    }
  }

  private async load(query: CasesQuery): Promise<void> {
    const count = ++this.loadCount;
    this.loading.set(true);
    try {
      const result = await this.api.list(query);
      if (count !== this.loadCount) return;
      this.result.set(result);
      this.error.set(null);
    } catch (error) {
      if (count === this.loadCount) this.error.set(errorMessage(error));
    } finally {
      if (count === this.loadCount) this.loading.set(false);
    }
  }
}
