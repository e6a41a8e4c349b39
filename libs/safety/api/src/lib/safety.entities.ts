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
} from 'typeorm';
import type { AlertSource, InterviewMode, InterviewOutcome } from '@mend/shared/contracts';
import { Clinic, User } from '@mend/auth/api';
import { Case } from '@mend/caseload/api';
import { registerEncryptedColumn } from '@mend/shared/server';

/**
 * One member's private safety check-in. Only that member and the case's counselors can read
 * the row (row-level security); the other members never learn it exists.
 */
@Entity('safety_checks')
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'safety_checks_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => User, ['clinicId', 'clientId'], ['clinicId', 'id'], {
  name: 'safety_checks_clinic_client_fk',
  onDelete: 'RESTRICT',
})
@Index('safety_checks_open_key', ['caseId', 'clientId'], {
  unique: true,
  where: 'submitted_at IS NULL',
})
@Index('safety_checks_case_client_idx', ['caseId', 'clientId', 'requestedAt'])
export class SafetyCheck {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('safety_checks_clinic_id_idx')
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

  @Index('safety_checks_client_id_idx')
  @Column('uuid', { name: 'client_id' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: User;

  /** The counselor who asked again; null when the case opened or a re-check fell due. */
  @Index('safety_checks_requested_by_id_idx')
  @Column('uuid', { name: 'requested_by_id', nullable: true })
  requestedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: User | null;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** The answers (JSON), encrypted. */
  @Column('text', { name: 'answers_enc', nullable: true })
  answersEnc!: string | null;

  @Column('int', { default: 0 })
  version!: number;

  @Column('timestamptz', { name: 'saved_at', nullable: true })
  savedAt!: Date | null;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt!: Date | null;

  /** Whether a submitted answer met a critical rule (for the counselor's overview). */
  @Column('boolean', { default: false })
  critical!: boolean;

  /**
   * Whether the member said mail about Mend is not safe (or was unsure): then they get no
   * mail at all, only what they see when they sign in. Kept apart from the encrypted answers
   * so the mail sweep can honour it without reading them. Null for check-ins answered before
   * it existed: the gate reads their answers instead.
   */
  @Column('boolean', { name: 'mail_unsafe', nullable: true })
  mailUnsafe!: boolean | null;
}

/** The counselor's individual conversation with one member about safety, and its outcome. */
@Entity('safety_interviews')
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'safety_interviews_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => User, ['clinicId', 'clientId'], ['clinicId', 'id'], {
  name: 'safety_interviews_clinic_client_fk',
  onDelete: 'RESTRICT',
})
@Check('safety_interviews_mode_check', `mode IN ('in_person', 'video', 'phone')`)
@Check(
  'safety_interviews_outcome_check',
  `outcome IN ('cleared', 'not_cleared', 'individual_first')`,
)
@Index('safety_interviews_case_client_idx', ['caseId', 'clientId', 'createdAt'])
export class SafetyInterview {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('safety_interviews_clinic_id_idx')
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

  @Index('safety_interviews_client_id_idx')
  @Column('uuid', { name: 'client_id' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: User;

  @Index('safety_interviews_counselor_id_idx')
  @Column('uuid', { name: 'counselor_id' })
  counselorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'counselor_id' })
  counselor?: User;

  @Column('date', { name: 'held_on' })
  heldOn!: string;

  @Column('text')
  mode!: InterviewMode;

  /**
   * Stays plaintext on purpose: the database itself answers the joint-work gate from it
   * (`mend_joint_work_open`, ClinicalSafety migration), so it must be readable in SQL. It is
   * one of three fixed words, never free text (the conversation's note is encrypted), and
   * only the case's counselors reach the row (row-level security); a member learns only the
   * gate's yes/no through that function.
   */
  @Column('text')
  outcome!: InterviewOutcome;

  @Column('text', { name: 'note_enc', nullable: true })
  noteEnc!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A counselor closing joint work again (new concern, new member). Clearances recorded before
 * the latest closure no longer count: every member is cleared again before joint work reopens.
 */
@Entity('joint_work_closures')
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'joint_work_closures_clinic_case_fk',
  onDelete: 'CASCADE',
})
@Index('joint_work_closures_case_closed_idx', ['caseId', 'closedAt'])
export class JointWorkClosure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('joint_work_closures_clinic_id_idx')
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

  @Index('joint_work_closures_closed_by_id_idx')
  @Column('uuid', { name: 'closed_by_id' })
  closedById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'closed_by_id' })
  closedBy?: User;

  @Column('text', { name: 'reason_enc' })
  reasonEnc!: string;

  @CreateDateColumn({ name: 'closed_at', type: 'timestamptz' })
  closedAt!: Date;
}

/**
 * A critical answer, for the case's counselors only, until one of them acknowledges it with a
 * follow-up note. One open alert per answered form (a resubmission does not raise a second).
 */
@Entity('safety_alerts')
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'safety_alerts_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => User, ['clinicId', 'clientId'], ['clinicId', 'id'], {
  name: 'safety_alerts_clinic_client_fk',
  onDelete: 'RESTRICT',
})
@Check('safety_alerts_source_check', `source IN ('homework', 'safety_check')`)
@Check(
  'safety_alerts_acknowledged_check',
  `(acknowledged_at IS NULL) = (acknowledged_by_id IS NULL)`,
)
@Index('safety_alerts_open_source_key', ['sourceId'], {
  unique: true,
  where: 'acknowledged_at IS NULL',
})
@Index('safety_alerts_case_raised_idx', ['caseId', 'raisedAt'])
export class SafetyAlert {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('safety_alerts_clinic_id_idx')
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

  /** Who gave the answer. */
  @Index('safety_alerts_client_id_idx')
  @Column('uuid', { name: 'client_id' })
  clientId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: User;

  @Column('text')
  source!: AlertSource;

  /** The homework or safety check answered. */
  @Column('uuid', { name: 'source_id' })
  sourceId!: string;

  /** The form's title and the critical answers (JSON), encrypted. */
  @Column('text', { name: 'trigger_enc' })
  triggerEnc!: string;

  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column('timestamptz', { name: 'acknowledged_at', nullable: true })
  acknowledgedAt!: Date | null;

  @Index('safety_alerts_acknowledged_by_id_idx')
  @Column('uuid', { name: 'acknowledged_by_id', nullable: true })
  acknowledgedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'acknowledged_by_id' })
  acknowledgedBy?: User | null;

  @Column('text', { name: 'follow_up_enc', nullable: true })
  followUpEnc!: string | null;
}

registerEncryptedColumn({ table: 'safety_checks', column: 'answers_enc' });
registerEncryptedColumn({ table: 'safety_interviews', column: 'note_enc' });
registerEncryptedColumn({ table: 'joint_work_closures', column: 'reason_enc' });
registerEncryptedColumn({ table: 'safety_alerts', column: 'trigger_enc' });
registerEncryptedColumn({ table: 'safety_alerts', column: 'follow_up_enc' });

export const SAFETY_ENTITIES = [SafetyCheck, SafetyInterview, JointWorkClosure, SafetyAlert];
