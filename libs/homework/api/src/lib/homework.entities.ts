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
import type { AssignmentTarget, HomeworkStatus, Recurrence } from '@mend/shared/contracts';
import { Clinic, User } from '@mend/auth/api';
import { Case } from '@mend/caseload/api';
import { Exercise, ExerciseVersion } from '@mend/exercises/api';
import { registerEncryptedColumn } from '@mend/shared/server';

/** A counselor's assignment of an exercise version to members of a case, once or recurring. */
@Entity('assignments')
@Unique('assignments_clinic_id_key', ['clinicId', 'id'])
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'assignments_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => ExerciseVersion, ['clinicId', 'exerciseVersionId'], ['clinicId', 'id'], {
  name: 'assignments_clinic_exercise_version_fk',
  onDelete: 'RESTRICT',
})
@Check('assignments_target_check', `target IN ('member', 'each', 'together')`)
@Check('assignments_recurrence_check', `recurrence IN ('once', 'daily', 'weekly', 'fortnightly')`)
@Index('assignments_due_idx', ['active', 'nextDueOn'])
export class Assignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('assignments_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('assignments_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Index('assignments_exercise_id_idx')
  @Column('uuid', { name: 'exercise_id' })
  exerciseId!: string;

  @ManyToOne(() => Exercise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exercise_id' })
  exercise?: Exercise;

  @Index('assignments_exercise_version_id_idx')
  @Column('uuid', { name: 'exercise_version_id' })
  exerciseVersionId!: string;

  @ManyToOne(() => ExerciseVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exercise_version_id' })
  exerciseVersion?: ExerciseVersion;

  @Index('assignments_assigned_by_id_idx')
  @Column('uuid', { name: 'assigned_by_id' })
  assignedById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_by_id' })
  assignedBy?: User;

  @Column('text')
  target!: AssignmentTarget;

  /** The members it was given to (one, or every member of the case at the time). */
  @Column('uuid', { name: 'member_ids', array: true })
  memberIds!: string[];

  @Column('text')
  recurrence!: Recurrence;

  @Column('date', { name: 'first_due_on' })
  firstDueOn!: string;

  @Column('date', { name: 'until_on', nullable: true })
  untilOn!: string | null;

  /** The due date of the next occurrence still to create; null when none is left. */
  @Column('date', { name: 'next_due_on', nullable: true })
  nextDueOn!: string | null;

  @Column('boolean', { default: true })
  active!: boolean;

  /** The counselor's personal instructions, encrypted. */
  @Column('text', { name: 'instructions_enc', nullable: true })
  instructionsEnc!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One occurrence to complete. `userId` is null for homework the members do together. */
@Entity('homework')
@Unique('homework_clinic_id_key', ['clinicId', 'id'])
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'homework_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Assignment, ['clinicId', 'assignmentId'], ['clinicId', 'id'], {
  name: 'homework_clinic_assignment_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => User, ['clinicId', 'userId'], ['clinicId', 'id'], {
  name: 'homework_clinic_user_fk',
  onDelete: 'RESTRICT',
})
@Check('homework_status_check', `status IN ('not_started', 'draft', 'submitted', 'reviewed')`)
@Index('homework_occurrence_key', ['assignmentId', 'dueOn', 'userId'], {
  unique: true,
  where: 'user_id IS NOT NULL',
})
@Index('homework_together_occurrence_key', ['assignmentId', 'dueOn'], {
  unique: true,
  where: 'user_id IS NULL',
})
@Index('homework_case_due_idx', ['clinicId', 'caseId', 'dueOn'])
@Index('homework_case_status_idx', ['caseId', 'status', 'submittedAt'])
@Index('homework_user_status_due_idx', ['userId', 'status', 'dueOn'])
// Homework still open or awaiting review, with everything the review inbox filters and sorts on
// and row-level security checks: the inbox finds its page in this index alone. Written by hand
// in its migration (TypeORM cannot express INCLUDE).
@Index('homework_waiting_idx', { synchronize: false })
export class Homework {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('homework_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('homework_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Index('homework_assignment_id_idx')
  @Column('uuid', { name: 'assignment_id' })
  assignmentId!: string;

  @ManyToOne(() => Assignment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: Assignment;

  @Index('homework_exercise_version_id_idx')
  @Column('uuid', { name: 'exercise_version_id' })
  exerciseVersionId!: string;

  @ManyToOne(() => ExerciseVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exercise_version_id' })
  exerciseVersion?: ExerciseVersion;

  @Index('homework_user_id_idx')
  @Column('uuid', { name: 'user_id', nullable: true })
  userId!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User | null;

  @Column('date', { name: 'due_on' })
  dueOn!: string;

  @Column('text', { default: 'not_started' })
  status!: HomeworkStatus;

  /** The response (JSON), encrypted. */
  @Column('text', { name: 'answers_enc', nullable: true })
  answersEnc!: string | null;

  /** Bumped by every save of the response; saves name the version they edited. */
  @Column('int', { default: 0 })
  version!: number;

  @Column('timestamptz', { name: 'saved_at', nullable: true })
  savedAt!: Date | null;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt!: Date | null;

  @Column('timestamptz', { name: 'reviewed_at', nullable: true })
  reviewedAt!: Date | null;

  @Index('homework_reviewed_by_id_idx')
  @Column('uuid', { name: 'reviewed_by_id', nullable: true })
  reviewedById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reviewed_by_id' })
  reviewedBy?: User | null;

  /** Why the counselor sent the response back for revision (encrypted); the client sees it. */
  @Column('text', { name: 'revision_reason_enc', nullable: true })
  revisionReasonEnc!: string | null;

  /** Set while a counselor shares this individual response with the case's other members. */
  @Column('timestamptz', { name: 'shared_at', nullable: true })
  sharedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A member's confirmation of a together response, at its version; an edit clears them. */
@Entity('homework_confirmations')
@ForeignKey(() => Homework, ['clinicId', 'homeworkId'], ['clinicId', 'id'], {
  name: 'homework_confirmations_clinic_homework_fk',
  onDelete: 'CASCADE',
})
@Index('homework_confirmations_homework_user_key', ['homeworkId', 'userId'], { unique: true })
export class HomeworkConfirmation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('homework_confirmations_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('homework_confirmations_homework_id_idx')
  @Column('uuid', { name: 'homework_id' })
  homeworkId!: string;

  @ManyToOne(() => Homework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'homework_id' })
  homework?: Homework;

  @Index('homework_confirmations_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** The response's version this member confirmed; an edit after it asks them to confirm again. */
  @Column('int', { default: 0 })
  version!: number;

  @CreateDateColumn({ name: 'confirmed_at', type: 'timestamptz' })
  confirmedAt!: Date;
}

/** A counselor's feedback on a response, and the client's one reply; both encrypted. */
@Entity('homework_feedback')
@ForeignKey(() => Homework, ['clinicId', 'homeworkId'], ['clinicId', 'id'], {
  name: 'homework_feedback_clinic_homework_fk',
  onDelete: 'CASCADE',
})
export class HomeworkFeedback {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('homework_feedback_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('homework_feedback_homework_id_idx')
  @Column('uuid', { name: 'homework_id' })
  homeworkId!: string;

  @ManyToOne(() => Homework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'homework_id' })
  homework?: Homework;

  @Index('homework_feedback_author_id_idx')
  @Column('uuid', { name: 'author_id' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column('text', { name: 'body_enc' })
  bodyEnc!: string;

  @Index('homework_feedback_reply_author_id_idx')
  @Column('uuid', { name: 'reply_author_id', nullable: true })
  replyAuthorId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'reply_author_id' })
  replyAuthor?: User | null;

  @Column('text', { name: 'reply_body_enc', nullable: true })
  replyBodyEnc!: string | null;

  @Column('timestamptz', { name: 'replied_at', nullable: true })
  repliedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A submitted 0–10 answer, copied out of the (encrypted) response for progress charts and gap
 * flags. The value is clinical too, so it is encrypted as well: charts and flags decrypt it in
 * the application; SQL only orders these rows by date and never compares or adds values.
 */
@Entity('homework_scores')
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'homework_scores_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Homework, ['clinicId', 'homeworkId'], ['clinicId', 'id'], {
  name: 'homework_scores_clinic_homework_fk',
  onDelete: 'CASCADE',
})
@Index('homework_scores_homework_field_key', ['homeworkId', 'userId', 'fieldKey'], { unique: true })
@Index('homework_scores_case_user_on_idx', ['caseId', 'userId', 'recordedOn'])
export class HomeworkScore {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('homework_scores_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('homework_scores_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Index('homework_scores_homework_id_idx')
  @Column('uuid', { name: 'homework_id' })
  homeworkId!: string;

  @ManyToOne(() => Homework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'homework_id' })
  homework?: Homework;

  @Index('homework_scores_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** Which question (a key of the exercise's form) and, below, the day: plaintext, to order. */
  @Column('text', { name: 'field_key' })
  fieldKey!: string;

  /** The 0–10 number as text, encrypted and bound to this row's id. */
  @Column('text', { name: 'value_enc' })
  valueEnc!: string;

  @Column('date', { name: 'recorded_on' })
  recordedOn!: string;
}

/**
 * A measure's locked result: the score and its band, computed once when it is submitted, and
 * encrypted like the answers it comes from (JSON `{ score, band }`, bound to this row's id).
 */
@Entity('measure_results')
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'measure_results_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Homework, ['clinicId', 'homeworkId'], ['clinicId', 'id'], {
  name: 'measure_results_clinic_homework_fk',
  onDelete: 'CASCADE',
})
@Index('measure_results_homework_key', ['homeworkId'], { unique: true })
@Index('measure_results_case_user_idx', ['caseId', 'userId', 'submittedAt'])
export class MeasureResultRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('measure_results_clinic_id_idx')
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

  @Column('uuid', { name: 'homework_id' })
  homeworkId!: string;

  @ManyToOne(() => Homework, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'homework_id' })
  homework?: Homework;

  @Index('measure_results_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('measure_results_exercise_id_idx')
  @Column('uuid', { name: 'exercise_id' })
  exerciseId!: string;

  @ManyToOne(() => Exercise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exercise_id' })
  exercise?: Exercise;

  /** `{ score, band }`: the band as it was defined when scored (a result never changes). */
  @Column('text', { name: 'result_enc' })
  resultEnc!: string;

  @Column('timestamptz', { name: 'submitted_at' })
  submittedAt!: Date;
}

registerEncryptedColumn({ table: 'assignments', column: 'instructions_enc' });
registerEncryptedColumn({ table: 'homework', column: 'revision_reason_enc' });
registerEncryptedColumn({ table: 'homework', column: 'answers_enc' });
registerEncryptedColumn({ table: 'homework_feedback', column: 'body_enc' });
registerEncryptedColumn({ table: 'homework_feedback', column: 'reply_body_enc' });
registerEncryptedColumn({ table: 'homework_scores', column: 'value_enc' });
registerEncryptedColumn({ table: 'measure_results', column: 'result_enc' });

export const HOMEWORK_ENTITIES = [
  Assignment,
  Homework,
  HomeworkConfirmation,
  HomeworkFeedback,
  HomeworkScore,
  MeasureResultRow,
];
