import { joinNames } from '@mend/caseload/web';
import {
  NOTE_FORMAT_LABELS,
  SESSION_MODE_LABELS,
  SESSION_TYPE_LABELS,
  type NoteView,
  type Person,
  type SessionView,
} from '@mend/shared/contracts';

const dayFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
});
const yearDayFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('en-US', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const pad = (n: number) => String(n).padStart(2, '0');

/** "Tue, May 12 · 15:00–15:50" (with the year when it is not this year's). */
export function sessionWhen(
  session: Pick<SessionView, 'startsAt' | 'durationMinutes'>,
  now = new Date(),
): string {
  const start = new Date(session.startsAt);
  const end = new Date(start.getTime() + session.durationMinutes * 60_000);
  const day = (start.getFullYear() === now.getFullYear() ? dayFormat : yearDayFormat).format(start);
  return `${day} · ${timeFormat.format(start)}–${timeFormat.format(end)}`;
}

/** When a session is over: its start plus its duration. */
export function sessionEnd(session: Pick<SessionView, 'startsAt' | 'durationMinutes'>): Date {
  return new Date(new Date(session.startsAt).getTime() + session.durationMinutes * 60_000);
}

/**
 * Why the note cannot be signed yet, or null once the session is over (the API answers 409
 * before then): "You can sign once the session ends at 15:50." (another day: "on Tue, May 19
 * at 15:50").
 */
export function signNotYet(
  session: Pick<SessionView, 'startsAt' | 'durationMinutes'>,
  now = new Date(),
): string | null {
  const end = sessionEnd(session);
  if (end <= now) return null;
  const time = timeFormat.format(end);
  if (end.toDateString() === now.toDateString())
    return `You can sign once the session ends at ${time}.`;
  const day = (end.getFullYear() === now.getFullYear() ? dayFormat : yearDayFormat).format(end);
  return `You can sign once the session ends on ${day} at ${time}.`;
}

/** "Couple session · In person · 50 min". */
export function sessionKind(
  session: Pick<SessionView, 'type' | 'mode' | 'durationMinutes'>,
): string {
  return `${SESSION_TYPE_LABELS[session.type]} session · ${SESSION_MODE_LABELS[session.mode]} · ${session.durationMinutes} min`;
}

export function attendeeNames(session: Pick<SessionView, 'attendees'>): string {
  return joinNames(session.attendees.map((a) => a.displayName));
}

/** "Written by Maya Lind and Omar Haddad" (nobody yet: an empty section). */
export function writtenBy(people: readonly Person[] | undefined): string {
  return people?.length
    ? `Written by ${joinNames(people.map((p) => p.displayName))}`
    : 'Nobody has written here yet';
}

/**
 * Who has worked on a draft, for the co-counselors of a case: "Started by Omar Haddad ·
 * written by Omar Haddad and Maya Lind · last saved by Maya Lind" (the parts that say something).
 */
export function draftAuthorship(
  note: Pick<NoteView, 'author' | 'contributors' | 'lastEditedBy'>,
): string {
  const parts = [`Started by ${note.author.displayName}`];
  const writers = note.contributors.map((p) => p.displayName);
  if (note.lastEditedBy) {
    if (writers.length > 1 || writers[0] !== note.author.displayName)
      parts.push(`written by ${joinNames(writers)}`);
    parts.push(`last saved by ${note.lastEditedBy.displayName}`);
  }
  return parts.join(' · ');
}

export type NoteTone = 'none' | 'draft' | 'signed';

/** The state of a session's note, for its chip: "No note", "SOAP draft", "Signed". */
export function noteState(
  session: Pick<SessionView, 'note' | 'startsAt'>,
  now = new Date(),
): { text: string; tone: NoteTone } {
  const note = session.note;
  if (!note) {
    return new Date(session.startsAt) > now
      ? { text: 'Upcoming', tone: 'none' }
      : { text: 'No note yet', tone: 'draft' };
  }
  if (note.status === 'signed') return { text: 'Signed', tone: 'signed' };
  return { text: `${NOTE_FORMAT_LABELS[note.format]} draft`, tone: 'draft' };
}

/** The ISO instant of a day picked in the calendar and a "15:00" time, in the browser's zone. */
export function toStartsAt(day: Date, time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  const start = new Date(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes);
  return start.toISOString();
}

/** The local "15:00" of an instant. */
export function timeOf(iso: string): string {
  const at = new Date(iso);
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The local day (midnight) of an instant. */
export function dayOf(iso: string): Date {
  const at = new Date(iso);
  return new Date(at.getFullYear(), at.getMonth(), at.getDate());
}

/** A PDF file name for a note: "note-2026-05-12-kai-and-lee-moreno.pdf". */
export function pdfFileName(session: Pick<SessionView, 'startsAt' | 'caseTitle'>): string {
  const at = new Date(session.startsAt);
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const slug = session.caseTitle
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `note-${day}${slug ? `-${slug}` : ''}.pdf`;
}
