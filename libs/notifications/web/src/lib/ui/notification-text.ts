import type { NotificationKind } from '@mend/shared/contracts';

/** The icon beside each kind of notification (names of the Material Icons font). */
export const NOTIFICATION_KIND_ICONS: Record<NotificationKind, string> = {
  homework_assigned: 'assignment',
  homework_due: 'schedule',
  homework_overdue: 'assignment_late',
  feedback_given: 'rate_review',
  revision_requested: 'assignment_return',
  response_shared: 'share',
  measure_due: 'assessment',
  session_upcoming: 'event',
  homework_submitted: 'assignment_turned_in',
  safety_alert: 'health_and_safety',
  notes_unsigned: 'edit_note',
  invitation_unaccepted: 'hourglass_empty',
  mail_failed: 'cancel_schedule_send',
  message_received: 'forum',
  appointment_changed: 'event_available',
};

/** What the bell's label says, so a screen reader hears the count the badge shows. */
export function bellLabel(unread: number | null): string {
  if (!unread) return 'Notifications';
  return `Notifications, ${unread} unread`;
}

/** The badge's text: large counts are capped so the badge stays small. */
export function badgeText(unread: number | null): string {
  if (!unread) return '';
  return unread > 99 ? '99+' : String(unread);
}

const clock = new Intl.DateTimeFormat('en-US', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayInYear = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });
const fullDay = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});
const full = new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeStyle: 'short' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * When a notification came, in the person's own time: "Just now", "12 minutes ago", "3 hours
 * ago" on the day it came, then "Yesterday, 14:05", "May 3, 14:05", and with the year once it
 * is another year's.
 */
export function whenText(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const ago = now.getTime() - at.getTime();
  if (ago < MINUTE) return 'Just now';
  if (ago < HOUR) {
    const minutes = Math.floor(ago / MINUTE);
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago`;
  }
  if (ago < 12 * HOUR || at.toDateString() === now.toDateString()) {
    const hours = Math.floor(ago / HOUR);
    return `${hours} ${hours === 1 ? 'hour' : 'hours'} ago`;
  }
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (at.toDateString() === yesterday.toDateString()) return `Yesterday, ${clock.format(at)}`;
  const day = at.getFullYear() === now.getFullYear() ? dayInYear : fullDay;
  return `${day.format(at)}, ${clock.format(at)}`;
}

/** The full date and time, for the tooltip of a relative one. */
export function fullWhen(iso: string): string {
  return full.format(new Date(iso));
}
