import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { NotificationKind, SubmittedMailChoice } from '@mend/shared/contracts';
import { registerEncryptedColumn } from '@mend/shared/server';
import type { CalendarEntry } from '@mend/shared/server';

/** Where a notification's mail stands: waiting, not to be mailed, or handed to a delivery. */
export type NotificationMailState = 'pending' | 'none' | 'mailed';

/**
 * Why a mail goes out: a notice of something new, or a security mail that always goes. An
 * `invitation_elsewhere` answers an invitation to an address that has an account with another
 * clinic: it says so to the address (never to the inviting admin) and links to sign-in.
 */
export type MailPurpose = 'notice' | 'invitation' | 'invitation_elsewhere' | 'password_reset';
export type DeliveryState = 'queued' | 'sent' | 'failed' | 'skipped';

/**
 * A mail on its way (the outbox): written in the transaction of the change that causes it,
 * then sent by a job. The link is encrypted (invitation and reset links are secrets) and
 * erased once sent. The row keeps no content: a mail only ever says there is something new.
 */
@Entity('mail_deliveries')
@Check(
  'mail_deliveries_purpose_check',
  `purpose IN ('notice', 'invitation', 'invitation_elsewhere', 'password_reset')`,
)
@Check('mail_deliveries_state_check', `state IN ('queued', 'sent', 'failed', 'skipped')`)
// Referenced by name: auth builds on this library, not the other way round.
@ForeignKey('User', ['clinicId', 'userId'], ['clinicId', 'id'], {
  name: 'mail_deliveries_clinic_user_fk',
  onDelete: 'CASCADE',
})
@Index('mail_deliveries_clinic_id_idx', ['clinicId', 'createdAt'])
@Index('mail_deliveries_queued_idx', ['createdAt'], { where: `state = 'queued'` })
export class MailDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne('Clinic', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: unknown;

  @Index('mail_deliveries_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: unknown;

  @Column('varchar', { length: 20 })
  purpose!: MailPurpose;

  /** For a notice: its kind, which the unsubscribe link turns off. */
  @Column('varchar', { length: 32, nullable: true })
  kind!: NotificationKind | null;

  /** An appointment's calendar entry, sent as an iCalendar file with the mail. */
  @Column('jsonb', { nullable: true })
  calendar!: CalendarEntry | null;

  @Column('text', { name: 'link_enc', nullable: true })
  linkEnc!: string | null;

  @Column('varchar', { length: 10, default: 'queued' })
  state!: DeliveryState;

  @Column('int', { default: 0 })
  attempts!: number;

  /** Why it failed or was skipped, in a few words with no content (shown to the admin). */
  @Column('varchar', { length: 80, nullable: true })
  reason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}

/**
 * Something new for one person, shown in their bell with its details and, when their
 * preferences allow, announced by a content-free mail. Only that person can read the row.
 */
@Entity('notifications')
@Check('notifications_mail_state_check', `mail_state IN ('pending', 'none', 'mailed')`)
@ForeignKey('User', ['clinicId', 'userId'], ['clinicId', 'id'], {
  name: 'notifications_clinic_user_fk',
  onDelete: 'CASCADE',
})
@Index('notifications_user_created_idx', ['userId', 'createdAt'])
@Index('notifications_user_unread_idx', ['userId'], { where: 'read_at IS NULL' })
@Index('notifications_user_dedupe_key', ['userId', 'dedupeKey'], {
  unique: true,
  where: 'dedupe_key IS NOT NULL',
})
@Index('notifications_mail_due_idx', ['mailAfter'], { where: `mail_state = 'pending'` })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('notifications_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne('Clinic', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: unknown;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: unknown;

  @Column('varchar', { length: 32 })
  kind!: NotificationKind;

  /** A path of the web app. */
  @Column('varchar', { length: 300 })
  link!: string;

  /** The in-app wording with its details (names, titles), encrypted. */
  @Column('text', { name: 'text_enc' })
  textEnc!: string;

  /** Makes a reminder happen once (`due:<homework id>`), whoever's sweep finds it first. */
  /** An appointment's calendar entry: its mail carries it as an iCalendar file. */
  @Column('jsonb', { nullable: true })
  calendar!: CalendarEntry | null;

  @Column('varchar', { name: 'dedupe_key', length: 200, nullable: true })
  dedupeKey!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt!: Date | null;

  @Column('varchar', { name: 'mail_state', length: 10, default: 'pending' })
  mailState!: NotificationMailState;

  /** Not mailed before this instant (quiet hours, the hourly or daily digest). */
  @Column('timestamptz', { name: 'mail_after', default: () => 'now()' })
  mailAfter!: Date;

  @Index('notifications_delivery_id_idx')
  @Column('uuid', { name: 'delivery_id', nullable: true })
  deliveryId!: string | null;

  @ManyToOne(() => MailDelivery, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: MailDelivery | null;
}

/** One person's choices about mail. A person without a row has the defaults. */
@Entity('notification_settings')
@Check('notification_settings_submitted_mail_check', `submitted_mail IN ('hourly', 'daily')`)
@ForeignKey('User', ['clinicId', 'userId'], ['clinicId', 'id'], {
  name: 'notification_settings_clinic_user_fk',
  onDelete: 'CASCADE',
})
export class NotificationSettings {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: unknown;

  @Index('notification_settings_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne('Clinic', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: unknown;

  /** IANA time zone; null until the browser or the person sets it (then UTC). */
  @Column('varchar', { name: 'time_zone', length: 64, nullable: true })
  timeZone!: string | null;

  @Column('varchar', { name: 'quiet_start', length: 5, default: '21:00' })
  quietStart!: string;

  @Column('varchar', { name: 'quiet_end', length: 5, default: '08:00' })
  quietEnd!: string;

  @Column('text', { name: 'mail_off', array: true, default: () => `'{}'` })
  mailOff!: NotificationKind[];

  @Column('varchar', { name: 'submitted_mail', length: 8, default: 'hourly' })
  submittedMail!: SubmittedMailChoice;

  /** When the last mail about homework handed in went out (the hourly limit counts from it). */
  @Column('timestamptz', { name: 'submitted_mailed_at', nullable: true })
  submittedMailedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

registerEncryptedColumn({ table: 'mail_deliveries', column: 'link_enc' });
registerEncryptedColumn({ table: 'notifications', column: 'text_enc' });

export const NOTIFICATIONS_ENTITIES = [MailDelivery, Notification, NotificationSettings];
