import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { STAGE_LABELS, type CasePathView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { movedBack, pathSteps, stageName, visitedStages } from '../ui/stage-text';
import { MoveStage, type MoveStageData } from './move-stage';

/**
 * The case page's "Path of repair" card, for the case's counselors: the nine stages with the
 * current one marked, "Move to…" (a stage and a reason), and every move, newest first.
 */
@Component({
  selector: 'mend-case-path',
  imports: [DatePipe, MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule],
  template: `
    <mat-card appearance="outlined" data-testid="case-path">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">route</mat-icon>
        <h2 mat-card-title>Path of repair</h2>
        <mat-card-subtitle
          >Where the case is now. The members see the stage, never your reasons.</mat-card-subtitle
        >
      </mat-card-header>
      <mat-card-content>
        @if (error(); as message) {
          <p class="notice" role="alert">
            <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
            <button mat-button type="button" (click)="load(caseId())">Try again</button>
          </p>
        } @else if (!path()) {
          <mat-progress-bar mode="indeterminate" />
        } @else {
          <div class="columns">
            <ol class="stepper" aria-label="The nine stages of the path of repair">
              @for (step of steps(); track step.stage) {
                <li
                  [class.current]="step.current"
                  [class.visited]="!step.current && visited().has(step.stage)"
                  [attr.aria-current]="step.current ? 'step' : null"
                  data-testid="path-step"
                >
                  <span class="marker" aria-hidden="true">{{ step.number }}</span>
                  <div class="step-text">
                    <span class="name">{{ step.name }}</span>
                    @if (step.current) {
                      <span class="about">{{ step.about }}</span>
                    }
                  </div>
                  @if (step.current) {
                    <span class="chip ok">Now</span>
                  }
                </li>
              }
            </ol>
            <section class="moves" aria-labelledby="path-moves-title">
              <h3 id="path-moves-title">Moves along the path</h3>
              <ol>
                @for (move of path()!.history; track move.id) {
                  <li data-testid="path-move">
                    <p class="what">
                      <span>{{ stageName(move.from) }}</span>
                      <mat-icon class="arrow" aria-hidden="true">arrow_forward</mat-icon>
                      <span class="cdk-visually-hidden">to</span>
                      <strong>{{ labels[move.to] }}</strong>
                      @if (movedBack(move)) {
                        <span class="chip">Back</span>
                      }
                    </p>
                    <p class="reason">{{ move.reason }}</p>
                    <p class="meta">
                      {{ move.changedBy.displayName || 'A former counselor' }} ·
                      <time [attr.datetime]="move.changedAt">{{
                        move.changedAt | date: 'medium'
                      }}</time>
                    </p>
                  </li>
                } @empty {
                  <li class="none">
                    The case has not moved yet. Every case begins at {{ labels.acknowledge }}.
                  </li>
                }
              </ol>
            </section>
          </div>
        }
      </mat-card-content>
      @if (path()) {
        <mat-card-actions>
          @if (open()) {
            <button mat-stroked-button type="button" (click)="move()" data-testid="move-stage">
              <mat-icon>alt_route</mat-icon> Move to…
            </button>
          } @else {
            <span class="muted small">The case is closed, so its path stays where it ended.</span>
          }
        </mat-card-actions>
      }
    </mat-card>
  `,
  styleUrl: './case-path.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CasePath {
  private readonly api = inject(CasesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly caseId = input.required<string>();
  /** Only an open case moves. */
  readonly open = input(true);
  /** After a move, with the new path. */
  readonly moved = output<CasePathView>();

  protected readonly labels = STAGE_LABELS;
  protected readonly stageName = stageName;
  protected readonly movedBack = movedBack;
  protected readonly path = signal<CasePathView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly steps = computed(() => pathSteps(this.path()?.stage ?? 'acknowledge'));
  protected readonly visited = computed(() => {
    const path = this.path();
    return path ? visitedStages(path.stage, path.history) : new Set();
  });

  constructor() {
    effect(() => {
      const id = this.caseId();
      untracked(() => void this.load(id));
    });
  }

  protected move(): void {
    const path = this.path();
    if (!path) return;
    this.dialog
      .open<MoveStage, MoveStageData, CasePathView>(MoveStage, {
        data: { caseId: path.caseId, current: path.stage },
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((moved) => {
        if (!moved) return;
        this.path.set(moved);
        this.moved.emit(moved);
        this.snackBar.open(`The case is now at ${STAGE_LABELS[moved.stage]}.`, 'OK', {
          duration: 4000,
        });
      });
  }

  protected async load(caseId: string): Promise<void> {
    this.error.set(null);
    try {
      this.path.set(await this.api.path(caseId));
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
