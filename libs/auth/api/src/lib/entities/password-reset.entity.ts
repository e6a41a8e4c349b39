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
import { Clinic } from './clinic.entity';
import { User } from './user.entity';

/** A one-time link to choose a new password, valid 30 minutes. Only its hash is stored. */
@Entity('password_resets')
@ForeignKey(() => User, ['clinicId', 'userId'], ['clinicId', 'id'], {
  name: 'password_resets_clinic_user_fk',
  onDelete: 'CASCADE',
})
export class PasswordReset {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('password_resets_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('password_resets_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('password_resets_token_hash_key', { unique: true })
  @Column('text', { name: 'token_hash' })
  tokenHash!: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A "forgot your password" request, kept an hour to throttle per address and per network
 * address. Not tenant data: the address may belong to no one, and nothing says whether it does.
 */
@Entity('password_reset_requests')
@Index('password_reset_requests_email_idx', ['email', 'createdAt'])
@Index('password_reset_requests_ip_idx', ['ip', 'createdAt'])
export class PasswordResetRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  ip!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
