import type { AgreementSummary, AgreementView, Role } from '@mend/shared/contracts';

/** What a client is told while joint work is closed: never why. */
export const CLIENT_PAUSED = 'Your counselor will open joint exercises when it’s the right time.';

/** What a counselor is told: what is missing, and where to see it. */
export const COUNSELOR_PAUSED =
  'Joint work is closed for this case: the agreement can be read, but not changed, signed, reviewed or downloaded until each member’s individual safety conversation clears them.';

/**
 * Whether the agreement's joint work looks closed from the current version: a draft nobody may
 * edit, or a latest signed version nobody may review (the server answers these flags with the
 * gate in mind).
 */
export function pausedByFlags(current: Pick<AgreementView, 'status' | 'can'> | null): boolean {
  if (!current) return false;
  return current.status === 'draft' ? !current.can.edit : !current.can.review;
}

/** "Version 2 · signed", "Version 3 · draft". */
export function versionLabel(summary: Pick<AgreementSummary, 'number' | 'status'>): string {
  return `Version ${summary.number} · ${summary.status === 'signed' ? 'signed' : 'draft'}`;
}

/** Who still has to sign the current version, by name. */
export function waitingFor(view: Pick<AgreementView, 'members'>, meId?: string): string[] {
  return view.members
    .filter((m) => !m.signed)
    .map((m) => (m.userId === meId ? 'you' : m.displayName));
}

/** The route of the agreement page for the role (counselors from the case, clients from theirs). */
export function agreementLink(role: Role | undefined, caseId: string): string[] {
  return role === 'client' ? ['/my-case', caseId, 'agreement'] : ['/cases', caseId, 'agreement'];
}
