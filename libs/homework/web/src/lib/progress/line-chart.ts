import type {
  Chart,
  ChartConfiguration,
  ChartDataset,
  LegendOptions,
  ScaleOptions,
  TooltipItem,
} from 'chart.js';

/**
 * The scaffolding the progress charts share (answers over time, scored measures over time):
 * Chart.js loaded on demand, the theme's colours, each member's line, the time axis in days.
 */

export type LinePoint = { x: number; y: number };
export type LineChart = Chart<'line', LinePoint[]>;
export type LineDataset = ChartDataset<'line', LinePoint[]>;
export type LineChartConfig = ChartConfiguration<'line', LinePoint[]>;
type ChartJs = typeof import('chart.js/auto').default;

/** Chart.js is loaded only when a chart is drawn, in its own chunk. */
let chartModule: Promise<typeof import('chart.js/auto')> | null = null;
const loadChartJs = () => (chartModule ??= import('chart.js/auto'));

/** The members' line colours when the theme's cannot be read. */
export const LINE_FALLBACK = ['#006a6a', '#8b5000', '#4a6363', '#ba1a1a'];
const TOKENS = [
  '--mat-sys-primary',
  '--mat-sys-tertiary',
  '--mat-sys-secondary',
  '--mat-sys-error',
];
const POINTS = ['circle', 'rectRot', 'triangle', 'rect'] as const;
export const DAY = 24 * 60 * 60 * 1000;
const dayLabel = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short' });

/** A colour token of the theme, or `fallback` when the browser gives nothing Chart.js can use. */
export function themeColor(style: CSSStyleDeclaration, token: string, fallback: string): string {
  const value = style.getPropertyValue(token).trim();
  return /^(#|rgb|hsl)/.test(value) ? value : fallback;
}

/** The theme's colours for the members' lines, so the chart matches the page. */
export function lineColors(style: CSSStyleDeclaration): string[] {
  return TOKENS.map((token, i) => themeColor(style, token, LINE_FALLBACK[i]));
}

/**
 * The look of the `i`th member's line: its colour, every other line dashed and each with its
 * own point shape, so the lines tell apart without colour too.
 */
export function memberLine(i: number, colors: string[]): Partial<LineDataset> {
  return {
    borderColor: colors[i % colors.length],
    backgroundColor: colors[i % colors.length],
    borderWidth: 2.5,
    borderDash: i % 2 === 1 ? [6, 4] : undefined,
    pointStyle: POINTS[i % POINTS.length],
    pointRadius: 4,
    pointHoverRadius: 6,
    tension: 0.2,
  };
}

/** The time axis (one unit a millisecond of a day's value), ticked on `tickDays` as "Mar 4". */
export function dayAxis(
  min: number,
  max: number,
  tickDays: number[],
  color: string,
): ScaleOptions<'linear'> {
  return {
    type: 'linear',
    min,
    max,
    grid: { display: false },
    afterBuildTicks: (axis) => {
      axis.ticks = tickDays.map((value) => ({ value }));
    },
    ticks: {
      color,
      autoSkip: false,
      maxRotation: 0,
      callback: (value) => dayLabel.format(new Date(Number(value))),
    },
  };
}

/** The legend's labels under a chart of several members. */
export function legendLabels(color: string): Partial<LegendOptions<'line'>['labels']> {
  return { color, usePointStyle: true, pointStyleWidth: 10, boxHeight: 8 };
}

/** A tooltip's title: the day of the point. */
export function dayTitle(items: TooltipItem<'line'>[]): string {
  return items.length ? dayLabel.format(new Date(Number(items[0].parsed.x))) : '';
}

/**
 * The charts of one component. Each `draw` loads Chart.js, then (unless a newer draw began
 * or the component ended meanwhile) replaces the charts with the ones `make` builds (and `keep`s).
 */
export class LineCharts {
  private charts: LineChart[] = [];
  private drawing = 0;

  /** False when Chart.js could not be loaded. */
  async draw(make: (ChartJs: ChartJs, keep: (chart: LineChart) => void) => void): Promise<boolean> {
    const run = ++this.drawing;
    let ChartJs: ChartJs;
    try {
      ChartJs = (await loadChartJs()).default;
    } catch {
      return false;
    }
    if (run !== this.drawing) return true;
    this.clear();
    make(ChartJs, (chart) => this.charts.push(chart));
    return true;
  }

  /** The component ended: drop the charts and any draw still loading. */
  destroy(): void {
    this.drawing += 1;
    this.clear();
  }

  private clear(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }
}
