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
