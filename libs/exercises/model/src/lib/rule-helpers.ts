import type { FieldError, FieldOption } from '@mend/shared/contracts';

// Helpers shared by the model's rule sets (not part of the library's public API).

/** Adds `reason` to the problems at `field`. */
export function problem(errors: FieldError[], field: string, reason: string): void {
  const existing = errors.find((e) => e.field === field);
  if (existing) existing.reasons.push(reason);
  else errors.push({ field, reasons: [reason] });
}

export function isScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** The lowest and highest option score of a choice whose every option is scored; else null. */
export function optionScoreRange(
  options: readonly (Partial<FieldOption> | null | undefined)[] | undefined,
): { min: number; max: number } | null {
  if (!Array.isArray(options) || options.length === 0) return null;
  const scores = options.map((o) => o?.score);
  if (!scores.every(isScore)) return null;
  return { min: Math.min(...scores), max: Math.max(...scores) };
}
