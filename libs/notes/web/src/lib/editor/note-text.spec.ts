import type { HomeworkSince } from '@mend/shared/contracts';
import {
  appendText,
  compareDrafts,
  defaultSummarySection,
  draftAsText,
  emptySections,
  homeworkSummary,
  sameDraft,
  sectionsMoved,
  sectionsOf,
  switchFormat,
} from './note-text';

describe('note sections', () => {
  it('has every section of the format, in order', () => {
    expect(emptySections('soap')).toEqual({
      subjective: '',
      objective: '',
      assessment: '',
      plan: '',
    });
    expect(Object.keys(emptySections('birp'))).toEqual([
      'behaviour',
      'intervention',
      'response',
      'plan',
    ]);
  });

  it('fills missing sections and drops unknown ones from the server’s text', () => {
    expect(sectionsOf('dap', { data: 'Said', other: 'x' })).toEqual({
      data: 'Said',
      assessment: '',
      plan: '',
    });
  });

  it('puts the homework summary into Subjective, Data or Behaviour by default', () => {
    expect(defaultSummarySection('soap')).toBe('subjective');
    expect(defaultSummarySection('dap')).toBe('data');
    expect(defaultSummarySection('birp')).toBe('behaviour');
  });
});

describe('switchFormat', () => {
  it('keeps shared sections and moves the others, under their headings, into the first one', () => {
    const soap = {
      format: 'soap' as const,
      sections: {
        subjective: 'Kai felt heard.',
        objective: '',
        assessment: 'Stage 2.',
        plan: 'Letter.',
      },
    };
    expect(sectionsMoved(soap, 'dap')).toEqual(['Subjective']);
    expect(switchFormat(soap, 'dap')).toEqual({
      format: 'dap',
      sections: { data: 'Subjective:\nKai felt heard.', assessment: 'Stage 2.', plan: 'Letter.' },
    });
  });

  it('never loses text, even going back and forth', () => {
    const dap = {
      format: 'dap' as const,
      sections: { data: 'Observed calm.', assessment: 'Good.', plan: '' },
    };
    const there = switchFormat(dap, 'birp');
    expect(there.sections['behaviour']).toBe('Data:\nObserved calm.\n\nAssessment:\nGood.');
    const back = switchFormat(there, 'dap');
    expect(back.sections['data']).toContain('Observed calm.');
    expect(back.sections['data']).toContain('Good.');
  });

  it('puts moved text before what the first section already holds', () => {
    const birp = {
      format: 'birp' as const,
      sections: { behaviour: 'Tense.', intervention: 'Timeout skill.', response: '', plan: '' },
    };
    const soap = switchFormat({ format: 'birp', sections: { ...birp.sections } }, 'soap');
    expect(soap.sections['subjective']).toBe('Behaviour:\nTense.\n\nIntervention:\nTimeout skill.');
    const withText = switchFormat(
      { format: 'dap', sections: { data: 'Data text', assessment: '', plan: '' } },
      'soap',
    );
    expect(withText.sections['subjective']).toBe('Data:\nData text');
  });
});

describe('homeworkSummary', () => {
  const since: HomeworkSince = {
    since: '2026-05-03T15:00:00Z',
    until: '2026-05-10T15:00:00Z',
    items: [
      {
        homeworkId: 'h1',
        title: 'Trust thermometer',
        member: { userId: 'k', displayName: 'Kai Moreno' },
        submittedAt: '2026-05-08T12:00:00Z',
        scales: [
          { label: 'Trust', value: 7 },
          { label: 'Safety', value: 8 },
        ],
        measure: null,
      },
      {
        homeworkId: 'h2',
        title: 'Shared agreements',
        member: null,
        submittedAt: '2026-05-09T12:00:00Z',
        scales: [],
        measure: null,
      },
    ],
    pinned: [],
  };

  it('lists each piece with whose it is, when, and its 0–10 answers', () => {
    expect(homeworkSummary(since)).toBe(
      [
        'Homework submitted since the session of May 3:',
        '- Trust thermometer (Kai Moreno, May 8): Trust 7/10; Safety 8/10',
        '- Shared agreements (together, May 9)',
      ].join('\n'),
    );
  });

  it('gives a measure its score and band', () => {
    const phq = {
      homeworkId: 'h3',
      title: 'PHQ-9 · Patient Health Questionnaire',
      member: { userId: 'k', displayName: 'Kai Moreno' },
      submittedAt: '2026-05-10T12:00:00Z',
      scales: [],
      measure: {
        score: 12,
        band: { min: 10, max: 14, label: 'Moderate', severity: 'moderate' as const },
      },
    };
    expect(homeworkSummary({ ...since, items: [phq] })).toContain(
      '- PHQ-9 · Patient Health Questionnaire (Kai Moreno, May 10): score 12 (Moderate)',
    );
  });

  it('is empty when nothing came in, and names the start of the case for a first session', () => {
    expect(homeworkSummary({ ...since, items: [] })).toBe('');
    expect(homeworkSummary({ ...since, since: null })).toMatch(
      /^Homework submitted since the start of the case:/,
    );
  });
});

describe('text helpers', () => {
  it('appends a blank line apart', () => {
    expect(appendText('', 'B')).toBe('B');
    expect(appendText('A\n\n', 'B')).toBe('A\n\nB');
  });

  it('writes a draft as plain text for copying', () => {
    expect(draftAsText({ format: 'dap', sections: { data: 'D', assessment: '', plan: 'P' } })).toBe(
      'DAP note\n\nData\nD\n\nPlan\nP',
    );
    expect(draftAsText({ format: 'dap', sections: emptySections('dap') })).toBe('');
  });

  it('compares drafts section by section', () => {
    const a = { format: 'dap' as const, sections: { data: 'x', assessment: '', plan: '' } };
    expect(sameDraft(a, { ...a, sections: { ...a.sections } })).toBe(true);
    expect(sameDraft(a, { ...a, sections: { ...a.sections, plan: 'y' } })).toBe(false);
    expect(sameDraft(a, { format: 'soap', sections: {} })).toBe(false);
  });
});

describe('compareDrafts', () => {
  it('puts the differing sections side by side and names the same ones', () => {
    const mine = {
      format: 'dap' as const,
      sections: { data: 'Same', assessment: 'Mine', plan: '' },
    };
    const theirs = {
      format: 'dap' as const,
      sections: { data: 'Same', assessment: 'Theirs', plan: 'Added there' },
    };
    expect(compareDrafts(mine, theirs)).toEqual({
      sameFormat: true,
      differing: [
        { label: 'Assessment', theirs: 'Theirs', mine: 'Mine' },
        { label: 'Plan', theirs: 'Added there', mine: '' },
      ],
      same: ['Data'],
    });
  });

  it('shows every saved section when the formats differ', () => {
    const result = compareDrafts(
      { format: 'soap', sections: emptySections('soap') },
      { format: 'dap', sections: { data: 'D', assessment: '', plan: '' } },
    );
    expect(result.sameFormat).toBe(false);
    expect(result.differing.map((r) => [r.label, r.mine])).toEqual([
      ['Data', null],
      ['Assessment', null],
      ['Plan', null],
    ]);
  });
});
