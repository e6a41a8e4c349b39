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
  Audience,
  ExerciseStatus,
  FieldDef,
  MeasureScoring,
  Recurrence,
  Stage,
} from '@mend/shared/contracts';
import { Clinic, User } from '@mend/auth/api';

/**
 * An exercise of a clinic's library: one of the built-ins (`builtInKey`) or a counselor's own.
 * Title, stage, audience and recurrence repeat the current version's, for listing and filtering.
 */
@Entity('exercises')
@Unique('exercises_clinic_id_key', ['clinicId', 'id'])
@Index('exercises_clinic_built_in_key', ['clinicId', 'builtInKey'], {
  unique: true,
  where: 'built_in_key IS NOT NULL',
})
@Index('exercises_clinic_status_stage_idx', ['clinicId', 'status', 'stage'])
@Check('exercises_status_check', `status IN ('active', 'archived')`)
export class Exercise {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('exercises_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('text', { name: 'built_in_key', nullable: true })
  builtInKey!: string | null;

  @Index('exercises_owner_id_idx')
  @Column('uuid', { name: 'owner_id', nullable: true })
  ownerId!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User | null;

  @Index('exercises_based_on_id_idx')
  @Column('uuid', { name: 'based_on_id', nullable: true })
  basedOnId!: string | null;

  @ManyToOne(() => Exercise, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'based_on_id' })
  basedOn?: Exercise | null;

  @Column('text', { default: 'active' })
  status!: ExerciseStatus;

  @Column('int', { name: 'current_version', default: 1 })
  currentVersion!: number;

  @Column('text')
  title!: string;

  @Column('text')
  stage!: Stage;

  @Column('text')
  audience!: Audience;

  @Column('text')
  recurrence!: Recurrence;

  /** A scored measure (PHQ-9, GAD-7, a clinic's licensed scale) rather than an exercise. */
  @Column('boolean', { name: 'is_measure', default: false })
  isMeasure!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One published version of an exercise; assignments keep the version they were given with. */
@Entity('exercise_versions')
@Unique('exercise_versions_clinic_id_key', ['clinicId', 'id'])
@ForeignKey(() => Exercise, ['clinicId', 'exerciseId'], ['clinicId', 'id'], {
  name: 'exercise_versions_clinic_exercise_fk',
  onDelete: 'CASCADE',
})
@Index('exercise_versions_exercise_version_key', ['exerciseId', 'version'], { unique: true })
export class ExerciseVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('exercise_versions_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('exercise_versions_exercise_id_idx')
  @Column('uuid', { name: 'exercise_id' })
  exerciseId!: string;

  @ManyToOne(() => Exercise, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exercise_id' })
  exercise?: Exercise;

  @Column('int')
  version!: number;

  @Column('text')
  title!: string;

  @Column('text')
  stage!: Stage;

  @Column('text')
  audience!: Audience;

  @Column('text')
  recurrence!: Recurrence;

  /** One line on what the exercise asks, for the library's cards; null: none written. */
  @Column('text', { nullable: true })
  summary!: string | null;

  @Column('text')
  instructions!: string;

  @Column('jsonb')
  fields!: FieldDef[];

  /** How a measure is scored; null for an exercise. */
  @Column('jsonb', { nullable: true })
  measure!: MeasureScoring | null;

  @Index('exercise_versions_created_by_id_idx')
  @Column('uuid', { name: 'created_by_id', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
