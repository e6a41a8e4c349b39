import { TestBed } from '@angular/core/testing';
import type { MeasureSeries } from '@mend/shared/contracts';
import { MeasureChart } from './measure-chart';

/** What each chart was drawn with (Chart.js cannot draw in jsdom). */
const drawn: { data: { datasets: { label?: string }[] }; plugins?: { id: string }[] }[] = [];
jest.mock('chart.js/auto', () => ({
  __esModule: true,
  default: class {
    constructor(_canvas: unknown, config: (typeof drawn)[number]) {
      drawn.push(config);
    }
    destroy(): void {
      // nothing to free
    }
  },
}));

const BANDS = [
  { min: 0, max: 4, label: 'Minimal', severity: 'none' as const },
  { min: 5, max: 9, label: 'Mild', severity: 'mild' as const },
  { min: 10, max: 14, label: 'Moderate', severity: 'moderate' as const },
  { min: 15, max: 27, label: 'Severe', severity: 'severe' as const },
];

const line = (userId: string, displayName: string, scores: [string, number][]): MeasureSeries => ({
  userId,
  displayName,
  exerciseId: 'phq9',
  title: 'PHQ-9 · Patient Health Questionnaire',
  bands: BANDS,
  points: scores.map(([on, score], i) => ({
    homeworkId: `${userId}-${i}`,
    on,
    score,
    band: BANDS.find((b) => score >= b.min && score <= b.max) ?? null,
  })),
});

const SAM = line('sam', 'Sam Rivera', [
  ['2026-11-01', 17],
  ['2026-11-15', 12],
]);
const ALEX = line('alex', 'Alex Rivera', [['2026-11-08', 4]]);

async function render(measures: MeasureSeries[], self = false): Promise<HTMLElement> {
  drawn.length = 0;
  const fixture = TestBed.createComponent(MeasureChart);
  fixture.componentRef.setInput('measures', measures);
  fixture.componentRef.setInput('self', self);
  await fixture.whenStable();
  await new Promise((resolve) => setTimeout(resolve));
  return fixture.nativeElement as HTMLElement;
}

const rows = (element: HTMLElement) =>
  Array.from(element.querySelectorAll('[data-testid="measure-readings"] tbody tr')).map((tr) =>
    Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
  );

describe('MeasureChart', () => {
  it('labels each member’s line by name and tables every reading with its band', async () => {
    const element = await render([SAM, ALEX]);
    expect(rows(element)).toEqual([
      ['Nov 1, 2026', 'Sam Rivera', '17 · Severe'],
      ['Nov 8, 2026', 'Alex Rivera', '4 · Minimal'],
      ['Nov 15, 2026', 'Sam Rivera', '12 · Moderate'],
    ]);
    const latest = Array.from(element.querySelectorAll('[data-testid="measure-latest"]'));
    expect(
      latest.map((l) =>
        Array.from(l.querySelectorAll('span:not(.key), strong')).map((e) => e.textContent?.trim()),
      ),
    ).toEqual([
      ['Sam Rivera', '12 · Moderate', 'Nov 15'],
      ['Alex Rivera', '4 · Minimal', 'Nov 8'],
    ]);
    expect(drawn).toHaveLength(1);
    expect(drawn[0].data.datasets.map((d) => d.label)).toEqual(['Sam Rivera', 'Alex Rivera']);
    expect(drawn[0].plugins?.map((p) => p.id)).toEqual(['mendMeasureBands']);
  });

  it('names the bands in a legend, highest first, and describes the chart in words', async () => {
    const element = await render([SAM]);
    const bands = element.querySelectorAll('[data-testid="measure-bands"] li');
    expect(Array.from(bands).map((b) => b.textContent?.trim())).toEqual([
      '15–27 Severe',
      '10–14 Moderate',
      '5–9 Mild',
      '0–4 Minimal',
    ]);
    expect(element.querySelector('canvas')?.getAttribute('aria-label')).toContain(
      'Sam Rivera’s latest 12 · Moderate, down 5',
    );
  });

  it('says "You" on the client’s own page', async () => {
    const element = await render([SAM], true);
    expect(rows(element)[0]).toEqual(['Nov 1, 2026', '17 · Severe']);
    expect(element.querySelector('[data-testid="measure-latest"]')?.textContent).toContain('You');
    expect(drawn[0].data.datasets.map((d) => d.label)).toEqual(['You']);
  });
});
