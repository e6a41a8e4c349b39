import { HttpErrorResponse } from '@angular/common/http';
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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import {
  AUDIENCE_LABELS,
  STAGE_LABELS,
  type Answers,
  type ExerciseDetail,
} from '@mend/shared/contracts';
import { confirmAction, errorMessage } from '@mend/shared/web';
import { ExercisesApi } from '../data-access/exercises-api';
import { ExerciseForm } from '../exercise-form/exercise-form';
import {
  authorText,
  isMeasure,
  MEASURE_LABEL,
  PREVIEW_CRISIS_TEXT,
  PREVIEW_MEMBERS,
  RECURRENCE_LABELS,
} from '../ui/exercise-text';

/**
 * One exercise of the library (`/exercises/:id`, `?version=2` for an earlier version): what it
 * is for, and a working preview of what the client sees. Any counselor can copy it to adapt it;
 * its author edits, archives and restores it.
 */
@Component({
  selector: 'mend-exercise-view',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
    ExerciseForm,
  ],
  templateUrl: './exercise-view.html',
  styleUrl: './exercise-view.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExerciseView {
  private readonly api = inject(ExercisesApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** The route's `:id`, bound by the router. */
  readonly id = input.required<string>();
  /** `?version=`: an earlier version to show instead of the current one. */
  readonly version = input<string>();

  protected readonly stageLabels = STAGE_LABELS;
  protected readonly audienceLabels = AUDIENCE_LABELS;
  protected readonly recurrenceLabels = RECURRENCE_LABELS;
  protected readonly measureLabel = MEASURE_LABEL;
  protected readonly isMeasure = isMeasure;
  protected readonly previewCrisisText = PREVIEW_CRISIS_TEXT;
  protected readonly previewMembers = PREVIEW_MEMBERS;

  /** The current version (its actions, its version list). */
  protected readonly current = signal<ExerciseDetail | null>(null);
  /** What is shown: the current version or the one asked for. */
  protected readonly shown = signal<ExerciseDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly notFound = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly previewAnswers = signal<Answers>({});

  protected readonly versions = computed(() => {
    const count = this.current()?.version ?? 0;
    return Array.from({ length: count }, (_, i) => count - i);
  });
  protected readonly older = computed(() => {
    const shown = this.shown();
    const current = this.current();
    return !!shown && !!current && shown.version !== current.version;
  });
  protected readonly author = computed(() => {
    const d = this.current();
    return d ? authorText(d, this.auth.me()?.id) : '';
  });

  constructor() {
    effect(() => {
      const id = this.id();
      const version = Number(this.version());
      untracked(
        () => void this.load(id, Number.isInteger(version) && version > 0 ? version : null),
      );
    });
  }

  protected showVersion(version: number): void {
    const latest = version === this.current()?.version;
    void this.router.navigate([], {
      queryParams: { version: latest ? null : version },
      queryParamsHandling: 'merge',
    });
  }

  protected reload(): void {
    const version = Number(this.version());
    void this.load(this.id(), Number.isInteger(version) && version > 0 ? version : null);
  }

  protected clearPreview(): void {
    this.previewAnswers.set({});
  }

  protected async copy(detail: ExerciseDetail): Promise<void> {
    this.busy.set(true);
    try {
      const copy = await this.api.copy(detail.id);
      this.snackBar.open('Your copy is in the library. Adapt it, then save.', 'OK', {
        duration: 5000,
      });
      void this.router.navigate(['/exercises', copy.id, 'edit']);
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    } finally {
      this.busy.set(false);
    }
  }

  protected archive(detail: ExerciseDetail): void {
    confirmAction(this.dialog, {
      title: `Archive “${detail.title}”?`,
      message:
        'It leaves the library, so it can no longer be assigned. Homework already assigned ' +
        'with it is not affected, and you can restore it at any time.',
      confirm: 'Archive',
      action: () => this.api.archive(detail.id),
    }).subscribe((saved) => saved && this.changed(saved, 'The exercise is archived.'));
  }

  protected async restore(detail: ExerciseDetail): Promise<void> {
    this.busy.set(true);
    try {
      this.changed(await this.api.restore(detail.id), 'The exercise is back in the library.');
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    } finally {
      this.busy.set(false);
    }
  }

  private changed(detail: ExerciseDetail, message: string): void {
    this.current.set(detail);
    if (!this.older()) this.shown.set(detail);
    else this.shown.update((shown) => (shown ? { ...shown, status: detail.status } : shown));
    this.snackBar.open(message, 'OK', { duration: 4000 });
  }

  /** An earlier version; the current one (and a word why) when there is no such version. */
  private async versionOrLatest(latest: ExerciseDetail, version: number): Promise<ExerciseDetail> {
    try {
      return await this.api.getVersion(latest.id, version);
    } catch (error) {
      if (!(error instanceof HttpErrorResponse) || error.status !== 404) throw error;
      this.snackBar.open(`There is no version ${version}; this is the current one.`, 'OK', {
        duration: 6000,
      });
      return latest;
    }
  }

  private async load(id: string, version: number | null): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const current = this.current()?.id === id ? this.current() : null;
      const latest = current ?? (await this.api.get(id));
      this.current.set(latest);
      this.shown.set(
        version && version !== latest.version
          ? await this.versionOrLatest(latest, version)
          : latest,
      );
      this.previewAnswers.set({});
      this.notFound.set(false);
    } catch (error) {
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400)) {
        this.notFound.set(true);
        this.shown.set(null);
      } else {
        this.error.set(errorMessage(error));
      }
    } finally {
      this.loading.set(false);
    }
  }
}
