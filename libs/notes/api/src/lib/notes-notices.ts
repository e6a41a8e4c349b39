import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseAccess } from '@mend/caseload/api';
import {
  dateFormat,
  inBatches,
  Notifier,
  REMINDER_BATCH,
  Reminders,
} from '@mend/notifications/api';
import { calendarSequence, SystemDb } from '@mend/shared/server';
import type { CalendarEntry } from '@mend/shared/server';

interface UpcomingSession {
  id: string;
  clinic_id: string;
  case_id: string;
  starts_at: Date;
  duration_minutes: number;
  attendee_ids: string[];
  updated_at: Date;
}

/** Notes left unsigned longer than this are counted in the counselor's weekly reminder. */
const UNSIGNED_AFTER_DAYS = 3;

/**
 * Reminders from sessions and notes: members hear of a session the day before, in their own
 * time zone; counselors hear once a week of notes left unsigned for more than three days.
 */
@Injectable()
export class NotesNotices implements OnModuleInit {
  constructor(
    private readonly notifier: Notifier,
    private readonly reminders: Reminders,
    private readonly access: CaseAccess,
    private readonly system: SystemDb,
  ) {}

  onModuleInit(): void {
    this.reminders.register('sessions tomorrow', (now) => this.upcomingSessions(now));
    this.reminders.register('unsigned notes', (now) => this.unsignedNotes(now));
  }

  /**
   * The day before a session, each member who attends it hears of it (never a member it is not
   * for: one partner's individual session stays theirs), with the session as a calendar file.
   */
  async upcomingSessions(now: Date): Promise<void> {
    await inBatches(
      this.system,
      'session reminders',
      (tx, after): Promise<UpcomingSession[]> =>
        tx.query(
          `SELECT id, clinic_id, case_id, starts_at, duration_minutes, attendee_ids, updated_at FROM sessions
          WHERE starts_at > $1 AND starts_at <= $1::timestamptz + interval '24 hours'
            AND ($2::uuid IS NULL OR id > $2)
          ORDER BY id LIMIT ${REMINDER_BATCH}`,
          [now, after],
        ),
      (tx, sessions) => this.remindOfSessions(tx, sessions),
    );
  }

  private async remindOfSessions(tx: EntityManager, sessions: UpcomingSession[]): Promise<void> {
    const members = await this.access.membersWithin(
      tx,
      sessions.map((s) => s.case_id),
    );
    const attending = (s: UpcomingSession) =>
      (members.get(s.case_id) ?? []).filter((id) => s.attendee_ids.includes(id));
    const everyone = [...new Set(sessions.flatMap(attending))];
    const zones = await this.notifier.timeZones(tx, everyone);
    await this.notifier.notifyAll(
      tx,
      sessions.flatMap((s) =>
        attending(s).map((userId) => ({
          clinicId: s.clinic_id,
          userId,
          kind: 'session_upcoming' as const,
          link: '/appointments',
          text: `You have a session on ${when(s.starts_at, zones.get(userId) ?? 'UTC')}.`,
          // A moved session is announced again.
          dedupeKey: `session:${s.id}:${s.starts_at.toISOString()}`,
          calendar: sessionCalendarEntry(s),
        })),
      ),
    );
  }

  async unsignedNotes(now: Date): Promise<void> {
    await this.system.run('unsigned notes reminder', async (tx) => {
      const authors: { clinic_id: string; author_id: string; count: number }[] = await tx.query(
        `SELECT clinic_id, author_id, count(*)::int AS count FROM notes
          WHERE signed_at IS NULL AND created_at < $1::timestamptz - interval '${UNSIGNED_AFTER_DAYS} days'
          GROUP BY clinic_id, author_id`,
        [now],
      );
      const week = isoWeek(now);
      await this.notifier.notifyAll(
        tx,
        authors.map((a) => ({
          clinicId: a.clinic_id,
          userId: a.author_id,
          kind: 'notes_unsigned' as const,
          link: '/sessions',
          text: `${a.count} session ${a.count === 1 ? 'note has' : 'notes have'} been unsigned for more than ${UNSIGNED_AFTER_DAYS} days.`,
          dedupeKey: `unsigned:${week}`,
        })),
      );
    });
  }
}

/** "Tuesday 3 December at 17:30", in the member's time zone. */
function when(instant: Date, zone: string): string {
  const day = dateFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(instant);
  const time = dateFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${day} at ${time}`;
}

/** The ISO week of an instant, e.g. 2026-W49: one unsigned-notes reminder per week. */
export function isoWeek(instant: Date): string {
  const d = new Date(
    Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()),
  );
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** A session as a calendar entry: the same id in every mail and feed, so calendars update it. */
export function sessionCalendarEntry(session: {
  id: string;
  starts_at: Date;
  duration_minutes: number;
  updated_at: Date;
}): CalendarEntry {
  const startsAt = new Date(session.starts_at);
  return {
    uid: `session-${session.id}@mend`,
    sequence: calendarSequence(new Date(session.updated_at)),
    startsAt,
    endsAt: new Date(startsAt.getTime() + session.duration_minutes * 60_000),
  };
}
