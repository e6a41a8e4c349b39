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
import type { Role, UserStatus } from '@mend/shared/contracts';
import { Clinic } from './clinic.entity';

@Entity('users')
@Unique('users_clinic_id_key', ['clinicId', 'id'])
@Check('users_role_check', `role IN ('admin', 'counselor', 'client')`)
@Check('users_status_check', `status IN ('invited', 'active', 'disabled')`)
@Index('users_clinic_role_idx', ['clinicId', 'role', 'status'])
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('users_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  /** Stored lower-cased; unique across Mend so a sign-in finds one account. */
  @Index('users_email_key', { unique: true })
  @Column('text')
  email!: string;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  @Column('text')
  role!: Role;

  @Column('text', { default: 'invited' })
  status!: UserStatus;

  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
