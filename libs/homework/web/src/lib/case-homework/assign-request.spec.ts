import type { CaseMemberView, ExerciseSummary } from '@mend/shared/contracts';
import {
  assignSummary,
  defaultTarget,
  defaultUntil,
  exerciseDefaults,
  exerciseGroups,
  exerciseStageText,
  occurrences,
  toAssignRequest,
} from './assign-request';

const day = (y: number, m: number, d: number) => new Date(y, m - 1, d);

describe('toAssignRequest', () => {
  it('sends the member only for one member, and "until" only for repeating work', () => {
    expect(
      toAssignRequest({
        exerciseId: 'e1',
        target: 'each',
        memberId: 'm1',
        dueOn: day(2026, 5, 12),
        recurrence: 'once',
        until: day(2026, 6, 1),
        instructions: '  ',
      }),
    ).toEqual({ exerciseId: 'e1', target: 'each', dueOn: '2026-05-12', recurrence: 'once' });

    expect(
      toAssignRequest({
        exerciseId: 'e1',
        target: 'member',
        memberId: 'm1',
        dueOn: day(2026, 5, 12),
        recurrence: 'weekly',
        until: day(2026, 6, 9),
        instructions: ' Take your time. ',
      }),
    ).toEqual({
      exerciseId: 'e1',
      target: 'member',
      memberId: 'm1',
      dueOn: '2026-05-12',
      recurrence: 'weekly',
      until: '2026-06-09',
      instructions: 'Take your time.',
    });
  });
});

describe('defaultTarget', () => {
  const members: CaseMemberView[] = [
    { userId: 'sam', displayName: 'Sam', label: 'broke_trust' },
    { userId: 'alex', displayName: 'Alex', label: 'was_hurt' },
  ];

  it('follows who the exercise is written for', () => {
    expect(defaultTarget('together', members)).toEqual({ target: 'together', memberId: null });
    expect(defaultTarget('each_member', members).target).toBe('each');
    expect(defaultTarget('was_hurt', members)).toEqual({ target: 'member', memberId: 'alex' });
    expect(defaultTarget('broke_trust', members)).toEqual({ target: 'member', memberId: 'sam' });
  });

  it('leaves the member to choose when nobody carries the label', () => {
    expect(defaultTarget('was_hurt', [{ userId: 'a', displayName: 'A' }])).toEqual({
      target: 'member',
      memberId: null,
    });
  });
});

describe('occurrences and assignSummary', () => {
  it('counts the due dates of a schedule', () => {
    expect(occurrences(day(2026, 5, 12), 'once', null)).toBe(1);
    expect(occurrences(day(2026, 5, 12), 'weekly', day(2026, 6, 9))).toBe(5);
    expect(occurrences(day(2026, 5, 12), 'daily', day(2026, 5, 18))).toBe(7);
    expect(occurrences(day(2026, 5, 12), 'weekly', day(2026, 5, 1))).toBe(0);
    expect(occurrences(null, 'once', null)).toBe(0);
    expect(occurrences(day(2026, 5, 12), 'fortnightly', day(2026, 8, 4))).toBe(7);
  });

  it('says what will be created', () => {
    expect(
      assignSummary(
        { target: 'each', dueOn: day(2026, 5, 12), recurrence: 'weekly', until: day(2026, 6, 9) },
        2,
      ),
    ).toBe(
      'Creates 5 pieces of homework for each of the 2 members, due weekly from May 12, 2026 until Jun 9, 2026. You can stop it at any time.',
    );
    expect(
      assignSummary(
        { target: 'together', dueOn: day(2026, 5, 12), recurrence: 'once', until: null },
        2,
      ),
    ).toBe('Creates one piece of homework the members share, due May 12, 2026.');
    expect(
      assignSummary(
        {
          target: 'member',
          dueOn: day(2026, 5, 12),
          recurrence: 'fortnightly',
          until: day(2026, 6, 9),
        },
        2,
      ),
    ).toBe(
      'Creates 3 pieces of homework, due every 2 weeks from May 12, 2026 until Jun 9, 2026. You can stop it at any time.',
    );
  });
});

const exercise = (patch: Partial<ExerciseSummary>): ExerciseSummary => ({
  id: 'e1',
  title: 'Trust thermometer',
  stage: 'time',
  audience: 'each_member',
  recurrence: 'weekly',
  builtIn: true,
  summaryLine: '',
  isMeasure: false,
  status: 'active',
  version: 1,
  owner: null,
  basedOn: null,
  ...patch,
});

describe('measures in the assign form', () => {
  const members: CaseMemberView[] = [
    { userId: 'sam', displayName: 'Sam' },
    { userId: 'alex', displayName: 'Alex' },
  ];

  it('repeats a measure every 2 weeks for about three months', () => {
    const due = day(2026, 5, 12);
    expect(
      exerciseDefaults(exercise({ isMeasure: true, recurrence: 'once' }), members, due),
    ).toEqual({
      target: 'each',
      memberId: 'sam',
      recurrence: 'fortnightly',
      until: day(2026, 8, 4),
    });
    expect(exerciseDefaults(exercise({}), members, due)).toEqual({
      target: 'each',
      memberId: 'sam',
      recurrence: 'weekly',
    });
  });

  it('suggests a last due date for each way of repeating', () => {
    const due = day(2026, 5, 12);
    expect(defaultUntil(due, 'once')).toBeNull();
    expect(defaultUntil(due, 'daily')).toEqual(day(2026, 5, 25));
    expect(defaultUntil(due, 'weekly')).toEqual(day(2026, 6, 9));
    expect(defaultUntil(due, 'fortnightly')).toEqual(day(2026, 7, 7));
    expect(defaultUntil(due, 'fortnightly', true)).toEqual(day(2026, 8, 4));
  });

  it('lists the measures apart from the stages, and calls them "Measure"', () => {
    const groups = exerciseGroups([
      exercise({ id: 'phq9', title: 'PHQ-9', stage: 'acknowledge', isMeasure: true }),
      exercise({ id: 'letter', title: 'Accountability letter', stage: 'responsibility' }),
      exercise({ id: 'open', title: 'Open questions', stage: 'acknowledge' }),
    ]);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ['1 · Acknowledge the hurt', ['open']],
      ['2 · Take responsibility', ['letter']],
      ['Measures', ['phq9']],
    ]);
    expect(exerciseStageText(exercise({ isMeasure: true }))).toBe('Measure');
    expect(exerciseStageText(exercise({}))).toBe('8 · Time and patience');
  });
});
