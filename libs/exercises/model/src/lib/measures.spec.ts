import type { Answers, FieldDef, MeasureScoring } from '@mend/shared/contracts';
import { BUILT_IN_EXERCISES, BUILT_IN_MEASURES } from './built-in-exercises';
import { fieldDefinitionProblems } from './field-rules';
import { isScorable, measureProblems, normalizeMeasure, scoreMeasure } from './measures';

const measure = (key: string) => {
  const found = BUILT_IN_EXERCISES.find((e) => e.key === key);
  if (!found?.measure) throw new Error(key);
  return { fields: found.fields, measure: found.measure };
};

const FREQUENCY = ['not_at_all', 'several_days', 'more_than_half', 'nearly_every_day'];
/** Answers from the points of each item, in order (0 = not at all … 3 = nearly every day). */
const frequencyAnswers = (content: { fields: FieldDef[] }, points: number[]): Answers =>
  Object.fromEntries(content.fields.map((f, i) => [f.key, FREQUENCY[points[i]]]));

describe('the built-in measures', () => {
  it('are the PHQ-9, the GAD-7 and Mend’s relationship check, in the library', () => {
    expect(BUILT_IN_MEASURES.map((m) => m.key)).toEqual(['phq9', 'gad7', 'relationship_check']);
    for (const m of BUILT_IN_MEASURES) {
      expect(BUILT_IN_EXERCISES).toContain(m);
      expect(m).toMatchObject({ audience: 'each_member', recurrence: 'fortnightly' });
    }
    expect(measure('phq9').fields).toHaveLength(9);
    expect(measure('gad7').fields).toHaveLength(7);
    expect(measure('phq9').measure.validated).toBe(true);
    expect(measure('gad7').measure.validated).toBe(true);
    expect(measure('relationship_check').measure.validated).toBe(false);
  });

  it('flag any thought of self-harm on the PHQ-9 as critical', () => {
    const item9 = measure('phq9').fields[8];
    expect(item9.label).toBe(
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    );
    expect(item9.critical).toEqual({ when: 'at_least', value: 1 });
  });

  it('say plainly that the relationship check is not a validated scale', () => {
    const check = BUILT_IN_EXERCISES.find((e) => e.key === 'relationship_check');
    expect(check?.instructions).toContain('not a validated scale');
  });
});

describe('scoreMeasure', () => {
  describe('PHQ-9 (hand-scored)', () => {
    const phq9 = measure('phq9');
    it.each([
      [[0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'Minimal'],
      [[0, 1, 0, 0, 1, 0, 1, 0, 0], 3, 'Minimal'],
      [[1, 1, 1, 1, 0, 0, 0, 0, 0], 4, 'Minimal'],
      [[1, 1, 1, 1, 1, 0, 0, 0, 0], 5, 'Mild'],
      [[1, 1, 1, 1, 1, 1, 1, 0, 0], 7, 'Mild'],
      [[3, 3, 1, 1, 1, 0, 0, 0, 0], 9, 'Mild'],
      [[2, 2, 1, 1, 1, 1, 1, 1, 0], 10, 'Moderate'],
      [[2, 2, 1, 1, 2, 1, 1, 1, 1], 12, 'Moderate'],
      [[2, 2, 2, 2, 2, 1, 1, 1, 1], 14, 'Moderate'],
      [[2, 2, 2, 2, 2, 2, 1, 1, 1], 15, 'Moderately severe'],
      [[2, 2, 2, 2, 2, 2, 2, 2, 1], 17, 'Moderately severe'],
      [[3, 3, 2, 2, 2, 2, 2, 2, 1], 19, 'Moderately severe'],
      [[3, 3, 3, 2, 2, 2, 2, 2, 1], 20, 'Severe'],
      [[3, 3, 3, 2, 2, 3, 2, 2, 2], 22, 'Severe'],
      [[3, 3, 3, 3, 3, 3, 3, 3, 3], 27, 'Severe'],
    ])('%j scores %i (%s)', (points, score, label) => {
      const result = scoreMeasure(phq9, frequencyAnswers(phq9, points));
      expect(result.score).toBe(score);
      expect(result.band?.label).toBe(label);
      expect(result.answered).toBe(9);
    });

    it('gives each band its severity', () => {
      const severities = [0, 5, 10, 15, 20].map((min) => {
        const points = Array.from({ length: 9 }, (_, i) => Math.min(3, Math.max(0, min - 3 * i)));
        return scoreMeasure(phq9, frequencyAnswers(phq9, points)).band?.severity;
      });
      expect(severities).toEqual(['none', 'mild', 'moderate', 'moderately_severe', 'severe']);
    });
  });

  describe('GAD-7 (hand-scored)', () => {
    const gad7 = measure('gad7');
    it.each([
      [[0, 0, 0, 0, 0, 0, 0], 0, 'Minimal', 'none'],
      [[1, 1, 0, 1, 0, 1, 0], 4, 'Minimal', 'none'],
      [[1, 1, 1, 1, 1, 0, 0], 5, 'Mild', 'mild'],
      [[2, 1, 2, 1, 1, 1, 0], 8, 'Mild', 'mild'],
      [[2, 2, 1, 1, 2, 1, 1], 10, 'Moderate', 'moderate'],
      [[2, 2, 2, 2, 2, 2, 2], 14, 'Moderate', 'moderate'],
      [[3, 2, 2, 2, 2, 2, 2], 15, 'Severe', 'severe'],
      [[3, 3, 3, 3, 3, 3, 3], 21, 'Severe', 'severe'],
    ])('%j scores %i (%s)', (points, score, label, severity) => {
      const result = scoreMeasure(gad7, frequencyAnswers(gad7, points));
      expect(result).toEqual({
        score,
        band: expect.objectContaining({ label, severity }),
        answered: 7,
      });
    });
  });

  describe('Mend relationship check (hand-scored)', () => {
    const check = measure('relationship_check');
    it.each([
      [{ trust: 0, safety: 0, commitment: 0 }, 0, 'Low', 'severe'],
      [{ trust: 2, safety: 5, commitment: 3 }, 10, 'Low', 'severe'],
      [{ trust: 4, safety: 3, commitment: 4 }, 11, 'In the middle', 'moderate'],
      [{ trust: 5, safety: 8, commitment: 7 }, 20, 'In the middle', 'moderate'],
      [{ trust: 6, safety: 7, commitment: 8 }, 21, 'High', 'none'],
      [{ trust: 10, safety: 10, commitment: 10 }, 30, 'High', 'none'],
    ])('%j scores %i (%s)', (answers, score, label, severity) => {
      expect(scoreMeasure(check, answers)).toEqual({
        score,
        band: expect.objectContaining({ label, severity }),
        answered: 3,
      });
    });
  });

  const custom = (scoring: Partial<MeasureScoring>) => ({
    fields: [
      { key: 'calm', type: 'scale', label: 'Calm', required: true },
      { key: 'tense', type: 'scale', label: 'Tense', required: true },
      {
        key: 'sleep',
        type: 'single_choice',
        label: 'Sleep',
        required: true,
        options: [
          { value: 'well', label: 'Well', score: 1 },
          { value: 'badly', label: 'Badly', score: 2 },
          { value: 'not', label: 'Not at all', score: 4 },
        ],
      },
    ] satisfies FieldDef[],
    measure: {
      method: 'sum',
      items: ['calm', 'tense', 'sleep'],
      bands: [
        { min: 0, max: 10, label: 'Low', severity: 'none' },
        { min: 11, max: 24, label: 'High', severity: 'severe' },
      ],
      validated: false,
      ...scoring,
    } satisfies MeasureScoring,
  });

  it('reverses items within their own range: 0–10 for scales, the option scores for choices', () => {
    const content = custom({ reversed: ['tense', 'sleep'] });
    // calm 7, tense 10 - 2 = 8, sleep (4 + 1) - 1 = 4
    expect(scoreMeasure(content, { calm: 7, tense: 2, sleep: 'well' })).toEqual({
      score: 19,
      band: { min: 11, max: 24, label: 'High', severity: 'severe' },
      answered: 3,
    });
    // calm 0, tense 10 - 10 = 0, sleep (4 + 1) - 4 = 1
    expect(scoreMeasure(content, { calm: 0, tense: 10, sleep: 'not' }).score).toBe(1);
  });

  it('averages answered items to two decimals with the mean method', () => {
    const content = custom({
      method: 'mean',
      bands: [
        { min: 0, max: 3.99, label: 'Low', severity: 'none' },
        { min: 4, max: 10, label: 'High', severity: 'moderate' },
      ],
    });
    // (3 + 4 + 2) / 3 = 3
    expect(scoreMeasure(content, { calm: 3, tense: 4, sleep: 'badly' })).toMatchObject({
      score: 3,
      band: { label: 'Low' },
      answered: 3,
    });
    // (5 + 0) / 2 = 2.5, the choice unanswered
    expect(scoreMeasure(content, { calm: 5, tense: 0 })).toMatchObject({
      score: 2.5,
      answered: 2,
    });
    // (7 + 6 + 1) / 3 = 4.666… → 4.67
    expect(scoreMeasure(content, { calm: 7, tense: 6, sleep: 'well' })).toMatchObject({
      score: 4.67,
      band: { label: 'High' },
    });
  });

  it('counts only answered items, has no band without answers or outside every band', () => {
    const content = custom({});
    expect(scoreMeasure(content, { calm: 4, sleep: 'nope' })).toMatchObject({
      score: 4,
      answered: 1,
    });
    expect(scoreMeasure(content, {})).toEqual({ score: 0, band: null, answered: 0 });
    const gap = custom({ bands: [{ min: 0, max: 3, label: 'Low', severity: 'none' }] });
    expect(scoreMeasure(gap, { calm: 9 }).band).toBeNull();
  });
});

describe('measureProblems', () => {
  const fields: FieldDef[] = [
    { key: 'trust', type: 'scale', label: 'Trust', required: true },
    {
      key: 'mood',
      type: 'single_choice',
      label: 'Mood',
      required: true,
      options: [
        { value: 'low', label: 'Low', score: 0 },
        { value: 'high', label: 'High', score: 1 },
      ],
    },
    {
      key: 'unscored',
      type: 'single_choice',
      label: 'Unscored',
      required: true,
      options: [
        { value: 'a', label: 'A', score: 0 },
        { value: 'b', label: 'B' },
      ],
    },
    { key: 'note', type: 'short_text', label: 'Note', required: false },
  ];
  const sound: MeasureScoring = {
    method: 'sum',
    items: ['trust', 'mood'],
    reversed: ['mood'],
    bands: [
      { min: 0, max: 5, label: 'Low', severity: 'moderate' },
      { min: 6, max: 11, label: 'High', severity: 'none' },
    ],
    attribution: 'Our clinic’s own check.',
    validated: false,
  };

  it('accepts a sound measure, and no measure at all', () => {
    expect(measureProblems(sound, fields)).toEqual([]);
    expect(measureProblems(null, fields)).toEqual([]);
    expect(measureProblems(undefined, fields)).toEqual([]);
    expect(measureProblems('sum', fields)).toEqual([
      { field: 'measure', reasons: ['Describe how the measure is scored.'] },
    ]);
  });

  it('needs scorable items that are questions of the form', () => {
    const paths = (items: unknown) =>
      measureProblems({ ...sound, reversed: undefined, items }, fields);
    expect(paths([])).toEqual([
      { field: 'measure.items', reasons: ['Choose the questions that count toward the score.'] },
    ]);
    expect(paths(['trust', 'missing'])[0].reasons).toEqual([
      'Scored questions must be questions of this form.',
    ]);
    expect(paths(['trust', 'trust'])[0].reasons).toEqual(['Count each question once.']);
    expect(paths(['unscored', 'note'])[0].reasons).toEqual([
      'Give every choice of “Unscored” a score.',
      '“Note” cannot be scored: only scales and single choices count.',
    ]);
  });

  it('reverses only counted items', () => {
    expect(measureProblems({ ...sound, reversed: ['note'] }, fields)).toEqual([
      {
        field: 'measure.reversed',
        reasons: ['Only questions that count can be scored in reverse.'],
      },
    ]);
  });

  it('checks each band by its path: numbers, order, overlap, label and severity', () => {
    const problems = measureProblems(
      {
        ...sound,
        bands: [
          { min: 0, max: 5, label: 'Low', severity: 'none' },
          { min: 6, max: 4, label: 'Backwards', severity: 'mild' },
          { min: 5, max: 8, label: ' ', severity: 'awful' },
          { min: null, label: 'Empty', severity: 'none' },
        ],
      },
      fields,
    );
    expect(problems).toEqual([
      {
        field: 'measure.bands.1.max',
        reasons: ['The highest score cannot be below the lowest.'],
      },
      { field: 'measure.bands.2.min', reasons: ['This band overlaps band 1.'] },
      { field: 'measure.bands.2.label', reasons: ['Name the band, e.g. “Mild”.'] },
      { field: 'measure.bands.2.severity', reasons: ['Choose a severity.'] },
      { field: 'measure.bands.3.min', reasons: ['Give the lowest score of this band.'] },
      { field: 'measure.bands.3.max', reasons: ['Give the highest score of this band.'] },
    ]);
    expect(measureProblems({ ...sound, bands: [] }, fields)).toEqual([
      { field: 'measure.bands', reasons: ['Add at least one band of scores.'] },
    ]);
  });

  it('checks the method, the attribution and whether it is validated', () => {
    expect(
      measureProblems(
        { ...sound, method: 'median', attribution: 'x'.repeat(1001), validated: 'yes' },
        fields,
      ).map((p) => p.field),
    ).toEqual(['measure.method', 'measure.attribution', 'measure.validated']);
  });

  it('passes for every built-in measure, whose forms are sound too', () => {
    for (const m of BUILT_IN_MEASURES) {
      expect({ key: m.key, problems: fieldDefinitionProblems(m.fields) }).toEqual({
        key: m.key,
        problems: [],
      });
      expect({ key: m.key, problems: measureProblems(m.measure, m.fields) }).toEqual({
        key: m.key,
        problems: [],
      });
      for (const key of m.measure?.items ?? []) {
        expect(isScorable(m.fields.find((f) => f.key === key) as FieldDef)).toBe(true);
      }
    }
  });
});

describe('normalizeMeasure', () => {
  it('keeps only the known properties, with text trimmed', () => {
    expect(
      normalizeMeasure({
        method: 'mean',
        items: ['a'],
        reversed: [],
        bands: [{ min: 0, max: 1, label: ' Low ', severity: 'none', extra: 1 } as never],
        attribution: '  ',
        validated: true,
        extra: 'x',
      } as MeasureScoring),
    ).toEqual({
      method: 'mean',
      items: ['a'],
      bands: [{ min: 0, max: 1, label: 'Low', severity: 'none' }],
      validated: true,
    });
  });
});
