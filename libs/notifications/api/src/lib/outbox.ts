import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  DEFAULT_QUIET_END,
  DEFAULT_QUIET_START,
  type NotificationKind,
} from '@mend/shared/contracts';
import {
  afterCommit,
  APP_CONFIG,
  AppConfig,
  calendarFile,
  Clock,
  encryptionContext,
  FieldEncryptionService,
  JobQueue,
  SystemDb,
} from '@mend/shared/server';
import type { CalendarEntry } from '@mend/shared/server';
import { MailDirectory } from './mail-directory';
import { Mailer, MailRefused } from './mailer';
import { FALLBACK_TIME_ZONE, mailableAt, nextLocal } from './mail-time';
import type { MailPurpose } from './notifications.entities';

export const OUTBOX_QUEUE = 'mend.outbox';
export const MAIL_QUEUE = 'mend.mail';
/** Attempts after the first, 30 s apart and doubling: about 15 minutes in all. */
const MAIL_RETRIES = 4;
const SWEEP_BATCH = 500;

interface PendingRow {
  id: string;
  clinic_id: string;
  user_id: string;
  kind: NotificationKind;
  created_at: Date;
  calendar: CalendarEntry | null;
}

interface SettingsRow {
  user_id: string;
  time_zone: string | null;
  quiet_start: string;
  quiet_end: string;
  mail_off: NotificationKind[];
  submitted_mail: 'hourly' | 'daily';
  submitted_mailed_at: Date | null;
}

const DEFAULT_SETTINGS: Omit<SettingsRow, 'user_id'> = {
  time_zone: null,
  quiet_start: DEFAULT_QUIET_START,
  quiet_end: DEFAULT_QUIET_END,
  mail_off: [],
  submitted_mail: 'hourly',
  submitted_mailed_at: null,
};

/**
 * The outbox: notifications and security mails are rows written with the change that causes
 * them; a sweep (a job, nudged after each commit and run every minute) turns the notifications
 * that may be mailed now into deliveries, and one job per delivery sends it, with retries.
 * A delivery's job carries the delivery's id as its own, so however many processes sweep, each
 * delivery is queued once; the delivery's state makes a repeated job a no-op.
 */
@Injectable()
export class Outbox implements OnModuleInit {
  private readonly logger = new Logger('Outbox');

  constructor(
    private readonly system: SystemDb,
    private readonly jobs: JobQueue,
    private readonly directory: MailDirectory,
    private readonly mailer: Mailer,
    private readonly encryption: FieldEncryptionService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: OUTBOX_QUEUE,
      policy: 'short',
      cron: '* * * * *',
      work: () => this.sweep().then(() => undefined),
    });
    this.jobs.define({
      name: MAIL_QUEUE,
      retryLimit: MAIL_RETRIES,
      retryDelaySeconds: 30,
      work: (data, attempt) => this.deliver((data as { deliveryId: string }).deliveryId, attempt),
    });
  }

  /** The ask being sent, and the one that follows it for the asks made meanwhile. */
  private sending: Promise<void> | null = null;
  private following: Promise<void> | null = null;

  /**
   * Asks for a sweep soon (a second ask while one waits is dropped by the queue). The asks made
   * while one is being sent become one more ask after it: under many writes each would cost a
   * statement for the queue to drop, and one ask sent after theirs still finds their rows.
   */
  nudge(): Promise<void> {
    if (!this.sending) {
      this.sending = this.jobs
        .send(OUTBOX_QUEUE, {})
        .then(() => undefined)
        .catch((error: Error) =>
          this.logger.warn({ msg: 'Could not nudge the outbox', reason: error.message }),
        )
        .finally(() => {
          this.sending = null;
        });
      return this.sending;
    }
    this.following ??= this.sending.then(() => {
      this.following = null;
      return this.nudge();
    });
    return this.following;
  }

  /** Writes a delivery (an invitation, a reset, a notice) in the caller's transaction. */
  async queue(
    tx: EntityManager,
    mail: {
      clinicId: string;
      userId: string;
      purpose: MailPurpose;
      kind: NotificationKind | null;
      link: string;
      calendar?: CalendarEntry | null;
    },
  ): Promise<string> {
    // The id is chosen here: the link is encrypted bound to it, and the caller (a clinic's
    // transaction) may write the row but not read it back.
    const id = randomUUID();
    const linkEnc = this.encryption.encrypt(
      mail.link,
      encryptionContext('mail_deliveries', 'link_enc', id),
    );
    await tx.query(
      `INSERT INTO mail_deliveries (id, clinic_id, user_id, purpose, kind, link_enc, calendar)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        mail.clinicId,
        mail.userId,
        mail.purpose,
        mail.kind,
        linkEnc,
        mail.calendar ? JSON.stringify(mail.calendar) : null,
      ],
    );
    afterCommit(tx, () => this.nudge());
    return id;
  }

  /**
   * Turns the notifications whose time has come into deliveries (one per person and kind),
   * holds the rest until quiet hours or the digest allow, and queues a job for every delivery
   * still waiting. Returns how many deliveries it created.
   */
  async sweep(): Promise<number> {
    const now = this.clock.now();
    return this.system.run('outbox sweep', async (tx) => {
      // One sweep at a time across processes; a second waits its turn rather than mailing a
      // person's digest twice. The lock ends with the transaction, or with a process that died.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('mend.outbox sweep'))`);
      const due: PendingRow[] = await tx.query(
        `SELECT id, clinic_id, user_id, kind, created_at, calendar FROM notifications
          WHERE mail_state = 'pending' AND mail_after <= $1
          ORDER BY created_at LIMIT ${SWEEP_BATCH} FOR UPDATE SKIP LOCKED`,
        [now],
      );
      let created = 0;
      if (due.length > 0) created = await this.batch(tx, due, now);
      const queued: { id: string }[] = await tx.query(
        `SELECT id FROM mail_deliveries WHERE state = 'queued' ORDER BY created_at LIMIT ${SWEEP_BATCH}`,
      );
      for (const { id } of queued) {
        await this.jobs.send(MAIL_QUEUE, { deliveryId: id }, { id, tx });
      }
      return created;
    });
  }

  private async batch(tx: EntityManager, due: PendingRow[], now: Date): Promise<number> {
    const userIds = [...new Set(due.map((n) => n.user_id))];
    const settingsRows: SettingsRow[] = await tx.query(
      `SELECT user_id, time_zone, quiet_start, quiet_end, mail_off, submitted_mail, submitted_mailed_at
         FROM notification_settings WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    );
    const settings = new Map(settingsRows.map((s) => [s.user_id, s]));
    const recipients = await this.directory.recipients(tx, userIds);
    const barred = await this.directory.barred(tx, userIds);

    const groups = new Map<string, PendingRow[]>();
    for (const n of due) {
      // A calendar file belongs to one appointment: its mail is never merged with others.
      const key = n.calendar ? `${n.user_id}:${n.id}` : `${n.user_id}:${n.kind}`;
      const group = groups.get(key);
      if (group) group.push(n);
      else groups.set(key, [n]);
    }
    let created = 0;
    for (const group of groups.values()) {
      const { user_id: userId, clinic_id: clinicId, kind } = group[0];
      const ids = group.map((n) => n.id);
      const s = settings.get(userId) ?? { user_id: userId, ...DEFAULT_SETTINGS };
      const recipient = recipients.get(userId);
      if (
        !recipient ||
        recipient.status !== 'active' ||
        s.mail_off.includes(kind) ||
        barred.has(userId)
      ) {
        await tx.query(`UPDATE notifications SET mail_state = 'none' WHERE id = ANY($1::uuid[])`, [
          ids,
        ]);
        continue;
      }
      const when = this.sendableAt(now, s, kind, group);
      if (when.getTime() > now.getTime()) {
        await tx.query(`UPDATE notifications SET mail_after = $2 WHERE id = ANY($1::uuid[])`, [
          ids,
          when,
        ]);
        continue;
      }
      const link = ids.length === 1 ? `/notifications/${ids[0]}` : '/notifications';
      const deliveryId = await this.queue(tx, {
        clinicId,
        userId,
        purpose: 'notice',
        kind,
        link: `${this.config.publicUrl}${link}`,
        calendar: group[0].calendar,
      });
      await tx.query(
        `UPDATE notifications SET mail_state = 'mailed', delivery_id = $2 WHERE id = ANY($1::uuid[])`,
        [ids, deliveryId],
      );
      if (kind === 'homework_submitted') {
        await tx.query(
          `INSERT INTO notification_settings (user_id, clinic_id, submitted_mailed_at)
           VALUES ($1, $2, $3)
           ON CONFLICT (user_id) DO UPDATE SET submitted_mailed_at = EXCLUDED.submitted_mailed_at`,
          [userId, clinicId, now],
        );
      }
      created++;
    }
    return created;
  }

  /** The first instant a group may be mailed: after quiet hours and within the digest's limit. */
  private sendableAt(now: Date, s: SettingsRow, kind: NotificationKind, group: PendingRow[]): Date {
    const zone = s.time_zone ?? FALLBACK_TIME_ZONE;
    let earliest = now;
    if (kind === 'homework_submitted') {
      if (s.submitted_mail === 'daily') {
        // One mail a day, when the person's morning starts (the end of their quiet hours),
        // for what arrived since the last one.
        const first = group.reduce((a, n) => (n.created_at < a ? n.created_at : a), now);
        const since = Math.max(first.getTime(), s.submitted_mailed_at?.getTime() ?? 0);
        earliest = nextLocal(new Date(since + 60_000), s.quiet_end, zone);
      } else if (s.submitted_mailed_at) {
        earliest = new Date(Math.max(now.getTime(), s.submitted_mailed_at.getTime() + 3_600_000));
      }
    }
    return mailableAt(earliest, zone, s.quiet_start, s.quiet_end);
  }

  /** Sends one delivery; a failure is retried by the queue, and counted after the last try. */
  async deliver(
    deliveryId: string,
    attempt: { retryCount: number; lastAttempt: boolean } = { retryCount: 0, lastAttempt: true },
  ): Promise<void> {
    const claimed = await this.system.run('mail delivery', async (tx) => {
      // An UPDATE answers [rows, count] through TypeORM.
      const [[row]]: [
        {
          clinic_id: string;
          user_id: string;
          purpose: MailPurpose;
          kind: NotificationKind | null;
          link_enc: string | null;
          calendar: CalendarEntry | null;
        }[],
        number,
      ] = await tx.query(
        `UPDATE mail_deliveries SET attempts = attempts + 1
          WHERE id = $1 AND state = 'queued'
          RETURNING clinic_id, user_id, purpose, kind, link_enc, calendar`,
        [deliveryId],
      );
      if (!row) return undefined;
      const recipient = (await this.directory.recipients(tx, [row.user_id])).get(row.user_id);
      const barred =
        row.purpose === 'notice' && (await this.directory.barred(tx, [row.user_id])).size > 0;
      return { ...row, recipient, barred };
    });
    if (!claimed) return;
    const { recipient } = claimed;
    const allowed =
      recipient &&
      !claimed.barred &&
      (recipient.status === 'active' ||
        (recipient.status === 'invited' &&
          (claimed.purpose === 'invitation' || claimed.purpose === 'invitation_elsewhere')));
    if (!recipient || !allowed || !claimed.link_enc) {
      await this.finish(deliveryId, 'skipped', 'the account cannot receive mail');
      return;
    }
    const link = this.encryption.decrypt(
      claimed.link_enc,
      encryptionContext('mail_deliveries', 'link_enc', deliveryId),
    );
    if (!this.mailer.configured) {
      if (this.config.env !== 'production') {
        // Local use without a mail server: the person running Mend can follow the link.
        this.logger.warn({
          msg: 'No SMTP_URL: this mail was not sent',
          to: recipient.email,
          link,
          ...(claimed.calendar ? { calendar: calendarOf(claimed.calendar)?.content } : {}),
        });
      }
      await this.finish(deliveryId, 'skipped', 'no mail server configured');
      return;
    }
    try {
      await this.mailer.send({
        to: recipient.email,
        senderName: recipient.senderName,
        purpose: claimed.purpose,
        link,
        calendar: claimed.calendar ? calendarOf(claimed.calendar) : undefined,
        unsubscribe: claimed.kind
          ? this.unsubscribeLinks(claimed.user_id, claimed.kind)
          : undefined,
      });
    } catch (error) {
      const reason = error instanceof MailRefused ? error.message : 'sending failed';
      if (!attempt.lastAttempt) {
        // Back to the queue's retry, which calls again after its delay.
        await this.system.run('mail delivery', (tx) =>
          tx.query(`UPDATE mail_deliveries SET reason = $2 WHERE id = $1`, [deliveryId, reason]),
        );
        throw error;
      }
      await this.finish(deliveryId, 'failed', reason);
      return;
    }
    await this.finish(deliveryId, 'sent', null);
  }

  private async finish(
    deliveryId: string,
    state: 'sent' | 'failed' | 'skipped',
    reason: string | null,
  ): Promise<void> {
    await this.system.run('mail delivery', (tx) =>
      // The link (a secret for invitations and resets) is not kept once the mail is done.
      tx.query(
        `UPDATE mail_deliveries SET state = $2::varchar, reason = $3, link_enc = NULL,
                sent_at = CASE WHEN $2::varchar = 'sent' THEN now() END
          WHERE id = $1`,
        [deliveryId, state, reason],
      ),
    );
  }

  unsubscribeLinks(userId: string, kind: NotificationKind) {
    const token = this.encryption.sign(`${userId}:${kind}`, 'unsubscribe');
    return {
      kind,
      page: `${this.config.publicUrl}/unsubscribe#token=${token}`,
      oneClick: `${this.config.publicUrl}/api/notifications/unsubscribe/one-click?token=${token}`,
    };
  }
}

/**
 * The iCalendar file a delivery carries: a request, or a cancellation. An entry that cannot be
 * written as one (a malformed time) leaves the mail without it rather than blocking the mail.
 */
function calendarOf(
  entry: CalendarEntry,
): { method: 'REQUEST' | 'CANCEL'; content: string } | undefined {
  const method = entry.cancelled ? 'CANCEL' : 'REQUEST';
  try {
    return { method, content: calendarFile(method, [entry]) };
  } catch {
    return undefined;
  }
}
