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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
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
import { Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import { AuthStore } from '@mend/auth/data-access';
import {
  AUDIENCE_LABELS,
  AUDIENCES,
  STAGE_LABELS,
  STAGES,
  type Audience,
  type ExercisePage,
  type ExerciseSummary,
  type Stage,
} from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import {
  ExercisesApi,
  type ExercisesQuery,
  type ExerciseStatusFilter,
} from '../data-access/exercises-api';
import { audienceText, authorText, isMeasure, MEASURE_LABEL } from '../ui/exercise-text';

const STATUS_FILTERS: ExerciseStatusFilter[] = ['active', 'archived', 'all'];
const STATUS_TEXT: Record<ExerciseStatusFilter, string> = {
  active: 'In use',
  archived: 'Archived',
  all: 'All',
};
export const LIBRARY_PAGE_SIZE = 50;

export interface StageGroup {
  /** A stage of repair, or `measure` for the scored measures (which belong to no stage). */
  stage: Stage | 'measure';
  label: string;
  items: ExerciseSummary[];
}

/** The page's exercises under their stage of repair, in the order of the path; then measures. */
export function groupByStage(items: ExerciseSummary[]): StageGroup[] {
  const exercises = items.filter((e) => !isMeasure(e));
  const groups: StageGroup[] = STAGES.map((stage) => ({
    stage,
    label: STAGE_LABELS[stage],
    items: exercises.filter((e) => e.stage === stage),
  }));
  groups.push({ stage: 'measure', label: 'Measures', items: items.filter(isMeasure) });
  return groups.filter((g) => g.items.length > 0);
}

/**
 * The clinic's exercise library for counselors: the built-ins and the clinic's own, grouped by
 * stage of repair. Filters live in the address (`/exercises?stage=transparency&mine=true`).
 */
@Component({
  selector: 'mend-exercise-library',
  imports: [
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
  ],
  templateUrl: './exercise-library.html',
  styleUrl: './exercise-library.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExerciseLibrary implements OnInit {
  private readonly api = inject(ExercisesApi);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthStore);

  /** Query parameters, bound by the router. */
  readonly stage = input<string>();
  readonly audience = input<string>();
  readonly q = input<string>();
  readonly status = input<string>();
  readonly mine = input<string>();
  readonly page = input<string>();

  protected readonly stages = STAGES;
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly audiences = AUDIENCES;
  protected readonly audienceLabels = AUDIENCE_LABELS;
  protected readonly statusFilters = STATUS_FILTERS;
  protected readonly statusText = STATUS_TEXT;
  protected readonly audienceText = audienceText;
  protected readonly isMeasure = isMeasure;
  protected readonly measureLabel = MEASURE_LABEL;
  protected readonly pageSizes = [25, 50, 100];

  protected readonly query = computed(() => {
    const stage = this.stage();
    const audience = this.audience();
    const status = this.status();
    const page = Number(this.page());
    return {
      stage: STAGES.includes(stage as Stage) ? (stage as Stage) : undefined,
      audience: AUDIENCES.includes(audience as Audience) ? (audience as Audience) : undefined,
      q: this.q()?.trim() || undefined,
      status: STATUS_FILTERS.includes(status as ExerciseStatusFilter)
        ? (status as ExerciseStatusFilter)
        : 'active',
      mine: this.mine() === 'true',
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: this.pageSize(),
    } satisfies ExercisesQuery;
  });
  protected readonly filtered = computed(() => {
    const q = this.query();
    return !!q.stage || !!q.audience || !!q.q || q.mine || q.status !== 'active';
  });

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly pageSize = signal(LIBRARY_PAGE_SIZE);
  protected readonly result = signal<ExercisePage | null>(null);
  protected readonly groups = computed(() => groupByStage(this.result()?.items ?? []));
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
  }

  protected author(exercise: ExerciseSummary): string {
    return authorText(exercise, this.auth.me()?.id);
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

  protected retry(): void {
    void this.load(this.query());
  }

  private async load(query: ExercisesQuery): Promise<void> {
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
