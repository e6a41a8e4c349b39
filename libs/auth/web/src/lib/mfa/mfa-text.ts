import type { Me, MfaStatus } from '@mend/shared/contracts';

/** A name for the passkey being made, from the device (the person can change it). */
export function deviceName(userAgent: string = globalThis.navigator?.userAgent ?? ''): string {
  if (/iPhone/.test(userAgent)) return 'iPhone';
  if (/iPad/.test(userAgent)) return 'iPad';
  if (/Android/.test(userAgent))
    return /Mobile/.test(userAgent) ? 'Android phone' : 'Android tablet';
  if (/CrOS/.test(userAgent)) return 'Chromebook';
  if (/Macintosh|Mac OS X/.test(userAgent)) return 'Mac';
  if (/Windows/.test(userAgent)) return 'Windows computer';
  if (/Linux/.test(userAgent)) return 'Linux computer';
  return 'This device';
}

/** An authenticator secret in groups of four, easier to type: "MEND DEMO KEYF …". */
export function groupedSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** Whether the person has a second factor at all. */
export function hasSecondFactor(status: MfaStatus): boolean {
  return status.totp !== null || status.passkeys.length > 0;
}

/** Why this person must use a second step, in one sentence. */
export function whyRequired(me: Me | null | undefined): string {
  const clinic = me?.clinic?.name ?? 'Your clinic';
  return me?.role === 'client'
    ? `${clinic} asks everyone to sign in with a second step, so that a password alone is never enough to open your account.`
    : `Counselors and admins hold clinical records, so ${clinic} asks them to sign in with a second step: a password alone can be guessed or leaked.`;
}

/** The text file of recovery codes a person downloads (with what they are for). */
export function recoveryCodesFile(codes: readonly string[], me: Me | null | undefined): string {
  return [
    `Mend recovery codes${me ? ` for ${me.email} (${me.clinic?.name ?? 'Mend'})` : ''}`,
    '',
    'Each code signs you in once when you cannot use your authenticator app or passkey.',
    'Keep them somewhere safe and private. Making new codes stops these from working.',
    '',
    ...codes,
    '',
  ].join('\n');
}
