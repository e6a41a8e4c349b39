import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type {
  AppointmentAction,
  AppointmentAudience,
  AppointmentState,
  AvailabilityRule,
  SessionLengths,
  SessionMode,
  SessionType,
} from '@mend/shared/contracts';
import { Clinic, User } from '@mend/auth/api';
import { Case } from '@mend/caseload/api';
import { Session } from '@mend/notes/api';
import { registerEncryptedColumn } from '@mend/shared/server';

/** A counselor's weekly availability: windows in their time zone, and a length per session type. */
@Entity('counselor_availability')
@ForeignKey(() => User, ['clinicId', 'counselorId'], ['clinicId', 'id'], {
  name: 'counselor_availability_clinic_counselor_fk',
  onDelete: 'CASCADE',
})
@Index('counselor_availability_counselor_key', ['clinicId', 'counselorId'], { unique: true })
export class CounselorAvailability {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('counselor_availability_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('counselor_availability_counselor_id_idx')
  @Column('uuid', { name: 'counselor_id' })
  counselorId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'counselor_id' })
  counselor?: User;

  /** IANA time zone of the weekly windows: they follow its daylight-saving changes. */
  @Column('varchar', { name: 'time_zone', length: 64 })
  timeZone!: string;

  @Column('jsonb', { default: () => `'[]'` })
  rules!: AvailabilityRule[];

  @Column('jsonb')
  lengths!: SessionLengths;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Time off (a holiday) or an extra window of a counselor, as instants. */
@Entity('availability_exceptions')
@ForeignKey(() => User, ['clinicId', 'counselorId'], ['clinicId', 'id'], {
  name: 'availability_exceptions_clinic_counselor_fk',
  onDelete: 'CASCADE',
})
@Check('availability_exceptions_kind_check', `kind IN ('off', 'extra')`)
@Check('availability_exceptions_range_check', `ends_at > starts_at`)
@Index('availability_exceptions_counselor_idx', ['counselorId', 'endsAt'])
export class AvailabilityExceptionRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('availability_exceptions_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('uuid', { name: 'counselor_id' })
  counselorId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'counselor_id' })
  counselor?: User;

  @Column('text')
  kind!: 'off' | 'extra';

  @Column('timestamptz', { name: 'starts_at' })
  startsAt!: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt!: Date;
}

/**
 * An appointment: a client's request, the counselor's answer, and the session it became. Its
 * audience is fixed: `individual` (one member, named in `client_id`) or `joint` (every member).
 * Row-level security keeps an individual one from the other partner entirely.
 */
@Entity('appointments')
@Unique('appointments_clinic_id_key', ['clinicId', 'id'])
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'appointments_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => User, ['clinicId', 'clientId'], ['clinicId', 'id'], {
  name: 'appointments_clinic_client_fk',
  onDelete: 'RESTRICT',
})
@Check('appointments_audience_check', `audience IN ('individual', 'joint')`)
@Check(
  'appointments_individual_client_check',
  `(audience = 'individual') = (client_id IS NOT NULL)`,
)
@Check(
  'appointments_state_check',
  `state IN ('requested', 'proposed', 'accepted', 'declined', 'cancelled')`,
)
@Index('appointments_case_starts_idx', ['caseId', 'startsAt'])
@Index('appointments_counselor_state_idx', ['counselorId', 'state', 'startsAt'])
@Index('appointments_request_key', ['clinicId', 'requestedById', 'clientKey'], { unique: true })
export class Appointment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('appointments_clinic_id_idx')
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

  /** The counselor it is with (the case's primary counselor when requested). */
  @Column('uuid', { name: 'counselor_id' })
  counselorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'counselor_id' })
  counselor?: User;

  @Column('text')
  audience!: AppointmentAudience;

  @Index('appointments_client_id_idx')
  @Column('uuid', { name: 'client_id', nullable: true })
  clientId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: User;

  @Column('text')
  type!: SessionType;

  @Column('text')
  mode!: SessionMode;

  @Column('text', { default: 'requested' })
  state!: AppointmentState;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt!: Date;

  @Column('smallint', { name: 'duration_minutes' })
  durationMinutes!: number;

  @Column('timestamptz', { name: 'proposed_starts_at', nullable: true })
  proposedStartsAt!: Date | null;

  /** The client's few words for the counselor, encrypted. */
  @Column('text', { name: 'note_enc', nullable: true })
  noteEnc!: string | null;

  @Index('appointments_requested_by_id_idx')
  @Column('uuid', { name: 'requested_by_id' })
  requestedById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: User;

  /** The browser's id for the request: a retry finds the same appointment. */
  @Column('uuid', { name: 'client_key' })
  clientKey!: string;

  /** The session it became once accepted. */
  @Index('appointments_session_id_idx')
  @Column('uuid', { name: 'session_id', nullable: true })
  sessionId!: string | null;

  @ManyToOne(() => Session, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'session_id' })
  session?: Session;

  /** Bumped by every step; a stale step answers 409. */
  @Column('int', { default: 0 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Each step of an appointment, kept: requests, proposals, answers, moves and cancellations. */
@Entity('appointment_changes')
@ForeignKey(() => Appointment, ['clinicId', 'appointmentId'], ['clinicId', 'id'], {
  name: 'appointment_changes_clinic_appointment_fk',
  onDelete: 'CASCADE',
})
@Check(
  'appointment_changes_action_check',
  `action IN ('requested', 'proposed', 'accepted', 'declined', 'cancelled', 'rescheduled')`,
)
@Index('appointment_changes_appointment_idx', ['appointmentId', 'at'])
export class AppointmentChangeRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('appointment_changes_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('appointment_changes_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Column('uuid', { name: 'appointment_id' })
  appointmentId!: string;

  @ManyToOne(() => Appointment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'appointment_id' })
  appointment?: Appointment;

  @Column('text')
  action!: AppointmentAction;

  @Index('appointment_changes_actor_id_idx')
  @Column('uuid', { name: 'actor_id' })
  actorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: User;

  @Column('timestamptz', { name: 'starts_at', nullable: true })
  startsAt!: Date | null;

  @Column('text', { name: 'reason_enc', nullable: true })
  reasonEnc!: string | null;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at!: Date;
}

/** A counselor's private calendar feed: only the token's hash is kept; revoking ends it. */
@Entity('calendar_feeds')
@ForeignKey(() => User, ['clinicId', 'userId'], ['clinicId', 'id'], {
  name: 'calendar_feeds_clinic_user_fk',
  onDelete: 'CASCADE',
})
@Index('calendar_feeds_token_hash_key', ['tokenHash'], { unique: true })
@Index('calendar_feeds_active_key', ['clinicId', 'userId'], {
  unique: true,
  where: 'revoked_at IS NULL',
})
export class CalendarFeedRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('calendar_feeds_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('calendar_feeds_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('varchar', { name: 'token_hash', length: 64 })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}

registerEncryptedColumn({ table: 'appointments', column: 'note_enc' });
registerEncryptedColumn({ table: 'appointment_changes', column: 'reason_enc' });

export const APPOINTMENTS_ENTITIES = [
  CounselorAvailability,
  AvailabilityExceptionRow,
  Appointment,
  AppointmentChangeRow,
  CalendarFeedRow,
];
