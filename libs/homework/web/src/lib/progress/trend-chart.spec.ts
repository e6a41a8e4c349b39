import { TestBed } from '@angular/core/testing';
import type { TrendSeries } from '@mend/shared/contracts';
import { TrendChart } from './trend-chart';

jest.mock('chart.js/auto', () => ({
  __esModule: true,
  // Chart.js cannot draw in jsdom: the table is what is checked here.
  default: class {
    destroy(): void {
      // nothing to free
    }
  },
}));

const line = (userId: string, displayName: string, points: [string, number][]): TrendSeries => ({
  userId,
  displayName,
  fieldKey: 'trust',
  fieldLabel: 'How much I trust my partner',
  exerciseTitle: 'Trust thermometer',
  points: points.map(([on, value], i) => ({ homeworkId: `${userId}-${i}`, on, value })),
});

const SAM = line('sam', 'Sam Rivera', [
  ['2026-11-01', 3],
  ['2026-11-08', 5],
]);
const ALEX = line('alex', 'Alex Rivera', [['2026-11-08', 7]]);

async function render(series: TrendSeries[], self = false): Promise<HTMLElement> {
  const fixture = TestBed.createComponent(TrendChart);
  fixture.componentRef.setInput('series', series);
  fixture.componentRef.setInput('self', self);
  await fixture.whenStable();
  return fixture.nativeElement as HTMLElement;
}

const table = (element: HTMLElement) =>
  Array.from(element.querySelectorAll('[data-testid="trend-readings"] tr')).map((tr) =>
    Array.from(tr.querySelectorAll('th, td')).map((cell) => cell.textContent?.trim()),
  );

describe('TrendChart', () => {
  it('has every answer in a table beside the chart, its text alternative', async () => {
    const element = await render([SAM, ALEX]);
    expect(table(element)).toEqual([
      ['Date', 'Sam Rivera', 'Alex Rivera'],
      ['Nov 1, 2026', '3 / 10', '–no answer'],
      ['Nov 8, 2026', '5 / 10', '7 / 10'],
    ]);
    const details = element.querySelector('details.as-table');
    expect(details?.querySelector('summary')?.textContent).toContain('Show every answer');
    expect(details?.querySelector('caption')?.textContent).toContain('How much I trust my partner');
  });

  it('heads the client’s own column "Your answer"', async () => {
    const element = await render([SAM], true);
    expect(table(element)[0]).toEqual(['Date', 'Your answer']);
  });
});
