import { joinNames } from '@mend/caseload/web';
import type { DraftSaved, HomeworkDetail } from '@mend/shared/contracts';

/** What a client reads while together homework is paused (never why). */
export const PAUSED_TEXT = 'Your counselor will open joint exercises when it’s the right time.';

/**
 * The detail after one of the viewer's saves landed: a new version of together homework turns
 * the members' confirmations into confirmations of an earlier version (the server keeps them so,
 * to ask those members again). A save of unchanged answers keeps them.
 */
export function afterSave(d: HomeworkDetail, saved: DraftSaved): HomeworkDetail {
  if (saved.version === d.version) return { ...d, status: saved.status };
  const stale = [...d.staleConfirmations];
  for (const c of d.confirmations)
    if (!stale.some((s) => s.userId === c.userId))
      stale.push({ userId: c.userId, displayName: c.displayName });
  return {
    ...d,
    version: saved.version,
    status: saved.status,
    confirmations: [],
    staleConfirmations: d.together ? stale : [],
  };
}

/**
 * The callout beside the Confirm button when the viewer confirmed an earlier version of together
 * homework: "Alex changed the response after you confirmed it. Read it again and confirm." The
 * one who changed it is a member who confirmed the current version, else the case's other
 * members (`others`); `editedHere` when the viewer's own edit made it so. Null otherwise.
 */
export function staleCallout(
  d: Pick<HomeworkDetail, 'together' | 'confirmations' | 'staleConfirmations'>,
  myId: string,
  others: string[],
  editedHere = false,
): string | null {
  if (!d.together || !d.staleConfirmations.some((c) => c.userId === myId)) return null;
  if (d.confirmations.some((c) => c.userId === myId)) return null;
  if (editedHere)
    return 'You changed the response after you confirmed it. Read it again and confirm.';
  const confirmed = d.confirmations.filter((c) => c.userId !== myId).map((c) => c.displayName);
  const who = joinNames(confirmed.length ? confirmed : others) || 'Someone';
  return `${who} changed the response after you confirmed it. Read it again and confirm.`;
}

/** Whether the callout needs the case's other members to name who changed the response. */
export function needsOthers(
  d: Pick<HomeworkDetail, 'together' | 'confirmations' | 'staleConfirmations'>,
  myId: string,
): boolean {
  return (
    d.together &&
    d.staleConfirmations.some((c) => c.userId === myId) &&
    !d.confirmations.some((c) => c.userId !== myId)
  );
}
