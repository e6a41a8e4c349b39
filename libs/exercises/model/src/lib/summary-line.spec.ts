import { normalizeSummary, summaryLine } from './summary-line';

describe('summaryLine', () => {
  it('is the exercise’s own summary when it has one, on one line', () => {
    expect(
      summaryLine({
        summary: '  Notice what you feel,\n and what you need. ',
        instructions: 'Take ten quiet minutes. Then write.',
      }),
    ).toBe('Notice what you feel, and what you need.');
  });

  it('falls back to the first sentence of the instructions', () => {
    expect(
      summaryLine({ summary: null, instructions: 'Take ten quiet minutes. Then write.' }),
    ).toBe('Take ten quiet minutes.');
    expect(summaryLine({ summary: ' ', instructions: 'What helped? Write it down.' })).toBe(
      'What helped?',
    );
    expect(summaryLine({ instructions: 'No full stop at all' })).toBe('No full stop at all');
    // A dot inside a word or number does not end the sentence.
    expect(summaryLine({ instructions: 'Read section 2.5 first. Then answer.' })).toBe(
      'Read section 2.5 first.',
    );
  });

  it('cuts a long first sentence at a word, with an ellipsis', () => {
    const long = `${'Write about the week '.repeat(12)}and stop.`;
    const line = summaryLine({ instructions: long });
    expect(line.length).toBeLessThanOrEqual(161);
    expect(line.endsWith('…')).toBe(true);
    expect(line).toMatch(/^Write about the week .* week…$|^Write about the week .*[a-z]…$/);
  });

  it('is empty only when there is nothing to say', () => {
    expect(summaryLine({ summary: '', instructions: '' })).toBe('');
  });
});

describe('normalizeSummary', () => {
  it('keeps one trimmed line, or null', () => {
    expect(normalizeSummary(' One\nline ')).toBe('One line');
    expect(normalizeSummary('  ')).toBeNull();
    expect(normalizeSummary(undefined)).toBeNull();
  });
});
