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
import type { CounselorRole } from '@mend/shared/contracts';
import { Clinic, User } from '@mend/auth/api';
import { Case } from './case.entity';

/** A counselor assigned to a case: its one primary counselor, or a co-counselor. */
@Entity('case_counselors')
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'case_counselors_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => User, ['clinicId', 'userId'], ['clinicId', 'id'], {
  name: 'case_counselors_clinic_user_fk',
  onDelete: 'RESTRICT',
})
@Index('case_counselors_case_user_key', ['caseId', 'userId'], { unique: true })
// The caseload lookup (which cases a counselor may open, also in row-level security), answered
// from the index alone.
@Index('case_counselors_user_case_idx', ['userId', 'caseId'])
@Index('case_counselors_one_primary_key', ['caseId'], { unique: true, where: `role = 'primary'` })
@Check('case_counselors_role_check', `role IN ('primary', 'co')`)
export class CaseCounselor {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('case_counselors_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('case_counselors_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('text')
  role!: CounselorRole;

  @CreateDateColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;
}
