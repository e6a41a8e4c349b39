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
  Unique,
} from 'typeorm';
import type { QuoteRequestState, ThreadAudience } from '@mend/shared/contracts';
import { Clinic, User } from '@mend/auth/api';
import { Case } from '@mend/caseload/api';
import { registerEncryptedColumn } from '@mend/shared/server';

/**
 * A conversation of a case. Its audience is fixed when it starts: `private` (one client, named
 * in `client_id`, and the case's counselors) or `joint` (every member and the counselors). The
 * database applies the audience itself (row-level security), so no query can show a private
 * conversation to the partner.
 */
@Entity('message_threads')
@Unique('message_threads_clinic_id_key', ['clinicId', 'id'])
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'message_threads_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => User, ['clinicId', 'clientId'], ['clinicId', 'id'], {
  name: 'message_threads_clinic_client_fk',
  onDelete: 'RESTRICT',
})
@Check('message_threads_audience_check', `audience IN ('private', 'joint')`)
@Check('message_threads_private_client_check', `(audience = 'private') = (client_id IS NOT NULL)`)
@Check('message_threads_last_role_check', `last_author_role IN ('client', 'counselor')`)
@Index('message_threads_case_last_idx', ['caseId', 'lastMessageAt'])
@Index('message_threads_start_key', ['clinicId', 'startedById', 'startKey'], { unique: true })
export class MessageThread {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('message_threads_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Column('text')
  audience!: ThreadAudience;

  /** The client of a private conversation; null for a joint one. */
  @Index('message_threads_client_id_idx')
  @Column('uuid', { name: 'client_id', nullable: true })
  clientId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: User;

  /** The subject, encrypted like all clinical text. */
  @Column('text', { name: 'subject_enc' })
  subjectEnc!: string;

  @Index('message_threads_started_by_id_idx')
  @Column('uuid', { name: 'started_by_id' })
  startedById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'started_by_id' })
  startedBy?: User;

  /** The browser's id for the attempt that started it: a retried start finds the same thread. */
  @Column('uuid', { name: 'start_key' })
  startKey!: string;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column('timestamptz', { name: 'last_message_at' })
  lastMessageAt!: Date;

  @Index('message_threads_last_author_id_idx')
  @Column('uuid', { name: 'last_author_id' })
  lastAuthorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'last_author_id' })
  lastAuthor?: User;

  /** Whose turn it is: a client's last word waiting for a counselor counts for the admin. */
  @Column('text', { name: 'last_author_role' })
  lastAuthorRole!: 'client' | 'counselor';
}

/** One message of a conversation; it never changes audience and is never edited. */
@Entity('messages')
@Unique('messages_clinic_id_key', ['clinicId', 'id'])
@ForeignKey(() => MessageThread, ['clinicId', 'threadId'], ['clinicId', 'id'], {
  name: 'messages_clinic_thread_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'messages_clinic_case_fk',
  onDelete: 'CASCADE',
})
@Check('messages_author_role_check', `author_role IN ('counselor', 'client')`)
@Index('messages_thread_sent_idx', ['threadId', 'sentAt', 'id'])
@Index('messages_client_key', ['clinicId', 'threadId', 'authorId', 'clientKey'], { unique: true })
@Index('messages_case_pinned_idx', ['caseId', 'sentAt'], { where: 'pinned_at IS NOT NULL' })
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('messages_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Column('uuid', { name: 'thread_id' })
  threadId!: string;

  @ManyToOne(() => MessageThread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: MessageThread;

  @Index('messages_author_id_idx')
  @Column('uuid', { name: 'author_id' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  /** Whether a counselor or a client wrote it, as they were when they wrote. */
  @Column('text', { name: 'author_role' })
  authorRole!: 'counselor' | 'client';

  @Column('text', { name: 'body_enc' })
  bodyEnc!: string;

  /** The browser's id for the message: a retried send finds the same message. */
  @Column('uuid', { name: 'client_key' })
  clientKey!: string;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  /**
   * The author's own private message this one repeats in the joint conversation: they agreed to
   * their counselor's ask to quote it.
   */
  @Index('messages_quote_of_id_idx')
  @Column('uuid', { name: 'quote_of_id', nullable: true })
  quoteOfId!: string | null;

  @ManyToOne(() => Message, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'quote_of_id' })
  quoteOf?: Message;

  /** When the quoted message was written (its row stays private to its own conversation). */
  @Column('timestamptz', { name: 'quote_sent_at', nullable: true })
  quoteSentAt!: Date | null;

  /** Pinned by a counselor into the case's session note ("since the last session"). */
  @Column('timestamptz', { name: 'pinned_at', nullable: true })
  pinnedAt!: Date | null;

  @Index('messages_pinned_by_id_idx')
  @Column('uuid', { name: 'pinned_by_id', nullable: true })
  pinnedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'pinned_by_id' })
  pinnedBy?: User;
}

/** How far each reader has read a conversation (a cursor, not a row per message). */
@Entity('message_reads')
@ForeignKey(() => MessageThread, ['clinicId', 'threadId'], ['clinicId', 'id'], {
  name: 'message_reads_clinic_thread_fk',
  onDelete: 'CASCADE',
})
export class MessageRead {
  @PrimaryColumn('uuid', { name: 'thread_id' })
  threadId!: string;

  @Index('message_reads_user_id_idx')
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => MessageThread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: MessageThread;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('message_reads_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('message_reads_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  /** Every message sent up to this instant has been read. */
  @Column('timestamptz', { name: 'read_up_to' })
  readUpTo!: Date;
}

/** What a reader is typing in a conversation, saved as they type; gone once sent. */
@Entity('message_drafts')
@Index('message_drafts_thread_user_key', ['clinicId', 'threadId', 'userId'], { unique: true })
@ForeignKey(() => MessageThread, ['clinicId', 'threadId'], ['clinicId', 'id'], {
  name: 'message_drafts_clinic_thread_fk',
  onDelete: 'CASCADE',
})
export class MessageDraftRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'thread_id' })
  threadId!: string;

  @Index('message_drafts_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => MessageThread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: MessageThread;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('message_drafts_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('text', { name: 'body_enc' })
  bodyEnc!: string;

  @Column('timestamptz', { name: 'saved_at' })
  savedAt!: Date;
}

/**
 * A counselor's ask to quote a client's private message in the case's joint conversation. Only
 * the message's author answers it; until they agree, nothing of it reaches the joint one.
 */
@Entity('message_quote_requests')
@ForeignKey(() => Message, ['clinicId', 'messageId'], ['clinicId', 'id'], {
  name: 'message_quote_requests_clinic_message_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => MessageThread, ['clinicId', 'jointThreadId'], ['clinicId', 'id'], {
  name: 'message_quote_requests_clinic_thread_fk',
  onDelete: 'CASCADE',
})
@Check('message_quote_requests_state_check', `state IN ('pending', 'agreed', 'declined')`)
@Index('message_quote_requests_open_key', ['clinicId', 'messageId', 'jointThreadId'], {
  unique: true,
  where: `state = 'pending'`,
})
export class MessageQuoteRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('message_quote_requests_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('message_quote_requests_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Index('message_quote_requests_message_id_idx')
  @Column('uuid', { name: 'message_id' })
  messageId!: string;

  @ManyToOne(() => Message, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Message;

  /** The message's author: the only one who may answer. */
  @Index('message_quote_requests_author_id_idx')
  @Column('uuid', { name: 'author_id' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Index('message_quote_requests_joint_thread_id_idx')
  @Column('uuid', { name: 'joint_thread_id' })
  jointThreadId!: string;

  @ManyToOne(() => MessageThread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'joint_thread_id' })
  jointThread?: MessageThread;

  @Column('text', { default: 'pending' })
  state!: QuoteRequestState;

  @Index('message_quote_requests_requested_by_id_idx')
  @Column('uuid', { name: 'requested_by_id' })
  requestedById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: User;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt!: Date | null;
}

registerEncryptedColumn({ table: 'message_threads', column: 'subject_enc' });
registerEncryptedColumn({ table: 'messages', column: 'body_enc' });
registerEncryptedColumn({ table: 'message_drafts', column: 'body_enc' });

export const MESSAGES_ENTITIES = [
  MessageThread,
  Message,
  MessageRead,
  MessageDraftRow,
  MessageQuoteRequest,
];
