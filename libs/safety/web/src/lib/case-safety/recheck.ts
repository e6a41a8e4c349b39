/** The shortest and longest re-check interval a counselor may set, in weeks. */
export const RECHECK_MIN_WEEKS = 1;
export const RECHECK_MAX_WEEKS = 52;

/** Why a typed re-check interval cannot be saved, or null when it can. */
export function recheckProblem(value: string): string | null {
  const text = value.trim();
  if (!text) return 'Enter a number of weeks.';
  const weeks = Number(text);
  if (!Number.isInteger(weeks)) return 'Enter whole weeks, e.g. 6.';
  if (weeks < RECHECK_MIN_WEEKS || weeks > RECHECK_MAX_WEEKS)
    return `Choose between ${RECHECK_MIN_WEEKS} and ${RECHECK_MAX_WEEKS} weeks.`;
  return null;
}
