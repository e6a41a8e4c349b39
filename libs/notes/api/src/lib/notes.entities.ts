import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { NoteFormat, SessionMode, SessionType } from '@mend/shared/contracts';
import { Clinic, User } from '@mend/auth/api';
import { Case } from '@mend/caseload/api';
import { registerEncryptedColumn } from '@mend/shared/server';

/** A counseling session of a case: when, how long, who attended, in person or telehealth. */
@Entity('sessions')
@Unique('sessions_clinic_id_key', ['clinicId', 'id'])
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'sessions_clinic_case_fk',
  onDelete: 'RESTRICT',
})
@Check('sessions_type_check', `type IN ('couple', 'individual', 'family')`)
@Check('sessions_mode_check', `mode IN ('in_person', 'telehealth')`)
@Check('sessions_duration_check', `duration_minutes BETWEEN 15 AND 240`)
// clinic_id rides along so counting a caseload's sessions is an index-only scan.
@Index('sessions_case_starts_clinic_idx', ['caseId', 'startsAt', 'clinicId'])
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('sessions_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  /** The counselor who held the session and writes its note. */
  @Index('sessions_counselor_id_idx')
  @Column('uuid', { name: 'counselor_id' })
  counselorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'counselor_id' })
  counselor?: User;

  @Index('sessions_starts_at_idx')
  @Column('timestamptz', { name: 'starts_at' })
  startsAt!: Date;

  @Column('smallint', { name: 'duration_minutes' })
  durationMinutes!: number;

  @Column('text')
  type!: SessionType;

  @Column('text')
  mode!: SessionMode;

  /** The members of the case who attended. */
  @Column('uuid', { name: 'attendee_ids', array: true })
  attendeeIds!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * The clinical note of a session. Its sections are one encrypted JSON value. Once signed the
 * row is locked: a trigger refuses any change or deletion (see the Notes migration).
 */
@Entity('notes')
@Unique('notes_clinic_id_key', ['clinicId', 'id'])
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'notes_clinic_case_fk',
  onDelete: 'RESTRICT',
})
@ForeignKey(() => Session, ['clinicId', 'sessionId'], ['clinicId', 'id'], {
  name: 'notes_clinic_session_fk',
  onDelete: 'RESTRICT',
})
@ForeignKey(() => User, ['clinicId', 'lastEditedById'], ['clinicId', 'id'], {
  name: 'notes_clinic_last_edited_by_fk',
  onDelete: 'RESTRICT',
})
@Check('notes_format_check', `format IN ('soap', 'dap', 'birp')`)
@Check('notes_signed_check', `(signed_at IS NULL) = (signed_by_id IS NULL)`)
export class Note {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('notes_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  /** One note per session. */
  @Index('notes_session_id_key', { unique: true })
  @Column('uuid', { name: 'session_id' })
  sessionId!: string;

  @OneToOne(() => Session, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'session_id' })
  session?: Session;

  /** The session's case, kept on the note so access checks need no join. */
  @Index('notes_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Index('notes_author_id_idx')
  @Column('uuid', { name: 'author_id' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column('text')
  format!: NoteFormat;

  /** Encrypted JSON: section key → text. */
  @Column('text', { name: 'content_enc' })
  contentEnc!: string;

  @Column('int', { default: 1 })
  version!: number;

  @Column('timestamptz', { name: 'saved_at', default: () => 'now()' })
  savedAt!: Date;

  /**
   * Who wrote what: a case's counselors may all edit a draft, so each save records its writer.
   * The one who saved last; null until the first save after the note was started.
   */
  @Column('uuid', { name: 'last_edited_by_id', nullable: true })
  lastEditedById!: string | null;

  /** Everyone who saved a change, in the order they first did. */
  @Column('uuid', { name: 'contributor_ids', array: true, default: () => `'{}'` })
  contributorIds!: string[];

  /** Section key → the people who changed its text, first writer first. */
  @Column('jsonb', { name: 'section_authors', default: {} })
  sectionAuthors!: Record<string, string[]>;

  @Column('timestamptz', { name: 'signed_at', nullable: true })
  signedAt!: Date | null;

  @Index('notes_signed_by_id_idx')
  @Column('uuid', { name: 'signed_by_id', nullable: true })
  signedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by_id' })
  signedBy?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A dated amendment to a signed note, signed and locked in its turn. */
@Entity('note_addenda')
@ForeignKey(() => Note, ['clinicId', 'noteId'], ['clinicId', 'id'], {
  name: 'note_addenda_clinic_note_fk',
  onDelete: 'RESTRICT',
})
@Check('note_addenda_signed_check', `(signed_at IS NULL) = (signed_by_id IS NULL)`)
@Index('note_addenda_note_created_idx', ['noteId', 'createdAt'])
export class Addendum {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('note_addenda_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('uuid', { name: 'note_id' })
  noteId!: string;

  @ManyToOne(() => Note, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'note_id' })
  note?: Note;

  @Index('note_addenda_author_id_idx')
  @Column('uuid', { name: 'author_id' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column('text', { name: 'text_enc' })
  textEnc!: string;

  @Column('int', { default: 1 })
  version!: number;

  /** Everyone who saved a change to the draft (a co-counselor may finish a colleague's). */
  @Column('uuid', { name: 'contributor_ids', array: true, default: () => `'{}'` })
  contributorIds!: string[];

  @Column('timestamptz', { name: 'saved_at', default: () => 'now()' })
  savedAt!: Date;

  @Column('timestamptz', { name: 'signed_at', nullable: true })
  signedAt!: Date | null;

  @Index('note_addenda_signed_by_id_idx')
  @Column('uuid', { name: 'signed_by_id', nullable: true })
  signedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'signed_by_id' })
  signedBy?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

registerEncryptedColumn({ table: 'notes', column: 'content_enc', lockedWhenSigned: true });
registerEncryptedColumn({ table: 'note_addenda', column: 'text_enc', lockedWhenSigned: true });

export const NOTES_ENTITIES = [Session, Note, Addendum];
