import type { Role } from '@mend/shared/contracts';

export interface NavItem {
  label: string;
  icon: string;
  path: string;
  /** A count shown beside the label (and said in the link's name). */
  badge?: 'unreadMessages';
}

const HOME: NavItem = { label: 'Home', icon: 'home', path: '/' };
const MESSAGES: NavItem = {
  label: 'Messages',
  icon: 'forum',
  path: '/messages',
  badge: 'unreadMessages',
};

/** Each role's navigation; the homework and notes features add their entries here. */
export const NAVIGATION: Record<Role, NavItem[]> = {
  admin: [
    HOME,
    { label: 'People', icon: 'groups', path: '/people' },
    { label: 'Cases', icon: 'folder_shared', path: '/cases' },
    { label: 'Caseload', icon: 'insights', path: '/caseload' },
    { label: 'Measures', icon: 'assessment', path: '/exercises' },
    { label: 'Audit trail', icon: 'policy', path: '/audit' },
  ],
  counselor: [
    HOME,
    { label: 'My caseload', icon: 'folder_shared', path: '/cases' },
    { label: 'Sessions', icon: 'event_note', path: '/sessions' },
    { label: 'Review inbox', icon: 'rate_review', path: '/review' },
    MESSAGES,
    { label: 'Exercises', icon: 'menu_book', path: '/exercises' },
  ],
  client: [
    HOME,
    { label: 'My homework', icon: 'edit_note', path: '/homework' },
    { label: 'My progress', icon: 'show_chart', path: '/progress' },
    { label: 'My case', icon: 'diversity_3', path: '/my-case' },
    { label: 'Appointments', icon: 'event', path: '/appointments' },
    MESSAGES,
  ],
};

export const ACCOUNT_ITEM: NavItem = {
  label: 'Your account',
  icon: 'manage_accounts',
  path: '/account',
};

/** Everyone's mail preferences (kinds of mail, time zone, quiet hours), in the user menu. */
export const MAIL_SETTINGS_ITEM: NavItem = {
  label: 'Mail settings',
  icon: 'mail_outline',
  path: '/settings/notifications',
};

/** Counselors: when clients may ask for appointments, and their calendar feed (user menu). */
export const AVAILABILITY_ITEM: NavItem = {
  label: 'Availability',
  icon: 'schedule',
  path: '/settings/availability',
};

/** Everyone's two-step sign-in (authenticator app, passkeys, recovery codes), in the user menu. */
export const SECURITY_ITEM: NavItem = {
  label: 'Sign-in security',
  icon: 'security',
  path: '/settings/security',
};
