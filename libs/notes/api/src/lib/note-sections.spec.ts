import { sectionProblems, sectionsOf } from './note-sections';
import { safeTimeZone } from '@mend/shared/server';

describe('note sections', () => {
  it('gives every section of the format, in order, and drops the others', () => {
    expect(sectionsOf('dap', { plan: 'Next week', behaviour: 'stray' })).toEqual({
      data: '',
      assessment: '',
      plan: 'Next week',
    });
  });

  it('names each section that is unknown, not text, or too long', () => {
    expect(
      sectionProblems('soap', {
        subjective: 'ok',
        data: 'x',
        plan: 3,
        objective: 'y'.repeat(20_001),
      }),
    ).toEqual([
      { field: 'sections.data', reasons: ['SOAP has no section “data”.'] },
      { field: 'sections.plan', reasons: ['Write text here.'] },
      { field: 'sections.objective', reasons: ['Keep it under 20,000 characters.'] },
    ]);
  });
});

describe('safeTimeZone', () => {
  it('keeps a zone Intl knows and falls back to UTC otherwise', () => {
    expect(safeTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(safeTimeZone('Mars/Olympus')).toBe('UTC');
    expect(safeTimeZone(undefined)).toBe('UTC');
  });
});
