import {
  STAGE_ABOUT,
  STAGE_LABELS,
  STAGES,
  type Stage,
  type StageChangeView,
} from '@mend/shared/contracts';

const isStage = (value: unknown): value is Stage => (STAGES as readonly unknown[]).includes(value);

/** 1 to 9: the stage's place on the path. */
export function stageNumber(stage: Stage): number {
  return STAGES.indexOf(stage) + 1;
}

/** The stage's name without its number: "Transparency". */
export function stageName(stage: Stage): string {
  return STAGE_LABELS[stage].replace(/^\d+\s*·\s*/, '');
}

/** The stage after this one on the path, or null at the last. */
export function nextStage(stage: Stage): Stage | null {
  return STAGES[STAGES.indexOf(stage) + 1] ?? null;
}

/** Whether a move went back to an earlier stage (the path is guidance, not a strict order). */
export function movedBack(change: Pick<StageChangeView, 'from' | 'to'>): boolean {
  return stageNumber(change.to) < stageNumber(change.from);
}

/** Where a move went, in the counselor's words: "Moved forward to 3 · Transparency". */
export function stageMoveText(change: Pick<StageChangeView, 'from' | 'to'>): string {
  return `Moved ${movedBack(change) ? 'back' : 'forward'} to ${STAGE_LABELS[change.to]}`;
}

/** For the admins' history line of a `case.stage_changed` event (stages only, never reasons). */
export function stageEventText(details: Record<string, unknown>): string {
  const { from, to } = details;
  if (!isStage(to)) return 'Moved the case on the path of repair';
  return isStage(from)
    ? `Moved the case on the path of repair from ${STAGE_LABELS[from]} to ${STAGE_LABELS[to]}`
    : `Moved the case on the path of repair to ${STAGE_LABELS[to]}`;
}

/** One stage of the path as a client reads it: no timer, no score, only where and what. */
export interface PathStep {
  stage: Stage;
  number: number;
  name: string;
  about: string;
  current: boolean;
}

/** The nine stages, the current one marked. */
export function pathSteps(current: Stage): PathStep[] {
  return STAGES.map((stage) => ({
    stage,
    number: stageNumber(stage),
    name: stageName(stage),
    about: STAGE_ABOUT[stage],
    current: stage === current,
  }));
}

/** The stages a case has stood at, from its history (and where it is now). */
export function visitedStages(
  current: Stage,
  history: readonly Pick<StageChangeView, 'from' | 'to'>[],
): Set<Stage> {
  return new Set<Stage>([current, ...history.flatMap((h) => [h.from, h.to])]);
}

/** What a client reads about their path: where they are, what is next, and nothing timed. */
export interface ClientPathText {
  now: { name: string; about: string };
  /** Null at the last stage. */
  next: { name: string; about: string } | null;
  /** Said instead of "what comes next" at the last stage. */
  lastWords: string;
  /** The same reassurance at every stage. */
  gentle: string;
  steps: PathStep[];
}

export function clientPathText(stage: Stage): ClientPathText {
  const next = nextStage(stage);
  return {
    now: { name: stageName(stage), about: STAGE_ABOUT[stage] },
    next: next ? { name: stageName(next), about: STAGE_ABOUT[next] } : null,
    lastWords:
      'This is the last stage on the path. There is nothing to rush towards: you and your ' +
      'counselor will keep talking, honestly and with care, about how you each want to go on.',
    gentle:
      'The path is a guide, not a race. Each stage takes the time it needs, and coming back to ' +
      'an earlier one is a normal part of healing. You and your counselor decide together when ' +
      'to move on.',
    steps: pathSteps(stage),
  };
}
