import type { Role } from './roles';

/**
 * What Mend tells people about, in the app (the bell) and by mail. A mail never says which of
 * these it is: it only says there is something new in Mend, with a link.
 */
export const NOTIFICATION_KINDS = [
  'homework_assigned',
  'homework_due',
  'homework_overdue',
  'feedback_given',
  'revision_requested',
  'response_shared',
  'measure_due',
  'session_upcoming',
  'homework_submitted',
  'safety_alert',
  'notes_unsigned',
  'invitation_unaccepted',
  'mail_failed',
  'message_received',
  'appointment_changed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The kinds each role can receive, in the order the preferences page lists them. */
export const NOTIFICATION_KINDS_BY_ROLE: Record<Role, readonly NotificationKind[]> = {
  client: [
    'homework_assigned',
    'homework_due',
    'homework_overdue',
    'feedback_given',
    'revision_requested',
    'response_shared',
    'measure_due',
    'session_upcoming',
    'message_received',
    'appointment_changed',
  ],
  counselor: [
    'homework_submitted',
    'safety_alert',
    'notes_unsigned',
    'message_received',
    'appointment_changed',
  ],
  admin: ['invitation_unaccepted', 'mail_failed'],
};

/** How the preferences page names each kind of mail. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  homework_assigned: 'New homework from your counselor',
  homework_due: 'Homework due tomorrow',
  homework_overdue: 'Homework past its due date',
  feedback_given: 'Feedback from your counselor',
  revision_requested: 'Homework sent back to you',
  response_shared: 'A response shared with you',
  measure_due: 'A questionnaire to fill in',
  session_upcoming: 'A session tomorrow',
  homework_submitted: 'Homework handed in by your clients',
  safety_alert: 'A critical answer that needs your attention',
  notes_unsigned: 'Session notes left unsigned for more than 3 days (weekly)',
  invitation_unaccepted: 'Invitations not accepted after 7 days',
  mail_failed: 'Mail that could not be delivered',
  message_received: 'A new message in a conversation',
  appointment_changed: 'Appointments requested, confirmed, changed or cancelled',
};

/** `GET /api/notifications` item: visible only to its recipient. */
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  /** In-app wording with its details (never put in a mail). */
  text: string;
  /** Where opening it leads, a path of the web app. */
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface UnreadCount {
  unread: number;
}

/** How often a counselor hears by mail about homework handed in. */
export const SUBMITTED_MAIL_CHOICES = ['hourly', 'daily'] as const;
export type SubmittedMailChoice = (typeof SUBMITTED_MAIL_CHOICES)[number];

/** `GET|PUT /api/notifications/preferences` */
export interface NotificationPreferences {
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone: string;
  /** Whether the time zone was chosen (or taken from the browser) rather than the default. */
  timeZoneSet: boolean;
  /** Local "HH:MM"; no mail is sent between quietStart and quietEnd. */
  quietStart: string;
  quietEnd: string;
  /** Kinds of mail turned off. Security mail (invitations, password resets) always goes. */
  mailOff: NotificationKind[];
  submittedMail: SubmittedMailChoice;
}

export const DEFAULT_QUIET_START = '21:00';
export const DEFAULT_QUIET_END = '08:00';

/** `POST /api/notifications/unsubscribe` (public: the signed token is the proof). */
export interface UnsubscribeRequest {
  token: string;
}
export interface UnsubscribeResult {
  kind: NotificationKind;
  label: string;
}

/** `GET /api/notifications/deliveries` (admin): failed mail as counts with reasons, no content. */
export interface DeliveryFailures {
  /** Since this instant (the last 30 days). */
  since: string;
  failures: { reason: string; count: number }[];
  /** Mails still waiting to be sent (quiet hours, retries). */
  waiting: number;
  /** Whether the server has a mail server (SMTP_URL) configured. */
  mailConfigured: boolean;
}

/** `GET|PUT /api/clinic/mail-settings` (admin) */
export interface ClinicMailSettings {
  /** The name mails come from; some clients need a discreet one. */
  senderName: string;
}

/** `POST /api/auth/password-reset` */
export interface PasswordResetRequest {
  email: string;
}
/** `POST /api/auth/password-reset/confirm` */
export interface PasswordResetConfirm {
  token: string;
  password: string;
}

/** `POST /api/users/:id/link` (admin): a new one-time link to hand over by other means. */
export interface OneTimeLink {
  kind: 'invitation' | 'password_reset';
  link: string;
  expiresAt: string;
}

/** `GET /api/auth/session`: when the session ends without activity, for the idle warning. */
export interface SessionTimes {
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  idleMinutes: number;
}
