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
import type { Chart, ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
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

type LineChart = Chart<'line', { x: number; y: number }[]>;
type LineDataset = ChartDataset<'line', { x: number; y: number }[]>;

let chartModule: Promise<typeof import('chart.js/auto')> | null = null;
const loadChartJs = () => (chartModule ??= import('chart.js/auto'));

const FALLBACK = ['#006a6a', '#8b5000', '#4a6363', '#ba1a1a'];
const TOKENS = [
  '--mat-sys-primary',
  '--mat-sys-tertiary',
  '--mat-sys-secondary',
  '--mat-sys-error',
];
const POINTS = ['circle', 'rectRot', 'triangle', 'rect'] as const;
const DAY = 24 * 60 * 60 * 1000;
const dayLabel = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });

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
  styles: `
    :host {
      display: block;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
      gap: 28px 32px;
    }
    .chart-block {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: 0;
    }
    header {
      display: flex;
      flex-direction: column;
    }
    h3 {
      margin: 0;
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .latest {
      display: flex;
      flex-wrap: wrap;
      gap: 6px 20px;
      margin: 0;
      padding: 8px 12px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-high);
      list-style: none;

      li {
        display: inline-flex;
        align-items: baseline;
        gap: 6px;
        font: var(--mat-sys-body-medium);
      }
      .score {
        font: var(--mat-sys-title-medium);
      }
    }
    .key,
    .swatch {
      display: inline-block;
      flex: none;
      width: 10px;
      height: 10px;
      border-radius: 3px;
    }
    .swatch {
      width: 14px;
      height: 14px;
      margin-right: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      vertical-align: -2px;
    }
    .canvas-box {
      position: relative;
      height: 260px;
    }
    .bands {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin: 0;
      padding: 0;
      list-style: none;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .as-table summary {
      cursor: pointer;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
      padding: 4px 0;
    }
    table {
      width: 100%;
      margin-top: 4px;
      border-collapse: collapse;
      font: var(--mat-sys-body-medium);

      th,
      td {
        padding: 6px 8px;
        border-top: 1px solid var(--mat-sys-outline-variant);
        text-align: left;
      }
      thead th {
        border-top: 0;
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-label-medium);
      }
    }
    @media (max-width: 600px) {
      .canvas-box {
        height: 220px;
      }
      table th,
      table td {
        padding: 6px 4px;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeasureChart {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly canvases = viewChildren<ElementRef<HTMLCanvasElement>>('canvas');
  private charts: LineChart[] = [];
  private drawing = 0;

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
  protected readonly colors = signal<string[]>(FALLBACK);
  protected readonly failed = signal(false);

  constructor() {
    afterRenderEffect(() => {
      const groups = this.groups();
      const self = this.self();
      const canvases = this.canvases().map((c) => c.nativeElement);
      void this.draw(groups, self, canvases);
    });
    inject(DestroyRef).onDestroy(() => {
      this.drawing += 1;
      this.destroyCharts();
    });
  }

  private async draw(
    groups: MeasureGroup[],
    self: boolean,
    canvases: HTMLCanvasElement[],
  ): Promise<void> {
    const run = ++this.drawing;
    let ChartJs: typeof import('chart.js/auto').default;
    try {
      ChartJs = (await loadChartJs()).default;
    } catch {
      this.failed.set(true);
      return;
    }
    if (run !== this.drawing) return;
    this.destroyCharts();
    const style = getComputedStyle(this.host.nativeElement);
    const colors = TOKENS.map((token, i) => themeColor(style, token, FALLBACK[i]));
    this.colors.set(colors);
    groups.forEach((group, i) => {
      const canvas = canvases[i];
      if (canvas)
        this.charts.push(new ChartJs(canvas, this.config(group, self, colors, style)) as LineChart);
    });
  }

  private destroyCharts(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }

  private config(
    group: MeasureGroup,
    self: boolean,
    colors: string[],
    style: CSSStyleDeclaration,
  ): ChartConfiguration<'line', { x: number; y: number }[]> {
    const text = themeColor(style, '--mat-sys-on-surface-variant', '#3f4948');
    const grid = themeColor(style, '--mat-sys-outline-variant', '#bec9c8');
    const datasets: LineDataset[] = group.series.map((s, i) => ({
      label: readerName(s, self),
      data: s.points.map((p) => ({ x: dayValue(p.on), y: p.score })),
      borderColor: colors[i % colors.length],
      backgroundColor: colors[i % colors.length],
      borderWidth: 2.5,
      borderDash: i % 2 === 1 ? [6, 4] : undefined,
      pointStyle: POINTS[i % POINTS.length],
      pointRadius: 4,
      pointHoverRadius: 6,
      tension: 0.2,
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
          x: {
            type: 'linear',
            min: first - pad,
            max: last + pad,
            grid: { display: false },
            afterBuildTicks: (axis) => {
              axis.ticks = tickDays.map((value) => ({ value }));
            },
            ticks: {
              color: text,
              autoSkip: false,
              maxRotation: 0,
              callback: (value) => dayLabel.format(new Date(Number(value))),
            },
          },
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
            labels: { color: text, usePointStyle: true, pointStyleWidth: 10, boxHeight: 8 },
          },
          tooltip: {
            callbacks: {
              title: (items) =>
                items.length ? dayLabel.format(new Date(Number(items[0].parsed.x))) : '',
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

function themeColor(style: CSSStyleDeclaration, token: string, fallback: string): string {
  const value = style.getPropertyValue(token).trim();
  return /^(#|rgb|hsl)/.test(value) ? value : fallback;
}
