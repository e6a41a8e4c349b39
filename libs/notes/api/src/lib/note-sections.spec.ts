import { sectionProblems, sectionsOf, sectionWriters, withWriter } from './note-sections';
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

  it('adds a writer once, at the end', () => {
    expect(withWriter([], 'maya')).toEqual(['maya']);
    expect(withWriter(['maya'], 'omar')).toEqual(['maya', 'omar']);
    expect(withWriter(['maya', 'omar'], 'maya')).toEqual(['maya', 'omar']);
  });

  it('records who changed each section; sections the format no longer has are dropped', () => {
    const soap = { subjective: 'a', objective: 'b', assessment: '', plan: 'c' };
    expect(sectionWriters({}, soap, ['subjective', 'objective'], 'maya')).toEqual({
      subjective: ['maya'],
      objective: ['maya'],
    });
    expect(
      sectionWriters({ subjective: ['maya'], objective: ['maya'] }, soap, ['subjective'], 'omar'),
    ).toEqual({ subjective: ['maya', 'omar'], objective: ['maya'] });
    const dap = { data: 'a b', assessment: '', plan: 'c' };
    expect(sectionWriters({ subjective: ['maya'], plan: ['maya'] }, dap, ['data'], 'omar')).toEqual(
      { data: ['omar'], plan: ['maya'] },
    );
  });
});
