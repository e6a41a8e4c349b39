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
import type { MemberLabel } from '@mend/shared/contracts';
import { Clinic, User } from '@mend/auth/api';
import { Case } from './case.entity';

/** A client in a case. `label` is the counselors' note of their position in the breach. */
@Entity('case_members')
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'case_members_clinic_case_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => User, ['clinicId', 'userId'], ['clinicId', 'id'], {
  name: 'case_members_clinic_user_fk',
  onDelete: 'RESTRICT',
})
@Index('case_members_case_user_key', ['caseId', 'userId'], { unique: true })
@Check(
  'case_members_label_check',
  `label IS NULL OR label IN ('broke_trust', 'was_hurt', 'both_unclear')`,
)
export class CaseMember {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('case_members_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('case_members_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Index('case_members_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('text', { nullable: true })
  label!: MemberLabel | null;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
