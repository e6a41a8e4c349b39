import type { MeasureBand, MeasureSeries } from '@mend/shared/contracts';
import {
  bandOf,
  bandRangeText,
  measureGroups,
  measureReadings,
  measureSummary,
  readerName,
  scoreText,
} from './measures';

const BANDS: MeasureBand[] = [
  { min: 10, max: 14, label: 'Moderate', severity: 'moderate' },
  { min: 0, max: 4, label: 'Minimal', severity: 'none' },
  { min: 5, max: 9, label: 'Mild', severity: 'mild' },
  { min: 15, max: 27, label: 'Severe', severity: 'severe' },
];
const band = (label: string) => BANDS.find((b) => b.label === label) ?? null;

const series = (patch: Partial<MeasureSeries>): MeasureSeries => ({
  userId: 'sam',
  displayName: 'Sam Rivera',
  exerciseId: 'phq9',
  title: 'PHQ-9 · Patient Health Questionnaire',
  bands: BANDS,
  points: [],
  ...patch,
});

const SAM = series({
  points: [
    { homeworkId: 'h2', on: '2026-11-15', score: 12, band: band('Moderate') },
    { homeworkId: 'h1', on: '2026-11-01', score: 17, band: band('Severe') },
  ],
});
const ALEX = series({
  userId: 'alex',
  displayName: 'Alex Rivera',
  points: [{ homeworkId: 'h3', on: '2026-11-08', score: 4, band: null }],
});

describe('scoreText and bandRangeText', () => {
  it('says the score with its band, e.g. "12 · Moderate"', () => {
    expect(scoreText(12, band('Moderate'))).toBe('12 · Moderate');
    expect(scoreText(2.25, null)).toBe('2.3');
  });

  it('says a band’s range and label', () => {
    expect(bandRangeText(BANDS[1])).toBe('0–4 Minimal');
    expect(bandRangeText({ min: 3, max: 3, label: 'Exactly', severity: 'mild' })).toBe('3 Exactly');
  });

  it('finds the band of a score kept without one', () => {
    expect(bandOf(4, BANDS)?.label).toBe('Minimal');
    expect(bandOf(30, BANDS)).toBeNull();
  });
});

describe('readerName', () => {
  it('is the member’s name for counselors and "You" on the client’s own page', () => {
    expect(readerName(SAM, false)).toBe('Sam Rivera');
    expect(readerName(SAM, true)).toBe('You');
  });
});

describe('measureGroups', () => {
  it('puts each member’s line of a measure together, readings and bands in order', () => {
    const [group, ...rest] = measureGroups([SAM, ALEX, series({ exerciseId: 'gad7' })]);
    expect(rest).toEqual([]);
    expect(group.series.map((s) => s.displayName)).toEqual(['Sam Rivera', 'Alex Rivera']);
    expect(group.series[0].points.map((p) => p.on)).toEqual(['2026-11-01', '2026-11-15']);
    expect(group.bands.map((b) => b.label)).toEqual(['Minimal', 'Mild', 'Moderate', 'Severe']);
    expect([group.min, group.max]).toEqual([0, 27]);
  });
});

describe('measureReadings', () => {
  it('lists every reading by date with who and the band, for the table', () => {
    const [group] = measureGroups([SAM, ALEX]);
    expect(measureReadings(group, false).map((r) => [r.on, r.who, r.text])).toEqual([
      ['2026-11-01', 'Sam Rivera', '17 · Severe'],
      ['2026-11-08', 'Alex Rivera', '4 · Minimal'],
      ['2026-11-15', 'Sam Rivera', '12 · Moderate'],
    ]);
  });

  it('says "You" on the client’s own page', () => {
    const [group] = measureGroups([SAM]);
    expect(measureReadings(group, true).map((r) => r.who)).toEqual(['You', 'You']);
  });
});

describe('measureSummary', () => {
  it('states each member’s latest score, how it moved, and the bands', () => {
    const [group] = measureGroups([SAM, ALEX]);
    expect(measureSummary(group, false)).toBe(
      'PHQ-9 · Patient Health Questionnaire: Sam Rivera’s latest 12 · Moderate, down 5; Alex Rivera’s latest 4 · Minimal, the first reading. Bands: 0–4 Minimal, 5–9 Mild, 10–14 Moderate, 15–27 Severe.',
    );
  });

  it('speaks to the client on their own page', () => {
    const [group] = measureGroups([SAM]);
    expect(measureSummary(group, true)).toContain('your latest 12 · Moderate, down 5');
  });
});
