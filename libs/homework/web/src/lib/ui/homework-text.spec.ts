import { measureResultText, stageText } from './homework-text';

describe('stageText', () => {
  it('is the stage on the path, or "Measure" for a scored measure', () => {
    expect(stageText({ stage: 'transparency' })).toBe('3 · Transparency');
    expect(stageText({ stage: 'acknowledge', isMeasure: true })).toBe('Measure');
    expect(stageText({ stage: 'acknowledge', measure: { method: 'sum' } })).toBe('Measure');
  });
});

describe('measureResultText', () => {
  it('reads "PHQ-9 · 17 (Moderately severe)"', () => {
    expect(
      measureResultText('PHQ-9 · Patient Health Questionnaire', {
        score: 17,
        band: { min: 15, max: 19, label: 'Moderately severe', severity: 'moderately_severe' },
      }),
    ).toBe('PHQ-9 · 17 (Moderately severe)');
    expect(measureResultText('Mend relationship check', { score: 21, band: null })).toBe(
      'Mend relationship check · 21',
    );
  });
});
