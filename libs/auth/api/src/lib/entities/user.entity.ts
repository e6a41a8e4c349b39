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
/** Stored lower-cased; unique among accounts so a sign-in finds one (see emailElsewhere). */
@Index('users_email_key', ['email'], { unique: true, where: 'NOT email_elsewhere' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('users_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Column('text')
  email!: string;

  /**
   * The address belongs to an account of another clinic: this row is the invitation as the
   * inviting clinic sees it (an invited person like any other, so its admin learns nothing
   * about other clinics), never an account. No sign-in finds it, its invitation cannot be
   * accepted, and its invitation mail says the address already has a Mend account elsewhere.
   * Never shown through the API.
   */
  @Column('boolean', { name: 'email_elsewhere', default: false })
  emailElsewhere!: boolean;

  @Column('text', { name: 'display_name' })
  displayName!: string;

  /** A counselor's stated reply times, shown in every conversation's banner. */
  @Column('varchar', { name: 'reply_times', length: 300, nullable: true })
  replyTimes!: string | null;

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
