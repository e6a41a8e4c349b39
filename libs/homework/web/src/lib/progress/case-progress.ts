import { DatePipe, NgTemplateOutlet } from '@angular/common';
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
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CasesApi } from '@mend/caseload/web';
import type { CaseDetail, CasePathView, ProgressView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { HomeworkApi } from '../data-access/homework-api';
import { GapFlags } from './gap-flags';
import { MeasureChart } from './measure-chart';
import { stageMarkers } from './stage-markers';
import { TrendChart } from './trend-chart';

/**
 * The case page's "Progress" tab: every member's 0–10 answers side by side (counselors), with
 * the case's moves on the path of repair marked on the time axis and listed under the chart.
 */
@Component({
  selector: 'mend-case-progress',
  imports: [
    DatePipe,
    NgTemplateOutlet,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    MatFormFieldModule,
    MatSelectModule,
    GapFlags,
    MeasureChart,
    TrendChart,
  ],
  template: `
    <div class="tab-body">
      @if (progress(); as p) {
        <mend-gap-flags [flags]="p.flags" />
        @if (p.gapThreshold) {
          <div class="threshold">
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>Flag when partners are this far apart</mat-label>
              <mat-select
                [value]="p.gapThreshold"
                (valueChange)="setThreshold($event)"
                data-testid="gap-threshold"
              >
                @for (n of points; track n) {
                  <mat-option [value]="n">{{ n }} {{ n === 1 ? 'point' : 'points' }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <span class="hint"
              >on the same question (0–10); a safety reading dropping by 3 is always flagged</span
            >
          </div>
        }
      }
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
            <h2 mat-card-title>Progress side by side</h2>
            <mat-card-subtitle
              >Each member’s 0–10 answers over time; the shaded band is the gap between
              them</mat-card-subtitle
            >
          </mat-card-header>
          <mat-card-content>
            <mend-trend-chart [series]="progress()!.series" [markers]="markers()" />
            <ng-container *ngTemplateOutlet="moves" />
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
          @if (markers().length) {
            <mat-card-content>
              <ng-container *ngTemplateOutlet="moves" />
            </mat-card-content>
          }
        </mat-card>
      }
      @if (hasMeasures()) {
        <mat-card appearance="outlined" class="measures" data-testid="case-measures">
          <mat-card-header>
            <mat-icon matCardAvatar aria-hidden="true">insights</mat-icon>
            <h2 mat-card-title>Measures</h2>
            <mat-card-subtitle
              >Each member’s scores over time; the shading behind the lines shows the measure’s
              bands</mat-card-subtitle
            >
          </mat-card-header>
          <mat-card-content>
            <mend-measure-chart [measures]="progress()!.measures" />
          </mat-card-content>
        </mat-card>
      }
    </div>

    <ng-template #moves>
      @if (markers().length) {
        <section class="stage-moves" data-testid="progress-stage-moves">
          <h3>
            <mat-icon aria-hidden="true">route</mat-icon>
            Moves on the path of repair
          </h3>
          <ol>
            @for (m of markers(); track m.id) {
              <li data-testid="progress-stage-move">
                <span class="tag" aria-hidden="true">{{ m.label }}</span>
                <div class="move">
                  <p>
                    <time [attr.datetime]="m.at">{{ m.at | date: 'mediumDate' }}</time>
                    · {{ m.text }}
                    @if (m.back) {
                      <span class="back">(back)</span>
                    }
                  </p>
                  <p class="reason" [title]="m.reason">{{ m.reason }}</p>
                  @if (m.by) {
                    <p class="by">{{ m.by }}</p>
                  }
                </div>
              </li>
            }
          </ol>
        </section>
      }
    </ng-template>
  `,
  styleUrl: './progress-page.scss',
  styles: `
    .tab-body {
      padding-top: 20px;
    }
    .measures {
      margin-top: 20px;
    }
    .threshold {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      margin-bottom: 16px;

      mat-form-field {
        width: 300px;
        max-width: 100%;
      }

      .hint {
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-body-small);
      }
    }
    .stage-moves {
      margin-top: 24px;
      padding-top: 16px;
      border-top: 1px solid var(--mat-sys-outline-variant);

      h3 {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 0 0 8px;
        font: var(--mat-sys-title-small);

        mat-icon {
          font-size: 18px;
          width: 18px;
          height: 18px;
          color: var(--mat-sys-on-surface-variant);
        }
      }

      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }

      li {
        display: flex;
        align-items: flex-start;
        gap: 12px;
        padding: 8px 0;
      }

      p {
        margin: 0;
      }
    }
    .tag {
      flex: none;
      min-width: 110px;
      padding: 2px 10px;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 999px;
      background: var(--mat-sys-surface-container-high);
      font: var(--mat-sys-label-medium);
      text-align: center;
      white-space: nowrap;
    }
    .move {
      min-width: 0;
    }
    .back,
    .by {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    // Long reasons stay on two lines here; the case page shows them whole.
    .reason {
      display: -webkit-box;
      overflow: hidden;
      -webkit-box-orient: vertical;
      -webkit-line-clamp: 2;
      line-clamp: 2;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
    }
    @media (max-width: 600px) {
      .stage-moves li {
        flex-direction: column;
        gap: 4px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseProgress {
  private readonly api = inject(HomeworkApi);
  private readonly cases = inject(CasesApi);

  /** The case, as the case page loaded it. */
  readonly detail = input.required<CaseDetail>();

  protected readonly progress = signal<ProgressView | null>(null);
  protected readonly error = signal<string | null>(null);
  /** The case's path; the chart still shows without it. */
  private readonly path = signal<CasePathView | null>(null);
  protected readonly markers = computed(() => stageMarkers(this.path()?.history ?? []));
  protected readonly hasPoints = computed(
    () => this.progress()?.series.some((s) => s.points.length > 0) ?? false,
  );
  protected readonly hasMeasures = computed(
    () => this.progress()?.measures?.some((m) => m.points.length > 0) ?? false,
  );

  protected readonly points = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  protected async setThreshold(points: number): Promise<void> {
    try {
      this.progress.set(await this.api.setGapThreshold(this.detail().id, points));
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }

  constructor() {
    effect(() => {
      const id = this.detail().id;
      untracked(() => void this.load(id));
    });
  }

  protected async load(caseId: string): Promise<void> {
    this.error.set(null);
    // The moves on the path are an addition to the chart: if they cannot be read, it still shows.
    const path = this.cases.path(caseId).catch(() => null);
    try {
      this.progress.set(await this.api.caseProgress(caseId));
      this.path.set(await path);
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
