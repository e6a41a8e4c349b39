import { DatePipe } from '@angular/common';
import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  signal,
  viewChildren,
} from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { MeasureBand, MeasureSeries, Severity } from '@mend/shared/contracts';
import type { Plugin } from 'chart.js';
import {
  DAY,
  dayAxis,
  dayTitle,
  legendLabels,
  LINE_FALLBACK,
  lineColors,
  LineCharts,
  memberLine,
  themeColor,
  type LineChart,
  type LineChartConfig,
  type LineDataset,
} from './line-chart';
import {
  bandOf,
  bandRangeText,
  measureGroups,
  measureReadings,
  measureSummary,
  readerName,
  scoreText,
  type MeasureGroup,
} from './measures';
import { dayValue } from './trend';

/** The shading of each severity band behind the lines (and its swatch in the legend). */
export const SEVERITY_SHADES: Record<Severity, string> = {
  none: 'rgba(67, 160, 71, 0.12)',
  mild: 'rgba(192, 202, 51, 0.16)',
  moderate: 'rgba(255, 179, 0, 0.18)',
  moderately_severe: 'rgba(251, 140, 0, 0.2)',
  severe: 'rgba(229, 57, 53, 0.16)',
};

/**
 * Scored measures over time: one chart per measure, one line per member, the measure's severity
 * bands shaded behind the lines and named in a legend. Each chart has a text summary, the
 * latest reading of each member, and every reading in a table under "Show as table".
 * `self`: the client's own page, where the line is "You".
 */
@Component({
  selector: 'mend-measure-chart',
  imports: [DatePipe, MatIconModule],
  template: `
    <div class="charts" data-testid="measure-chart">
      @for (g of groups(); track g.exerciseId; let i = $index) {
        <section class="chart-block" [attr.aria-labelledby]="'measure-' + uid + '-' + i">
          <header>
            <h3 [id]="'measure-' + uid + '-' + i">{{ g.title }}</h3>
            <span class="muted">Scored measure · each point is one submission</span>
          </header>
          <ul class="latest" aria-label="Latest readings">
            @for (l of g.latest; track l.userId; let j = $index) {
              <li data-testid="measure-latest">
                <span class="key" [style.background]="colors()[j % colors().length]"></span>
                <span class="who">{{ l.who }}</span
                >&ngsp;<strong class="score">{{ l.text }}</strong
                >&ngsp;<span class="muted">{{ l.on | date: 'MMM d' }}</span>
              </li>
            }
          </ul>
          <div class="canvas-box">
            <canvas #canvas role="img" [attr.aria-label]="g.summary"></canvas>
            @if (failed()) {
              <p class="muted">The chart could not be drawn; the readings are in the table.</p>
            }
          </div>
          @if (g.bands.length) {
            <ul class="bands" [attr.aria-label]="'Bands of ' + g.title" data-testid="measure-bands">
              @for (b of g.legend; track b.text) {
                <li>
                  <span class="swatch" [style.background]="shades[b.severity]"></span>{{ b.text }}
                </li>
              }
            </ul>
          }
          <details class="as-table" [open]="failed()">
            <summary>Show as table</summary>
            <table data-testid="measure-readings">
              <caption class="cdk-visually-hidden">
                Every reading of
                {{
                  g.title
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  @if (g.series.length > 1 || !self()) {
                    <th scope="col">Member</th>
                  }
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                @for (r of g.readings; track r.homeworkId + r.who) {
                  <tr>
                    <td>{{ r.on | date: 'MMM d, y' }}</td>
                    @if (g.series.length > 1 || !self()) {
                      <td>{{ r.who }}</td>
                    }
                    <td>{{ r.text }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </details>
        </section>
      }
    </div>
  `,
  styleUrl: './measure-chart.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeasureChart {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly canvases = viewChildren<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly charts = new LineCharts();

  readonly measures = input.required<MeasureSeries[]>();
  /** The client's own page: their line is "You". */
  readonly self = input(false);

  protected readonly uid = Math.random().toString(36).slice(2, 8);
  protected readonly shades = SEVERITY_SHADES;
  protected readonly groups = computed(() => {
    const self = this.self();
    return measureGroups(this.measures()).map((group) => ({
      ...group,
      // Highest scores first, as they sit on the chart.
      legend: [...group.bands]
        .reverse()
        .map((b) => ({ text: bandRangeText(b), severity: b.severity })),
      summary: measureSummary(group, self),
      readings: measureReadings(group, self),
      latest: group.series.map((s) => {
        const last = s.points[s.points.length - 1];
        const band = last.band ?? bandOf(last.score, group.bands);
        return {
          userId: s.userId,
          who: readerName(s, self),
          on: last.on,
          text: scoreText(last.score, band),
        };
      }),
    }));
  });
  protected readonly colors = signal<string[]>(LINE_FALLBACK);
  protected readonly failed = signal(false);

  constructor() {
    afterRenderEffect(() => {
      const groups = this.groups();
      const self = this.self();
      const canvases = this.canvases().map((c) => c.nativeElement);
      void this.draw(groups, self, canvases);
    });
    inject(DestroyRef).onDestroy(() => this.charts.destroy());
  }

  private async draw(
    groups: MeasureGroup[],
    self: boolean,
    canvases: HTMLCanvasElement[],
  ): Promise<void> {
    const drawn = await this.charts.draw((ChartJs, keep) => {
      const style = getComputedStyle(this.host.nativeElement);
      const colors = lineColors(style);
      this.colors.set(colors);
      groups.forEach((group, i) => {
        const canvas = canvases[i];
        if (canvas) keep(new ChartJs(canvas, this.config(group, self, colors, style)) as LineChart);
      });
    });
    if (!drawn) this.failed.set(true);
  }

  private config(
    group: MeasureGroup,
    self: boolean,
    colors: string[],
    style: CSSStyleDeclaration,
  ): LineChartConfig {
    const text = themeColor(style, '--mat-sys-on-surface-variant', '#3f4948');
    const grid = themeColor(style, '--mat-sys-outline-variant', '#bec9c8');
    const datasets: LineDataset[] = group.series.map((s, i) => ({
      label: readerName(s, self),
      data: s.points.map((p) => ({ x: dayValue(p.on), y: p.score })),
      ...memberLine(i, colors),
    }));
    const days = group.series.flatMap((s) => s.points.map((p) => dayValue(p.on)));
    const first = Math.min(...days);
    const last = Math.max(...days);
    const pad = last - first < 14 * DAY ? 4 * DAY : 2 * DAY;
    const ticks = [...new Set(days)].sort((a, b) => a - b);
    const step = Math.ceil(ticks.length / 6);
    const tickDays = ticks.filter((_, i) => i % step === 0 || i === ticks.length - 1);
    return {
      type: 'line',
      data: { datasets },
      plugins: [bandsPlugin(group.bands)],
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        scales: {
          x: dayAxis(first - pad, last + pad, tickDays, text),
          y: {
            min: group.min,
            max: group.max,
            ticks: {
              color: text,
              // The band edges are the meaningful marks.
              ...(group.bands.length ? {} : { precision: 0 }),
            },
            afterBuildTicks: group.bands.length
              ? (axis) => {
                  const edges = new Set([group.min, ...group.bands.map((b) => b.min), group.max]);
                  axis.ticks = [...edges].sort((a, b) => a - b).map((value) => ({ value }));
                }
              : undefined,
            grid: { color: grid },
          },
        },
        plugins: {
          legend: {
            display: group.series.length > 1,
            position: 'bottom',
            labels: legendLabels(text),
          },
          tooltip: {
            callbacks: {
              title: dayTitle,
              label: (item) => {
                const score = Number(item.parsed.y);
                const series = group.series[item.datasetIndex];
                const band = series?.points[item.dataIndex]?.band ?? bandOf(score, group.bands);
                return `${item.dataset.label}: ${scoreText(score, band)}`;
              },
            },
          },
        },
      },
    };
  }
}

/**
 * Shades each band behind the lines: from its lowest score up to the next band's (the last up
 * to its highest), so whole-number bands such as 0–4, 5–9 leave no gap between them.
 */
function bandsPlugin(bands: MeasureBand[]): Plugin<'line'> {
  return {
    id: 'mendMeasureBands',
    beforeDatasetsDraw(chart) {
      const y = chart.scales['y'];
      const { ctx, chartArea } = chart;
      if (!y || !bands.length) return;
      ctx.save();
      bands.forEach((band, i) => {
        const upper = bands[i + 1]?.min ?? band.max;
        const top = Math.max(chartArea.top, y.getPixelForValue(upper));
        const bottom = Math.min(chartArea.bottom, y.getPixelForValue(band.min));
        if (bottom <= top) return;
        ctx.fillStyle = SEVERITY_SHADES[band.severity];
        ctx.fillRect(chartArea.left, top, chartArea.right - chartArea.left, bottom - top);
      });
      ctx.restore();
    },
  };
}
