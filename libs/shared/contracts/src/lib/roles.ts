/** Who a user is in a clinic. See DOMAIN.md, "Who uses it". */
export const ROLES = ['admin', 'counselor', 'client'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** How the people list is ordered: by name (the default), or the most recently added first. */
export const USER_SORTS = ['name', 'newest'] as const;
export type UserSort = (typeof USER_SORTS)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Clinic admin',
  counselor: 'Counselor',
  client: 'Client',
};
