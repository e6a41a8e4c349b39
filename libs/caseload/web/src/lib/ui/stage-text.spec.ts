import { STAGES } from '@mend/shared/contracts';
import {
  clientPathText,
  movedBack,
  nextStage,
  pathSteps,
  stageEventText,
  stageMoveText,
  stageName,
  stageNumber,
  visitedStages,
} from './stage-text';

describe('stage wording', () => {
  it('numbers and names the nine stages', () => {
    expect(STAGES.map(stageNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(stageName('acknowledge')).toBe('Acknowledge the hurt');
    expect(stageName('way_forward')).toBe('Deciding the way forward');
  });

  it('knows what comes next, and that the last stage has nothing after it', () => {
    expect(nextStage('acknowledge')).toBe('responsibility');
    expect(nextStage('time')).toBe('way_forward');
    expect(nextStage('way_forward')).toBeNull();
  });

  it('tells a move forward from a move back', () => {
    expect(movedBack({ from: 'repair', to: 'acknowledge' })).toBe(true);
    expect(movedBack({ from: 'acknowledge', to: 'way_forward' })).toBe(false);
    expect(stageMoveText({ from: 'acknowledge', to: 'transparency' })).toBe(
      'Moved forward to 3 · Transparency',
    );
    expect(stageMoveText({ from: 'repair', to: 'responsibility' })).toBe(
      'Moved back to 2 · Take responsibility',
    );
  });

  it('words the audit event from its stages alone', () => {
    expect(stageEventText({ from: 'acknowledge', to: 'repair' })).toBe(
      'Moved the case on the path of repair from 1 · Acknowledge the hurt to 4 · Repair, not revenge',
    );
    expect(stageEventText({ to: 'repair' })).toBe(
      'Moved the case on the path of repair to 4 · Repair, not revenge',
    );
    expect(stageEventText({})).toBe('Moved the case on the path of repair');
  });

  it('lists every stage with what it is about, marking only the current one', () => {
    const steps = pathSteps('repair');
    expect(steps).toHaveLength(9);
    expect(steps.filter((s) => s.current).map((s) => s.stage)).toEqual(['repair']);
    expect(steps[3]).toMatchObject({ number: 4, name: 'Repair, not revenge' });
    expect(steps.every((s) => s.about.length > 20)).toBe(true);
  });

  it('collects the stages a case has stood at', () => {
    expect(
      [
        ...visitedStages('responsibility', [
          { from: 'transparency', to: 'responsibility' },
          { from: 'acknowledge', to: 'transparency' },
        ]),
      ].sort(),
    ).toEqual(['acknowledge', 'responsibility', 'transparency']);
    expect([...visitedStages('acknowledge', [])]).toEqual(['acknowledge']);
  });
});

describe('clientPathText', () => {
  it('says where the client is, what this stage is about and what comes next', () => {
    const text = clientPathText('transparency');
    expect(text.now).toEqual({
      name: 'Transparency',
      about: expect.stringContaining('Openness that is offered'),
    });
    expect(text.next).toEqual({
      name: 'Repair, not revenge',
      about: expect.stringContaining('feel safe again'),
    });
    expect(text.steps.find((s) => s.current)?.stage).toBe('transparency');
  });

  it('has no next stage at the end, and says so warmly', () => {
    const text = clientPathText('way_forward');
    expect(text.next).toBeNull();
    expect(text.lastWords).toContain('nothing to rush towards');
  });

  it('never counts down, times or scores the path', () => {
    for (const stage of STAGES) {
      const { steps, ...words } = clientPathText(stage);
      const all = JSON.stringify({ words, names: steps.map((s) => [s.name, s.about]) });
      expect(all).not.toMatch(/\d|%|\bdays?\b|countdown|timer|remaining|percent/i);
    }
  });
});
