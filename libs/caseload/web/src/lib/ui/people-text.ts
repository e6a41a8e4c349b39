import type { UserStatus } from '@mend/shared/contracts';

export const USER_STATUS_TEXT: Record<UserStatus, string> = {
  active: 'Active',
  invited: 'Invited',
  disabled: 'Disabled',
};

/** The chip class of an account status: calm for active, warm for pending, red for disabled. */
export const USER_STATUS_TONE: Record<UserStatus, 'ok' | 'pending' | 'off'> = {
  active: 'ok',
  invited: 'pending',
  disabled: 'off',
};

/** The badge of an account: an invited person has not accepted their invitation yet. */
export const USER_STATUS_BADGE: Record<UserStatus, string> = {
  active: 'Active',
  invited: 'Invitation not accepted',
  disabled: 'Disabled',
};

/**
 * A counselor's name where counselors are chosen for a case: one who has not accepted their
 * invitation can be assigned, but cannot work on the case until they do.
 */
export function counselorChoiceName(person: { displayName: string; status?: UserStatus }): string {
  return person.status === 'invited'
    ? `${person.displayName} (invitation not accepted)`
    : person.displayName;
}
