import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { CaseOutcome, CaseStatus, CaseType, Stage } from '@mend/shared/contracts';
import { Clinic } from '@mend/auth/api';

/** One relationship in care: a couple, a family, or one person (DOMAIN.md). */
@Entity('cases')
@Unique('cases_clinic_id_key', ['clinicId', 'id'])
@Check('cases_type_check', `type IN ('couple', 'family', 'individual')`)
@Check('cases_status_check', `status IN ('open', 'closed')`)
@Check(
  'cases_outcome_check',
  `(status = 'open' AND outcome IS NULL) OR (status = 'closed' AND outcome IN ('reconciled', 'separated_with_care', 'referred_on', 'ended'))`,
)
@Check('cases_recheck_weeks_check', `recheck_weeks BETWEEN 1 AND 52`)
@Check('cases_gap_threshold_check', `gap_threshold BETWEEN 1 AND 10`)
@Index('cases_clinic_status_started_idx', ['clinicId', 'status', 'startedOn'])
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('cases_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('text')
  title!: string;

  @Column('text')
  type!: CaseType;

  @Column('text', { default: 'open' })
  status!: CaseStatus;

  @Column('date', { name: 'started_on' })
  startedOn!: string;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column('text', { nullable: true })
  outcome!: CaseOutcome | null;

  /**
   * The admin's note on closing, e.g. where a case was referred: free text, which can carry
   * clinical detail however it is meant, so it is encrypted (bound to the case's id).
   */
  @Column('text', { name: 'closing_note_enc', nullable: true })
  closingNoteEnc!: string | null;

  /** Where the case is on the path of repair; the counselor moves it, with a reason. */
  @Column('text', { default: 'acknowledge' })
  stage!: Stage;

  /** How often each member's private safety check is asked again while the case is open. */
  @Column('smallint', { name: 'recheck_weeks', default: 8 })
  recheckWeeks!: number;

  /** Partners' latest readings this far apart (0–10) flag the case for the counselor. */
  @Column('smallint', { name: 'gap_threshold', default: 3 })
  gapThreshold!: number;

  /** Bumped by every edit; a stale edit is refused with 409. */
  @Column('int', { default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
