import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Stage } from '@mend/shared/contracts';
import { Clinic, User } from '@mend/auth/api';
import { Case } from './case.entity';

/** A move of a case along the path of repair, with the counselor's reason (encrypted). */
@Entity('case_stage_changes')
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'case_stage_changes_clinic_case_fk',
  onDelete: 'CASCADE',
})
@Index('case_stage_changes_case_changed_idx', ['caseId', 'changedAt'])
export class CaseStageChange {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('case_stage_changes_clinic_id_idx')
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

  @Column('text', { name: 'from_stage' })
  fromStage!: Stage;

  @Column('text', { name: 'to_stage' })
  toStage!: Stage;

  @Column('text', { name: 'reason_enc' })
  reasonEnc!: string;

  @Index('case_stage_changes_changed_by_id_idx')
  @Column('uuid', { name: 'changed_by_id' })
  changedById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'changed_by_id' })
  changedBy?: User;

  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;
}
