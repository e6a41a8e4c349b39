import type { ExerciseContent } from '@mend/shared/contracts';

/** The longest summary an exercise can have: one line on a card. */
export const SUMMARY_MAX = 200;
/** A first sentence of the instructions longer than this is cut at a word. */
const DERIVED_MAX = 160;

/**
 * The one line a library card shows about what an exercise asks: its own summary, or else the
 * first sentence of its instructions (cut at a word, with "…", when it runs long).
 */
export function summaryLine(content: Pick<ExerciseContent, 'summary' | 'instructions'>): string {
  const own = content.summary?.replace(/\s+/g, ' ').trim();
  if (own) return own;
  const text = (content.instructions ?? '').replace(/\s+/g, ' ').trim();
  const sentence = /^.*?[.!?…](?=\s|$)/.exec(text)?.[0] ?? text;
  if (sentence.length <= DERIVED_MAX) return sentence;
  const cut = sentence.slice(0, DERIVED_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > DERIVED_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

/** A summary as stored: one line, trimmed; null when empty. */
export function normalizeSummary(summary: string | null | undefined): string | null {
  const line = summary?.replace(/\s+/g, ' ').trim();
  return line ? line : null;
}
