import type { AuditEventView } from '@mend/shared/contracts';

/** What each recorded action means, in words (unknown ones are spelled out from their code). */
const ACTION_TEXT: Record<string, string> = {
  'session.recorded': 'Recorded a session',
  'session.updated': 'Changed a session’s details',
  'note.started': 'Started a note',
  'note.read': 'Opened a note',
  'note.saved': 'Saved a note draft',
  'note.signed': 'Signed a note',
  'note.exported': 'Downloaded a note as PDF',
  'note.addendum_started': 'Started an addendum',
  'note.addendum_saved': 'Saved an addendum draft',
  'note.addendum_signed': 'Signed an addendum',
  'case.opened': 'Opened a case',
  'case.updated': 'Edited a case',
  'case.member_added': 'Added a member to a case',
  'case.member_removed': 'Removed a member from a case',
  'case.member_labelled': 'Set a member’s counselor-only label',
  'case.counselors_assigned': 'Assigned counselors to a case',
  'case.closed': 'Closed a case',
  'case.reopened': 'Reopened a case',
  'case.stage_changed': 'Moved a case on the path of repair',
  'homework.assigned': 'Assigned homework',
  'homework.assignment_stopped': 'Stopped an assignment',
  'homework.assignment_withdrawn': 'Withdrew an assignment',
  'homework.shared': 'Shared a homework response',
  'homework.unshared': 'Stopped sharing a homework response',
  'homework.reviewed': 'Marked a homework response reviewed',
  'homework.feedback_given': 'Gave feedback on a homework response',
  'homework.revision_requested': 'Sent a homework response back for revision',
  'safety.check_submitted': 'Answered a private safety check-in',
  'safety.check_read': 'Read a safety check-in',
  'safety.check_requested': 'Asked for a new safety check-in',
  'safety.conversation_recorded': 'Recorded an individual safety conversation',
  'safety.joint_work_closed': 'Closed joint work',
  'safety.alert_acknowledged': 'Acknowledged an alert',
  'agreement.started': 'Started an agreement',
  'agreement.saved': 'Saved an agreement draft',
  'agreement.signed': 'Signed an agreement',
  'agreement.reviewed': 'Started reviewing an agreement',
  'agreement.exported': 'Downloaded an agreement as PDF',
  'clinic.crisis_text_changed': 'Changed the clinic’s crisis text',
  'audit.chain_keyed': 'Sealed the audit trail with its key',
  'user.invited': 'Invited a person',
  'user.invitation_resent': 'Sent an invitation again',
  'user.renamed': 'Renamed a person',
  'user.disabled': 'Disabled an account',
  'user.enabled': 'Enabled an account',
  'user.signed_in': 'Signed in',
  'user.sign_in_failed': 'Failed sign-in (wrong password or account not active)',
  'user.signed_out': 'Signed out',
  'user.password_changed': 'Changed their password',
  'user.second_factor_given': 'Gave their second sign-in step',
  'user.second_factor_failed': 'Gave a wrong second sign-in step',
  'mfa.totp_added': 'Turned on an authenticator app',
  'mfa.totp_removed': 'Turned off their authenticator app',
  'mfa.passkey_added': 'Added a passkey',
  'mfa.passkey_removed': 'Removed a passkey',
  'mfa.recovery_codes_renewed': 'Made new recovery codes',
  'mfa.recovery_code_used': 'Used a recovery code',
  'mfa.reset': 'Reset a person’s two-step sign-in',
  'clinic.mfa_policy_changed': 'Changed who must use two-step sign-in',
  'clinic.messaging_changed': 'Changed which conversations clients may start',
  'conversation.started': 'Started a conversation',
  'conversation.read': 'Read a conversation',
  'message.sent': 'Sent a message',
  'message.pinned': 'Pinned a message for the session note',
  'message.unpinned': 'Unpinned a message',
  'message.quote_requested': 'Asked to quote a private message in the joint conversation',
  'message.quote_agreed': 'Agreed to a message being quoted',
  'message.quote_declined': 'Kept a message private',
  'availability.changed': 'Changed their availability',
  'appointment.requested': 'Asked for an appointment',
  'appointment.proposed': 'Proposed another appointment time',
  'appointment.accepted': 'Confirmed an appointment',
  'appointment.declined': 'Declined an appointment',
  'appointment.cancelled': 'Cancelled an appointment',
  'appointment.rescheduled': 'Moved an appointment',
  'session.cancelled': 'Took a cancelled session off the calendar',
};

/** "Signed a note"; an unknown `thing.some_action` reads "Thing: some action". */
export function actionText(action: string): string {
  if (Object.prototype.hasOwnProperty.call(ACTION_TEXT, action)) return ACTION_TEXT[action];
  const [entity, ...rest] = action.split('.');
  const what = rest.join(' ').replace(/_/g, ' ');
  const head = entity ? entity[0].toUpperCase() + entity.slice(1).replace(/_/g, ' ') : '';
  return what ? `${head}: ${what}` : head;
}

/** The record types the audit trail holds (addenda are recorded on their note). */
export const ENTITY_TYPE_LABELS: Record<string, string> = {
  case: 'Case',
  user: 'Person',
  homework: 'Homework',
  session: 'Session',
  note: 'Note',
  safety_check: 'Safety check-in',
  agreement: 'Agreement',
  message_thread: 'Conversation',
  appointment: 'Appointment',
  clinic: 'Clinic',
};

export function entityTypeText(type: string): string {
  return ENTITY_TYPE_LABELS[type] ?? type.replace(/_/g, ' ');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a details key that points to a named record is called, once the id is a name. */
const NAMED_KEYS: Record<string, string> = {
  caseId: 'case',
  userId: 'person',
  authorId: 'author',
  clientId: 'client',
};

/**
 * The event's metadata as short "key: value" pairs; nested values are counted, not printed, so
 * a long record never floods the table (the API never puts clinical text here anyway). An id
 * the API named (`names`, by key) reads as that name: "case: Rivera family", not "case id: 0f0e…".
 */
export function detailsText(
  details: AuditEventView['details'],
  names: AuditEventView['detailNames'] = {},
): string {
  return Object.entries(details ?? {})
    .map(([key, value]) => {
      const name = Object.prototype.hasOwnProperty.call(names, key) ? names[key] : undefined;
      if (name !== undefined) return `${NAMED_KEYS[key] ?? key}: ${name}`;
      const label = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      if (value === null || value === undefined) return `${label}: –`;
      if (Array.isArray(value))
        return `${label}: ${value.length} item${value.length === 1 ? '' : 's'}`;
      if (typeof value === 'object') return `${label}: …`;
      const text = String(value);
      return `${label}: ${UUID.test(text) ? `${shortId(text)}…` : text}`;
    })
    .join(' · ');
}

/** The first characters of an id, enough to tell records apart in a table. */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}

/** Every action the trail may hold, for the admin's filter. */
export const KNOWN_ACTIONS: string[] = Object.keys(ACTION_TEXT);
