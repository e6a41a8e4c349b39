import type { AgreementItem } from '@mend/shared/contracts';

export const AGREEMENT_LIMITS = { itemsMax: 30, textMax: 2000, typedNameMax: 200 } as const;

/** Whitespace runs count as one space and case does not matter: "alex  rivera" signs as "Alex Rivera". */
export function namesMatch(typed: string, displayName: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-US');
  return norm(typed) !== '' && norm(typed) === norm(displayName);
}

/** Items in a stable form to compare a save with what is stored (a retried save is no change). */
export function sameContent(
  a: { items: AgreementItem[]; reviewOn: string | null },
  b: { items: AgreementItem[]; reviewOn: string | null },
): boolean {
  const key = (c: { items: AgreementItem[]; reviewOn: string | null }) =>
    JSON.stringify([c.reviewOn, c.items.map((i) => [i.category, i.text])]);
  return key(a) === key(b);
}
