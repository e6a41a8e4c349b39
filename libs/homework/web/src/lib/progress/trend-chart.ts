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
import type { TrendSeries } from '@mend/shared/contracts';
import type { Chart, Plugin } from 'chart.js';
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
import { labelRows, markersSummary, type StageMarker } from './stage-markers';
import {
  dayValue,
  gapSeries,
  latestValues,
  trendDays,
  trendGroups,
  trendReadings,
  trendSummary,
  type TrendGroup,
} from './trend';

/** Height of one row of stage tags above the plot. */
const TAG_ROW = 20;
const TAG_ROWS = 2;

/**
 * 0–10 answers over time: one chart per question, one line per member. With two or more members
 * (the counselor's view) the gap between them is shaded and stated. Each chart has a text
 * summary, a table of the latest answers, and every answer in a table under "Show every answer
 * as a table" (its text alternative, open when the chart cannot be drawn). `markers`
 * (the case's moves on the path of repair) are drawn as labelled dashed lines on the time axis.
 */
@Component({
  selector: 'mend-trend-chart',
  imports: [DatePipe, MatIconModule],
  template: `
    <div class="charts" data-testid="trend-chart">
      @for (g of groups(); track g.key; let i = $index) {
        <section class="chart-block" [attr.aria-labelledby]="'trend-' + uid + '-' + i">
          <header>
            <h3 [id]="'trend-' + uid + '-' + i">{{ g.fieldLabel }}</h3>
            <span class="exercise">{{ g.exerciseTitle }}</span>
          </header>
          @if (g.gap; as gap) {
            <p class="gap" data-testid="trend-gap">
              <span class="gap-value">{{ gap.gap }}</span>
              <span>point{{ gap.gap === 1 ? '' : 's' }} apart at their latest answers</span>
            </p>
          }
          <div class="canvas-box">
            <canvas #canvas role="img" [attr.aria-label]="g.summary"></canvas>
            @if (failed()) {
              <p class="muted">The chart could not be drawn; every answer is in the table below.</p>
            }
          </div>
          <table class="latest">
            <caption class="cdk-visually-hidden">
              Latest answers:
              {{
                g.fieldLabel
              }}
            </caption>
            <thead>
              <tr>
                <th scope="col">{{ self() ? 'Answer' : 'Member' }}</th>
                <th scope="col">Latest</th>
                <th scope="col">Change</th>
                <th scope="col">On</th>
              </tr>
            </thead>
            <tbody>
              @for (l of g.latest; track l.userId; let j = $index) {
                <tr>
                  <th scope="row">
                    <span class="key" [style.background]="colors()[j % colors().length]"></span
                    >{{ self() ? 'You' : l.displayName }}
                  </th>
                  <td>
                    <strong>{{ l.value }}</strong> / 10
                  </td>
                  <td>
                    @if (l.change === null) {
                      <span class="muted">first</span>
                    } @else if (l.change === 0) {
                      <span class="muted">no change</span>
                    } @else {
                      <span class="move" [class.down]="l.change < 0">
                        <mat-icon aria-hidden="true">{{
                          l.change > 0 ? 'arrow_upward' : 'arrow_downward'
                        }}</mat-icon
                        >{{ l.change > 0 ? 'up' : 'down' }} {{ abs(l.change) }}
                      </span>
                    }
                  </td>
                  <td>{{ l.on | date: 'MMM d' }}</td>
                </tr>
              }
            </tbody>
          </table>
          <details class="as-table" [open]="failed()">
            <summary>Show every answer as a table</summary>
            <table class="readings" data-testid="trend-readings">
              <caption class="cdk-visually-hidden">
                Every answer:
                {{
                  g.fieldLabel
                }}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  @for (s of g.series; track s.userId) {
                    <th scope="col">{{ self() ? 'Your answer' : s.displayName }}</th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (r of g.readings; track r.on) {
                  <tr>
                    <th scope="row">{{ r.on | date: 'MMM d, y' }}</th>
                    @for (value of r.values; track $index) {
                      <td>
                        @if (value === null) {
                          <span aria-hidden="true">–</span
                          ><span class="cdk-visually-hidden">no answer</span>
                        } @else {
                          {{ value }} / 10
                        }
                      </td>
                    }
                  </tr>
                }
              </tbody>
            </table>
          </details>
        </section>
      }
    </div>
  `,
  styleUrl: './trend-chart.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TrendChart {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly canvases = viewChildren<ElementRef<HTMLCanvasElement>>('canvas');
  private readonly charts = new LineCharts();

  readonly series = input.required<TrendSeries[]>();
  /** The client's own page: their line is "You"; elsewhere each line is the member's name. */
  readonly self = input(false);
  /** Moves on the path of repair to draw on the time axis (the counselor's view). */
  readonly markers = input<StageMarker[]>([]);

  protected readonly uid = Math.random().toString(36).slice(2, 8);
  /** Each question's chart, with its gap, summary and latest answers worked out once. */
  protected readonly groups = computed(() =>
    trendGroups(this.series()).map((group) => ({
      ...group,
      gap: gapSeries(group.series).at(-1) ?? null,
      summary: [trendSummary(group), markersSummary(this.markers())].filter(Boolean).join(' '),
      latest: latestValues(group.series),
      readings: trendReadings(group.series),
    })),
  );
  protected readonly colors = signal<string[]>(LINE_FALLBACK);
  protected readonly failed = signal(false);
  protected readonly abs = Math.abs;

  constructor() {
    afterRenderEffect(() => {
      const groups = this.groups();
      const markers = this.markers();
      const canvases = this.canvases().map((c) => c.nativeElement);
      void this.draw(groups, markers, canvases);
    });
    inject(DestroyRef).onDestroy(() => this.charts.destroy());
  }

  private async draw(
    groups: TrendGroup[],
    markers: StageMarker[],
    canvases: HTMLCanvasElement[],
  ): Promise<void> {
    const drawn = await this.charts.draw((ChartJs, keep) => {
      // The theme's colours, so the chart matches the page (fixed ones if unreadable).
      const colors = lineColors(getComputedStyle(this.host.nativeElement));
      this.colors.set(colors);
      groups.forEach((group, i) => {
        const canvas = canvases[i];
        if (canvas) keep(new ChartJs(canvas, this.config(group, colors, markers)) as LineChart);
      });
    });
    if (!drawn) this.failed.set(true);
  }

  private config(
    group: TrendGroup,
    colors: string[],
    markers: StageMarker[] = [],
  ): LineChartConfig {
    const style = getComputedStyle(this.host.nativeElement);
    const text = themeColor(style, '--mat-sys-on-surface-variant', '#3f4948');
    const grid = themeColor(style, '--mat-sys-outline-variant', '#bec9c8');
    const gapColor = themeColor(style, '--mat-sys-on-surface', '#171d1d');

    const datasets: LineDataset[] = group.series.map((s, i) => ({
      label: s.displayName,
      data: [...s.points]
        .sort((a, b) => a.on.localeCompare(b.on))
        .map((p) => ({ x: dayValue(p.on), y: p.value })),
      ...memberLine(i, colors),
      order: 1,
    }));
    const gaps = gapSeries(group.series);
    // One shared day makes no area: widen it a little so the gap still shows as a band.
    const band =
      gaps.length === 1
        ? [-0.35, 0.35].map((shift) => ({ ...gaps[0], x: dayValue(gaps[0].on) + shift * DAY }))
        : gaps.map((g) => ({ ...g, x: dayValue(g.on) }));
    if (gaps.length) {
      const fill = `color-mix(in srgb, ${gapColor} 9%, transparent)`;
      datasets.push(
        {
          label: 'low',
          data: band.map((g) => ({ x: g.x, y: g.low })),
          borderWidth: 0,
          pointRadius: 0,
          pointHitRadius: 0,
          tension: 0.2,
          order: 2,
        },
        {
          label: 'Gap between them',
          data: band.map((g) => ({ x: g.x, y: g.high })),
          borderWidth: 0,
          pointRadius: 0,
          pointHitRadius: 0,
          backgroundColor: supportsColorMix() ? fill : 'rgba(23, 29, 29, 0.09)',
          borderColor: gapColor,
          fill: '-1',
          tension: 0.2,
          order: 2,
        },
      );
    }
    const days = trendDays(group.series).map(dayValue);
    // The axis spans the answers and the moves on the path, so every move has its line.
    const span = [...days, ...markers.map((m) => dayValue(m.on))];
    const first = Math.min(...span);
    const last = Math.max(...span);
    const pad = last - first < 7 * DAY ? 3 * DAY : DAY;
    // Ticks on the days answered (thinned to about six), not at arbitrary intervals.
    const step = Math.ceil(days.length / 6);
    const ticks = days.map((_, i) => i).filter((i) => i % step === 0);
    const lastIndex = days.length - 1;
    if (ticks[ticks.length - 1] !== lastIndex) {
      if (lastIndex - ticks[ticks.length - 1] < step / 2) ticks[ticks.length - 1] = lastIndex;
      else ticks.push(lastIndex);
    }
    const tickDays = ticks.map((i) => days[i]);
    const legend = group.series.length > 1;
    const marked = markers.length > 0;
    return {
      type: 'line',
      data: { datasets },
      plugins: marked
        ? [
            stageMarkerPlugin(markers, {
              line: themeColor(style, '--mat-sys-outline', '#6f7979'),
              tag: themeColor(style, '--mat-sys-surface-container-high', '#e3e9e8'),
              text: themeColor(style, '--mat-sys-on-surface', '#171d1d'),
            }),
          ]
        : [],
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        // Room above the plot for the stage tags, so they never cover an answer.
        layout: { padding: { top: marked ? TAG_ROW * Math.min(markers.length, TAG_ROWS) : 0 } },
        interaction: { mode: 'nearest', intersect: false, axis: 'x' },
        scales: {
          x: dayAxis(first - pad, last + pad, tickDays, text),
          y: {
            min: 0,
            max: 10,
            ticks: { stepSize: 2, color: text },
            grid: { color: grid },
          },
        },
        plugins: {
          legend: {
            display: legend,
            position: 'bottom',
            labels: { ...legendLabels(text), filter: (item) => item.text !== 'low' },
          },
          tooltip: {
            filter: (item) => item.dataset.label !== 'low',
            callbacks: {
              title: dayTitle,
              label: (item) => {
                if (item.dataset.label === 'Gap between them') {
                  const gap = band[item.dataIndex];
                  return gap ? `Gap: ${gap.gap}` : '';
                }
                return `${item.dataset.label}: ${item.parsed.y} / 10`;
              },
            },
          },
        },
      },
    };
  }
}

/**
 * Draws each move on the path of repair as a dashed vertical line across the plot, with a small
 * tag ("3 Transparency") above it; tags close together take turns between two rows.
 */
function stageMarkerPlugin(
  markers: StageMarker[],
  colors: { line: string; tag: string; text: string },
): Plugin<'line'> {
  return {
    id: 'mendStageMarkers',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const x = chart.scales['x'];
      if (!x) return;
      ctx.save();
      ctx.font = `500 11px ${fontFamily(chart)}`;
      ctx.textBaseline = 'middle';
      const centres = markers.map((m) => x.getPixelForValue(dayValue(m.on)));
      const widths = markers.map((m) => ctx.measureText(m.label).width + 12);
      const rows = labelRows(centres, widths, TAG_ROWS);
      const tagRows = Math.min(markers.length, TAG_ROWS);
      markers.forEach((marker, i) => {
        const px = centres[i];
        if (px < chartArea.left - 1 || px > chartArea.right + 1) return;
        const tagTop = chartArea.top - TAG_ROW * (tagRows - rows[i]);
        ctx.strokeStyle = colors.line;
        ctx.lineWidth = 1.5;
        ctx.setLineDash(marker.back ? [2, 3] : [5, 4]);
        ctx.beginPath();
        ctx.moveTo(px, tagTop + TAG_ROW - 3);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        const width = widths[i];
        const left = Math.max(0, Math.min(px - width / 2, chart.width - width));
        ctx.setLineDash([]);
        ctx.fillStyle = colors.tag;
        ctx.beginPath();
        if (typeof ctx.roundRect === 'function')
          ctx.roundRect(left, tagTop + 1, width, TAG_ROW - 4, 8);
        else ctx.rect(left, tagTop + 1, width, TAG_ROW - 4);
        ctx.fill();
        ctx.strokeStyle = colors.line;
        ctx.lineWidth = 1;
        ctx.stroke();
        ctx.fillStyle = colors.text;
        ctx.fillText(marker.label, left + 6, tagTop + TAG_ROW / 2 - 1);
      });
      ctx.restore();
    },
  };
}

function fontFamily(chart: Chart): string {
  const family = chart.options.font?.family;
  return typeof family === 'string' && family ? family : 'Roboto, sans-serif';
}

function supportsColorMix(): boolean {
  return typeof CSS !== 'undefined' && CSS.supports?.('color', 'color-mix(in srgb, red 50%, blue)');
}
