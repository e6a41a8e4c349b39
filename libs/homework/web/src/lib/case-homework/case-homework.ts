import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  STAGE_LABELS,
  type AssignmentView,
  type CaseDetail,
  type HomeworkPage,
} from '@mend/shared/contracts';
import { confirmAction, errorMessage } from '@mend/shared/web';
import { HomeworkApi } from '../data-access/homework-api';
import { HomeworkList } from '../ui/homework-list';
import { scheduleText, targetText } from '../ui/homework-text';
import { AssignExercise, type AssignExerciseData } from './assign-exercise';

const PAGE_SIZE = 10;

/**
 * The case page's "Homework" tab (counselors): assign an exercise, the case's assignments with
 * a way to stop repeating ones or withdraw one given by mistake, and every piece of homework of
 * the case with its status.
 */
@Component({
  selector: 'mend-case-homework',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTooltipModule,
    HomeworkList,
  ],
  templateUrl: './case-homework.html',
  styleUrl: './case-homework.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseHomework {
  private readonly api = inject(HomeworkApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** The case, as the case page loaded it. */
  readonly detail = input.required<CaseDetail>();

  protected readonly stageLabels = STAGE_LABELS;
  protected readonly targetText = targetText;
  protected readonly scheduleText = scheduleText;
  protected readonly assignments = signal<AssignmentView[] | null>(null);
  protected readonly homework = signal<HomeworkPage | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly open = computed(() => this.detail().status === 'open');
  protected readonly active = computed(() => (this.assignments() ?? []).filter((a) => a.active));
  protected readonly stopped = computed(() => (this.assignments() ?? []).filter((a) => !a.active));
  protected readonly showStopped = signal(false);
  private page = 1;

  constructor() {
    effect(() => {
      const id = this.detail().id;
      untracked(() => void this.load(id));
    });
  }

  protected assign(): void {
    const d = this.detail();
    this.dialog
      .open<AssignExercise, AssignExerciseData, AssignmentView>(AssignExercise, {
        data: { caseId: d.id, members: d.members },
        autoFocus: 'first-tabbable',
        maxWidth: '96vw',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.snackBar.open(`${saved.exercise.title} assigned.`, 'OK', { duration: 4000 });
        this.page = 1;
        void this.load(d.id);
      });
  }

  protected stop(a: AssignmentView): void {
    confirmAction(this.dialog, {
      title: `Stop “${a.exercise.title}”?`,
      message: [
        'No further homework is created for it. Homework already given stays, with its answers.',
      ],
      confirm: 'Stop assignment',
      tone: 'danger',
      action: () => this.api.stopAssignment(a.id),
    }).subscribe((saved) => {
      if (!saved) return;
      this.assignments.update((list) => (list ?? []).map((x) => (x.id === saved.id ? saved : x)));
      this.snackBar.open('Assignment stopped.', 'OK', { duration: 4000 });
    });
  }

  /**
   * Withdraws an assignment given by mistake, with the homework it created; the server refuses
   * (and the dialog says why) once a member has written in it.
   */
  protected withdraw(a: AssignmentView): void {
    confirmAction(this.dialog, {
      title: `Withdraw “${a.exercise.title}”?`,
      message: [
        `It disappears from ${a.members.length === 1 ? `${a.members[0].displayName}’s` : 'the members’'} homework, with every piece of homework it created, as if it had never been assigned.`,
        'This is only possible while nobody has written in it; after that, stop its repeats instead.',
      ],
      confirm: 'Withdraw',
      tone: 'danger',
      action: () => this.api.withdrawAssignment(a.id).then(() => true),
    }).subscribe((done) => {
      if (!done) return;
      this.snackBar.open(`${a.exercise.title} withdrawn.`, 'OK', { duration: 4000 });
      this.page = 1;
      void this.load(this.detail().id);
    });
  }

  protected go(event: PageEvent): void {
    this.page = event.pageIndex + 1;
    void this.load(this.detail().id, { assignments: false });
  }

  protected reload(): void {
    void this.load(this.detail().id);
  }

  /** The case's homework at `page`, and its assignments unless only the page changed. */
  private async load(caseId: string, { assignments = true } = {}): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const [list, homework] = await Promise.all([
        assignments ? this.api.assignments(caseId) : null,
        this.api.caseHomework(caseId, { page: this.page, pageSize: PAGE_SIZE }),
      ]);
      if (list) this.assignments.set(list);
      this.homework.set(homework);
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
