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
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { CaseDetail, ProgressView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { HomeworkApi } from '../data-access/homework-api';
import { TrendChart } from './trend-chart';

/** The case page's "Progress" tab: every member's 0–10 answers side by side (counselors). */
@Component({
  selector: 'mend-case-progress',
  imports: [MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule, TrendChart],
  template: `
    <div class="tab-body">
      @if (error(); as message) {
        <p class="notice" role="alert">
          <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          <button mat-button type="button" (click)="load(detail().id)">Try again</button>
        </p>
      } @else if (!progress()) {
        <mat-progress-bar mode="indeterminate" />
      } @else if (hasPoints()) {
        <mat-card appearance="outlined">
          <mat-card-header>
            <mat-icon matCardAvatar aria-hidden="true">show_chart</mat-icon>
            <mat-card-title>Progress side by side</mat-card-title>
            <mat-card-subtitle
              >Each member’s 0–10 answers over time; the shaded band is the gap between
              them</mat-card-subtitle
            >
          </mat-card-header>
          <mat-card-content>
            <mend-trend-chart [series]="progress()!.series" />
          </mat-card-content>
        </mat-card>
      } @else {
        <mat-card appearance="outlined">
          <div class="empty">
            <mat-icon aria-hidden="true">show_chart</mat-icon>
            <h2>No answers to draw yet</h2>
            <p>
              Assign the trust thermometer (or any exercise with a 0–10 scale) weekly; each member's
              submitted answers are drawn here side by side.
            </p>
          </div>
        </mat-card>
      }
    </div>
  `,
  styleUrl: './progress-page.scss',
  styles: `
    .tab-body {
      padding-top: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseProgress {
  private readonly api = inject(HomeworkApi);

  /** The case, as the case page loaded it. */
  readonly detail = input.required<CaseDetail>();

  protected readonly progress = signal<ProgressView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly hasPoints = computed(
    () => this.progress()?.series.some((s) => s.points.length > 0) ?? false,
  );

  constructor() {
    effect(() => {
      const id = this.detail().id;
      untracked(() => void this.load(id));
    });
  }

  protected async load(caseId: string): Promise<void> {
    this.error.set(null);
    try {
      this.progress.set(await this.api.caseProgress(caseId));
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
