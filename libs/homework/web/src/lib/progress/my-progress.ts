import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ProgressView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { HomeworkApi } from '../data-access/homework-api';
import { MeasureChart } from './measure-chart';
import { TrendChart } from './trend-chart';

/**
 * Client page: their own 0–10 answers over time (trust thermometer and other scales), and their
 * scores on measures such as the PHQ-9 with the measure's bands.
 */
@Component({
  selector: 'mend-my-progress',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    MeasureChart,
    TrendChart,
  ],
  template: `
    <header class="page-head">
      <div>
        <h1>My progress</h1>
        <p>How your answers to check-ins such as the trust thermometer move over the weeks</p>
      </div>
    </header>
    @if (error(); as message) {
      <p class="notice" role="alert">
        <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
        <button mat-button type="button" (click)="load()">Try again</button>
      </p>
    } @else if (!progress()) {
      <mat-progress-bar mode="indeterminate" />
    } @else if (hasPoints() || hasMeasures()) {
      @if (hasPoints()) {
        <mat-card appearance="outlined">
          <mat-card-header>
            <mat-icon matCardAvatar aria-hidden="true">show_chart</mat-icon>
            <h2 mat-card-title>Your answers over time</h2>
            <mat-card-subtitle>Your 0–10 answers to each question, week by week</mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            <mend-trend-chart [series]="progress()!.series" [self]="true" />
          </mat-card-content>
        </mat-card>
      }
      @if (hasMeasures()) {
        <mat-card appearance="outlined" class="measures" data-testid="my-measures">
          <mat-card-header>
            <mat-icon matCardAvatar aria-hidden="true">insights</mat-icon>
            <h2 mat-card-title>Check-in scores</h2>
            <mat-card-subtitle
              >Your scores over time; the shading behind the line shows what the ranges
              mean</mat-card-subtitle
            >
          </mat-card-header>
          <mat-card-content>
            <mend-measure-chart [measures]="progress()!.measures" [self]="true" />
          </mat-card-content>
        </mat-card>
      }
      <p class="note muted">
        <mat-icon aria-hidden="true">info</mat-icon>
        Trust returns slowly, and ups and downs are part of it. Only you and your counselors see
        these answers.
      </p>
    } @else {
      <mat-card appearance="outlined">
        <div class="empty">
          <mat-icon aria-hidden="true">show_chart</mat-icon>
          <h2>Nothing to draw yet</h2>
          <p>
            When you submit a check-in with a 0–10 scale, such as the trust thermometer, your
            answers are drawn here over time.
          </p>
          <a mat-stroked-button routerLink="/homework">Go to my homework</a>
        </div>
      </mat-card>
    }
  `,
  styleUrl: './progress-page.scss',
  styles: `
    .measures {
      margin-top: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyProgress implements OnInit {
  private readonly api = inject(HomeworkApi);

  protected readonly progress = signal<ProgressView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly hasPoints = computed(
    () => this.progress()?.series.some((s) => s.points.length > 0) ?? false,
  );
  protected readonly hasMeasures = computed(
    () => this.progress()?.measures?.some((m) => m.points.length > 0) ?? false,
  );

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.error.set(null);
    try {
      this.progress.set(await this.api.myProgress());
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
