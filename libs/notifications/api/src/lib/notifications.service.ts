import { Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DEFAULT_QUIET_END,
  DEFAULT_QUIET_START,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS_BY_ROLE,
  type DeliveryFailures,
  type NotificationItem,
  type NotificationKind,
  type NotificationPreferences,
  type Page,
  type UnreadCount,
  type UnsubscribeResult,
} from '@mend/shared/contracts';
import {
  Caller,
  ClinicDb,
  encryptionContext,
  FieldEncryptionService,
  fieldError,
  pagedRows,
  SystemDb,
} from '@mend/shared/server';
import { MailDirectory } from './mail-directory';
import { Mailer } from './mailer';
import { FALLBACK_TIME_ZONE, isTimeZone } from './mail-time';
import type { PreferencesDto } from './notifications.dto';
import { Notifier } from './notifier';
import { Reminders } from './reminders';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  link: string;
  text_enc: string;
  created_at: Date;
  read_at: Date | null;
}

const FAILURE_WINDOW_DAYS = 30;

/** The bell, each person's mail preferences, unsubscribing and the admin's delivery counts. */
@Injectable()
export class NotificationsService implements OnModuleInit {
  constructor(
    private readonly db: ClinicDb,
    private readonly system: SystemDb,
    private readonly encryption: FieldEncryptionService,
    private readonly directory: MailDirectory,
    private readonly mailer: Mailer,
    private readonly reminders: Reminders,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.reminders.register('failed mail', (now) => this.tellAdminsOfFailures(now));
  }

  async list(
    caller: Caller,
    page: { page: number; pageSize: number },
  ): Promise<Page<NotificationItem>> {
    const { rows, total } = await this.db.run(caller, (tx) =>
      pagedRows<NotificationRow>(
        tx,
        {
          columns: 'id, kind, link, text_enc, created_at, read_at',
          from: 'notifications',
          where: 'user_id = $1',
          order: 'created_at DESC, id',
          params: [caller.id],
        },
        page,
      ),
    );
    return { items: rows.map((r) => this.toItem(r)), total, ...page };
  }

  async unread(caller: Caller): Promise<UnreadCount> {
    const [row]: { unread: number }[] = await this.db.run(caller, (tx) =>
      tx.query(
        `SELECT count(*)::int AS unread FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
        [caller.id],
      ),
    );
    return { unread: row.unread };
  }

  /** Opens one notification: marks it read and returns it (with where it leads). */
  async open(caller: Caller, id: string): Promise<NotificationItem> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [[row]]: [NotificationRow[], number] = await this.db.run(caller, (tx) =>
      tx.query(
        `UPDATE notifications SET read_at = coalesce(read_at, now())
          WHERE id = $1 AND user_id = $2
          RETURNING id, kind, link, text_enc, created_at, read_at`,
        [id, caller.id],
      ),
    );
    if (!row) throw new NotFoundException('This notification was not found.');
    return this.toItem(row);
  }

  async readAll(caller: Caller): Promise<UnreadCount> {
    await this.db.run(caller, (tx) =>
      tx.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [
        caller.id,
      ]),
    );
    return { unread: 0 };
  }

  async preferences(caller: Caller): Promise<NotificationPreferences> {
    return this.db.run(caller, (tx) => this.readPreferences(tx, caller));
  }

  async savePreferences(caller: Caller, input: PreferencesDto): Promise<NotificationPreferences> {
    if (!isTimeZone(input.timeZone))
      throw fieldError('timeZone', 'Choose a time zone from the list.');
    const own = NOTIFICATION_KINDS_BY_ROLE[caller.role];
    const stray = input.mailOff.find((k) => !own.includes(k));
    if (stray) throw fieldError('mailOff', 'Choose kinds of mail from the list.');
    return this.db.run(caller, async (tx) => {
      await tx.query(
        `INSERT INTO notification_settings
           (user_id, clinic_id, time_zone, quiet_start, quiet_end, mail_off, submitted_mail)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone,
           quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
           mail_off = EXCLUDED.mail_off, submitted_mail = EXCLUDED.submitted_mail, updated_at = now()`,
        [
          caller.id,
          caller.clinicId,
          input.timeZone,
          input.quietStart,
          input.quietEnd,
          [...new Set(input.mailOff)],
          input.submittedMail,
        ],
      );
      // Mail held for the old quiet hours is weighed again by the next sweep.
      await tx.query(
        `UPDATE notifications SET mail_after = now() WHERE user_id = $1 AND mail_state = 'pending'`,
        [caller.id],
      );
      return this.readPreferences(tx, caller);
    });
  }

  private async readPreferences(
    tx: EntityManager,
    caller: Caller,
  ): Promise<NotificationPreferences> {
    const [row]: {
      time_zone: string | null;
      quiet_start: string;
      quiet_end: string;
      mail_off: NotificationKind[];
      submitted_mail: 'hourly' | 'daily';
    }[] = await tx.query(
      `SELECT time_zone, quiet_start, quiet_end, mail_off, submitted_mail
         FROM notification_settings WHERE user_id = $1`,
      [caller.id],
    );
    return {
      timeZone: row?.time_zone ?? FALLBACK_TIME_ZONE,
      timeZoneSet: Boolean(row?.time_zone),
      quietStart: row?.quiet_start ?? DEFAULT_QUIET_START,
      quietEnd: row?.quiet_end ?? DEFAULT_QUIET_END,
      mailOff: row?.mail_off ?? [],
      submittedMail: row?.submitted_mail ?? 'hourly',
    };
  }

  /**
   * Turns one kind of mail off for the person a signed link names, without signing in (the
   * signature is the proof). Repeating it changes nothing.
   */
  async unsubscribe(token: string): Promise<UnsubscribeResult> {
    const value = this.encryption.verify(token, 'unsubscribe');
    const [userId, kind] = (value ?? '').split(':') as [string, NotificationKind];
    if (!value || !(kind in NOTIFICATION_KIND_LABELS)) {
      throw new NotFoundException(
        'This unsubscribe link is not valid. Check that you copied all of it.',
      );
    }
    await this.system.run('unsubscribe by signed link', async (tx) => {
      const recipient = (await this.directory.recipients(tx, [userId])).get(userId);
      if (!recipient) throw new NotFoundException('This unsubscribe link is no longer valid.');
      await tx.query(
        `INSERT INTO notification_settings (user_id, clinic_id, mail_off) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET updated_at = now(),
           mail_off = CASE WHEN $4 = ANY(notification_settings.mail_off)
                      THEN notification_settings.mail_off
                      ELSE array_append(notification_settings.mail_off, $4) END`,
        [userId, recipient.clinicId, [kind], kind],
      );
    });
    return { kind, label: NOTIFICATION_KIND_LABELS[kind] };
  }

  /** The clinic's mail that failed or was not sent in the last 30 days, by reason. */
  async deliveries(caller: Caller): Promise<DeliveryFailures> {
    const since = new Date(Date.now() - FAILURE_WINDOW_DAYS * 86_400_000);
    return this.db.run(caller, async (tx) => {
      const failures: { reason: string; count: number }[] = await tx.query(
        `SELECT coalesce(reason, 'unknown') AS reason, count(*)::int AS count FROM mail_deliveries
          WHERE clinic_id = $1 AND state IN ('failed', 'skipped') AND created_at >= $2
          GROUP BY 1 ORDER BY 2 DESC`,
        [caller.clinicId, since],
      );
      const [{ waiting }]: { waiting: number }[] = await tx.query(
        `SELECT count(*)::int AS waiting FROM mail_deliveries WHERE clinic_id = $1 AND state = 'queued'`,
        [caller.clinicId],
      );
      return {
        since: since.toISOString(),
        failures,
        waiting,
        mailConfigured: this.mailer.configured,
      };
    });
  }

  /** Each admin hears once a day, in the app and by mail, when their clinic's mail failed. */
  private async tellAdminsOfFailures(now: Date): Promise<void> {
    await this.system.run('failed mail reminder', async (tx) => {
      const clinics: { clinic_id: string; count: number }[] = await tx.query(
        `SELECT clinic_id, count(*)::int AS count FROM mail_deliveries
          WHERE state = 'failed' AND created_at >= $1::timestamptz - interval '1 day'
          GROUP BY clinic_id`,
        [now],
      );
      if (clinics.length === 0) return;
      const day = now.toISOString().slice(0, 10);
      const counts = new Map(clinics.map((c) => [c.clinic_id, c.count]));
      for (const admin of await this.directory.admins(tx, [...counts.keys()])) {
        const count = counts.get(admin.clinicId) ?? 0;
        await this.notifier.notify(tx, admin.clinicId, [
          {
            userId: admin.id,
            kind: 'mail_failed',
            link: '/people',
            text: `${count} ${count === 1 ? 'mail' : 'mails'} could not be delivered in the last day.`,
            dedupeKey: `mail_failed:${day}`,
          },
        ]);
      }
    });
  }

  private toItem(row: NotificationRow): NotificationItem {
    return {
      id: row.id,
      kind: row.kind,
      link: row.link,
      text: this.encryption.decrypt(
        row.text_enc,
        encryptionContext('notifications', 'text_enc', row.id),
      ),
      createdAt: row.created_at.toISOString(),
      readAt: row.read_at?.toISOString() ?? null,
    };
  }
}
