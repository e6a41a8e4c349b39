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
import type { AgreementStatus } from '@mend/shared/contracts';
import { Clinic, User } from '@mend/auth/api';
import { Case } from '@mend/caseload/api';
import { registerEncryptedColumn } from '@mend/shared/server';

/**
 * One version of a case's relationship agreement: drafted together, signed by every member,
 * then locked. Reviewing it starts the next version; older ones stay readable.
 */
@Entity('agreements')
@Unique('agreements_clinic_id_key', ['clinicId', 'id'])
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'agreements_clinic_case_fk',
  onDelete: 'CASCADE',
})
@Check('agreements_status_check', `status IN ('draft', 'signed')`)
@Index('agreements_case_number_key', ['caseId', 'number'], { unique: true })
@Index('agreements_case_draft_key', ['caseId'], { unique: true, where: `status = 'draft'` })
export class Agreement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('agreements_clinic_id_idx')
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

  /** 1 for the first agreement, then one more for each review. */
  @Column('int')
  number!: number;

  @Column('text', { default: 'draft' })
  status!: AgreementStatus;

  /** The agreements (JSON list of category + text), encrypted. */
  @Column('text', { name: 'items_enc', nullable: true })
  itemsEnc!: string | null;

  @Column('date', { name: 'review_on', nullable: true })
  reviewOn!: string | null;

  /** Bumped by every edit; a stale edit answers 409 and clears nobody's work. */
  @Column('int', { default: 0 })
  version!: number;

  @Index('agreements_created_by_id_idx')
  @Column('uuid', { name: 'created_by_id' })
  createdById!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'signed_at', nullable: true })
  signedAt!: Date | null;
}

/** A member's signature (typed name and time) on one version of an agreement. */
@Entity('agreement_signatures')
@ForeignKey(() => Agreement, ['clinicId', 'agreementId'], ['clinicId', 'id'], {
  name: 'agreement_signatures_clinic_agreement_fk',
  onDelete: 'CASCADE',
})
@ForeignKey(() => Case, ['clinicId', 'caseId'], ['clinicId', 'id'], {
  name: 'agreement_signatures_clinic_case_fk',
  onDelete: 'CASCADE',
})
@Index('agreement_signatures_agreement_user_key', ['agreementId', 'userId'], { unique: true })
export class AgreementSignature {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('agreement_signatures_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('agreement_signatures_case_id_idx')
  @Column('uuid', { name: 'case_id' })
  caseId!: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Column('uuid', { name: 'agreement_id' })
  agreementId!: string;

  @ManyToOne(() => Agreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: Agreement;

  @Index('agreement_signatures_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** The name the member typed to sign, encrypted. */
  @Column('text', { name: 'typed_name_enc' })
  typedNameEnc!: string;

  /** The agreement's edit version that was signed. */
  @Column('int', { name: 'agreement_version' })
  agreementVersion!: number;

  @CreateDateColumn({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;
}

registerEncryptedColumn({ table: 'agreements', column: 'items_enc' });
registerEncryptedColumn({ table: 'agreement_signatures', column: 'typed_name_enc' });

export const AGREEMENTS_ENTITIES = [Agreement, AgreementSignature];
