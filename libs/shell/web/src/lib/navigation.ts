import type { Role } from '@mend/shared/contracts';

export interface NavItem {
  label: string;
  icon: string;
  path: string;
}

/** Each role's navigation; the caseload, homework and notes features add their entries here. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  admin: [{ label: 'Home', icon: 'home', path: '/' }],
  counselor: [{ label: 'Home', icon: 'home', path: '/' }],
  client: [{ label: 'Home', icon: 'home', path: '/' }],
};

export const ACCOUNT_ITEM: NavItem = {
  label: 'Your account',
  icon: 'manage_accounts',
  path: '/account',
};
