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
import { Clinic, User } from '@mend/auth/api';
import { Case } from './case.entity';

/** A client in a case. The label is the counselors' note of their position in the breach. */
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
// A client's cases (also in row-level security), answered from the index alone.
@Index('case_members_user_case_idx', ['userId', 'caseId'])
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

  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /**
   * Encrypted `MemberLabel` (clinical: who broke trust, who was hurt), bound to this row's id;
   * the DTO checks it is one of the labels before it is written. Read only for the case's
   * counselors, so it is never needed in SQL.
   */
  @Column('text', { name: 'label_enc', nullable: true })
  labelEnc!: string | null;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
