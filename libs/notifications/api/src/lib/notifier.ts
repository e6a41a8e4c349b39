import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from '@mend/shared/contracts';
import { afterCommit, Clock, encryptionContext, FieldEncryptionService } from '@mend/shared/server';
import type { CalendarEntry } from '@mend/shared/server';
import { FALLBACK_TIME_ZONE } from './mail-time';
import { Outbox } from './outbox';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  /** A path of the web app the notification opens. */
  link: string;
  /** The in-app wording, with details; it never goes into a mail. */
  text: string;
  /** Makes a reminder happen once per key and person, whichever sweep finds it first. */
  dedupeKey?: string;
  /** Whether a mail may announce it (false: in the app only). */
  mail?: boolean;
  /** An appointment's calendar entry: the mail carries it as an iCalendar file. */
  calendar?: CalendarEntry;
}

/** Notifications per INSERT statement (11 parameters each). */
const ROWS_PER_INSERT = 1_000;

/**
 * How a domain tells people about something: inside the transaction of the change that causes
 * it, so the notification exists exactly when the change does. Mail follows from the outbox.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly encryption: FieldEncryptionService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async notify(tx: EntityManager, clinicId: string, items: NewNotification[]): Promise<void> {
    if (items.length === 0) return;
    // The clock's present, not the database's: quiet hours and digests count from it.
    const now = this.clock.now();
    const rows = items.map((item) => {
      const id = randomUUID();
      return [
        id,
        clinicId,
        item.userId,
        item.kind,
        item.link,
        this.encryption.encrypt(item.text, encryptionContext('notifications', 'text_enc', id)),
        item.dedupeKey ?? null,
        item.mail === false ? 'none' : 'pending',
        now, // created_at
        now, // mail_after
        item.calendar ? JSON.stringify(item.calendar) : null,
      ];
    });
    const width = rows[0].length;
    // A statement carries at most 65,535 parameters: rows go in chunks well below that.
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      const values = chunk
        .map((_, i) => `(${chunk[0].map((__, c) => `$${i * width + c + 1}`).join(', ')})`)
        .join(', ');
      // No conflict target: naming one would hold the row to the SELECT policy, which only its
      // recipient passes. The one key a new row can meet is (user, dedupe key).
      await tx.query(
        `INSERT INTO notifications (id, clinic_id, user_id, kind, link, text_enc, dedupe_key, mail_state, created_at, mail_after, calendar)
         VALUES ${values}
         ON CONFLICT DO NOTHING`,
        chunk.flat(),
      );
    }
    afterCommit(tx, () => this.outbox.nudge());
  }

  /**
   * For sweeps across clinics (reminders): the same as `notify`, one statement per clinic
   * rather than one per reminder.
   */
  async notifyAll(
    tx: EntityManager,
    items: (NewNotification & { clinicId: string })[],
  ): Promise<void> {
    const byClinic = new Map<string, NewNotification[]>();
    for (const { clinicId, ...item } of items) {
      const group = byClinic.get(clinicId);
      if (group) group.push(item);
      else byClinic.set(clinicId, [item]);
    }
    for (const [clinicId, group] of byClinic) await this.notify(tx, clinicId, group);
  }

  /** Each person's time zone (UTC until they or their browser set one), for reminders. */
  async timeZones(tx: EntityManager, userIds: string[]): Promise<Map<string, string>> {
    const rows: { user_id: string; time_zone: string | null }[] = userIds.length
      ? await tx.query(
          `SELECT user_id, time_zone FROM notification_settings WHERE user_id = ANY($1::uuid[])`,
          [userIds],
        )
      : [];
    const zones = new Map(rows.map((r) => [r.user_id, r.time_zone ?? FALLBACK_TIME_ZONE]));
    for (const id of userIds) if (!zones.has(id)) zones.set(id, FALLBACK_TIME_ZONE);
    return zones;
  }

  /**
   * Queues a security mail (an invitation or a password reset). It always goes, whatever the
   * person's preferences; the link is a secret, so it is stored encrypted until sent.
   */
  async securityMail(
    tx: EntityManager,
    mail: {
      clinicId: string;
      userId: string;
      purpose: 'invitation' | 'invitation_elsewhere' | 'password_reset';
      link: string;
    },
  ): Promise<void> {
    await this.outbox.queue(tx, { ...mail, kind: null });
  }
}
