import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '@mend/shared/contracts';
import { Caller, People } from '@mend/auth/api';
import { CaseAccess } from '@mend/caseload/api';
import { ExerciseVersions } from '@mend/exercises/api';
import {
  addDays,
  dateFormat,
  inBatches,
  localParts,
  NewNotification,
  Notifier,
  REMINDER_BATCH,
  Reminders,
} from '@mend/notifications/api';
import { SystemDb } from '@mend/shared/server';
import type { Homework } from './homework.entities';

/** Overdue reminders look back this far, so old homework does not all ring at once. */
const OVERDUE_LOOKBACK_DAYS = 7;

interface DueRow {
  id: string;
  clinic_id: string;
  case_id: string;
  user_id: string | null;
  exercise_version_id: string;
  due_on: string;
}

/**
 * What homework tells people, in the app and (content-free) by mail: new homework, feedback,
 * a response sent back or shared, one handed in, and the due-tomorrow and overdue reminders.
 * Written in the transaction of the change, so a notice exists exactly when its change does.
 */
@Injectable()
export class HomeworkNotices implements OnModuleInit {
  constructor(
    private readonly notifier: Notifier,
    private readonly reminders: Reminders,
    private readonly access: CaseAccess,
    private readonly people: People,
    private readonly versions: ExerciseVersions,
    private readonly system: SystemDb,
  ) {}

  onModuleInit(): void {
    this.reminders.register('homework due', (now) => this.dueReminders(now));
  }

  async assigned(
    tx: EntityManager,
    caller: Caller,
    a: {
      caseId: string;
      memberIds: string[];
      homeworkIds: Map<string | null, string>;
      title: string;
      measure: boolean;
      dueOn: string;
    },
  ): Promise<void> {
    const name = await this.nameOf(caller, caller.id);
    await this.notifier.notify(
      tx,
      caller.clinicId,
      a.memberIds.map((userId) => ({
        userId,
        kind: a.measure ? 'measure_due' : 'homework_assigned',
        link: `/homework/${a.homeworkIds.get(userId) ?? a.homeworkIds.get(null)}`,
        text: a.measure
          ? `${name} asked you to fill in “${a.title}” by ${readable(a.dueOn)}.`
          : `${name} assigned “${a.title}”, due ${readable(a.dueOn)}.`,
      })),
    );
  }

  /** A response handed in: the case's counselors hear of it (mail batched by their choice). */
  async submitted(
    tx: EntityManager,
    caller: Caller,
    homework: Homework,
    title: string,
  ): Promise<void> {
    const counselors = await this.access.counselorIds(caller, homework.caseId);
    const name = await this.nameOf(caller, caller.id);
    const who = homework.userId ? name : 'Together homework';
    await this.notifier.notify(
      tx,
      caller.clinicId,
      counselors.map((userId) => ({
        userId,
        kind: 'homework_submitted',
        link: `/review/${homework.id}`,
        text: homework.userId ? `${who} handed in “${title}”.` : `${who} “${title}” was handed in.`,
      })),
    );
  }

  /** Feedback, a revision request or a shared response: its readers hear of it. */
  async toAuthors(
    tx: EntityManager,
    caller: Caller,
    homework: Homework,
    title: string,
    kind: Extract<NotificationKind, 'feedback_given' | 'revision_requested'>,
  ): Promise<void> {
    const authors = homework.userId
      ? [homework.userId]
      : await this.access.memberIds(caller, homework.caseId);
    const name = await this.nameOf(caller, caller.id);
    const text =
      kind === 'feedback_given'
        ? `${name} left feedback on “${title}”.`
        : `${name} sent “${title}” back to you to revise.`;
    await this.notifier.notify(
      tx,
      caller.clinicId,
      authors.map((userId) => ({ userId, kind, link: `/homework/${homework.id}`, text })),
    );
  }

  async shared(
    tx: EntityManager,
    caller: Caller,
    homework: Homework,
    title: string,
  ): Promise<void> {
    const members = await this.access.memberIds(caller, homework.caseId);
    const author = await this.nameOf(caller, homework.userId);
    const sharer = await this.nameOf(caller, caller.id);
    const text =
      caller.id === homework.userId
        ? `${author} shared their response to “${title}” with you.`
        : `${sharer} shared ${author}’s response to “${title}” with you.`;
    await this.notifier.notify(
      tx,
      caller.clinicId,
      members
        .filter((id) => id !== homework.userId)
        .map((userId) => ({
          userId,
          kind: 'response_shared' as const,
          link: `/homework/${homework.id}`,
          text,
          dedupeKey: `shared:${homework.id}`,
        })),
    );
  }

  /**
   * Due tomorrow and overdue (once), in each person's own time zone: homework not handed in
   * whose due date is tomorrow, or passed within the last week, on that person's calendar.
   */
  async dueReminders(now: Date): Promise<void> {
    const today = now.toISOString().slice(0, 10);
    await inBatches(
      this.system,
      'homework reminders',
      (tx, after): Promise<DueRow[]> =>
        tx.query(
          `SELECT h.id, h.clinic_id, h.case_id, h.user_id, h.exercise_version_id,
                to_char(h.due_on, 'YYYY-MM-DD') AS due_on
           FROM homework h
          WHERE h.status IN ('not_started', 'draft')
            AND h.due_on BETWEEN $1::date - ${OVERDUE_LOOKBACK_DAYS + 1} AND $1::date + 2
            AND ($2::uuid IS NULL OR h.id > $2)
          ORDER BY h.id LIMIT ${REMINDER_BATCH}`,
          [today, after],
        ),
      (tx, due) => this.remindOfDue(tx, now, due),
    );
  }

  private async remindOfDue(tx: EntityManager, now: Date, due: DueRow[]): Promise<void> {
    const members = await this.access.membersWithin(
      tx,
      due.map((h) => h.case_id),
    );
    // Current members only: someone removed from the case is not reminded of its homework.
    const recipients = (h: DueRow) => {
      const current = members.get(h.case_id) ?? [];
      if (!h.user_id) return current;
      return current.includes(h.user_id) ? [h.user_id] : [];
    };
    const zones = await this.notifier.timeZones(tx, [...new Set(due.flatMap(recipients))]);
    const titles = await this.versions.titlesWithin(
      tx,
      due.map((h) => h.exercise_version_id),
    );
    const reminders: (NewNotification & { clinicId: string })[] = [];
    for (const h of due) {
      const version = titles.get(h.exercise_version_id);
      if (!version) continue;
      for (const userId of recipients(h)) {
        const local = localParts(now, zones.get(userId) ?? 'UTC').date;
        const tomorrow = addDays(local, 1) === h.due_on;
        const overdue = h.due_on < local && h.due_on >= addDays(local, -OVERDUE_LOOKBACK_DAYS);
        if (!tomorrow && !overdue) continue;
        const kind: NotificationKind = overdue
          ? 'homework_overdue'
          : version.measure
            ? 'measure_due'
            : 'homework_due';
        reminders.push({
          clinicId: h.clinic_id,
          userId,
          kind,
          link: `/homework/${h.id}`,
          text: overdue
            ? `“${version.title}” was due on ${readable(h.due_on)} and is not handed in yet.`
            : `“${version.title}” is due tomorrow.`,
          dedupeKey: `${overdue ? 'overdue' : 'due'}:${h.id}`,
        });
      }
    }
    await this.notifier.notifyAll(tx, reminders);
  }

  private async nameOf(caller: Caller, userId: string | null): Promise<string> {
    if (!userId) return 'Someone';
    const [person] = await this.people.profiles(caller, [userId]);
    return person?.displayName ?? 'Someone';
  }
}

/** A due date as people read it: "Friday 5 December" (a date has no time zone to convert). */
export function readable(date: string): string {
  return dateFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(`${date}T00:00:00Z`));
}
