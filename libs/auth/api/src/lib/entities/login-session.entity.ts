import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Clinic } from './clinic.entity';
import { User } from './user.entity';

/**
 * A signed-in browser. Named "login session" so it is never confused with a counseling
 * session. Only the SHA-256 of the cookie's token is stored.
 */
@Entity('login_sessions')
export class LoginSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('login_sessions_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('login_sessions_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('login_sessions_token_hash_key', { unique: true })
  @Column('text', { name: 'token_hash' })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'last_seen_at' })
  lastSeenAt!: Date;

  /** The absolute end of the session, whatever the activity. */
  @Index('login_sessions_expires_at_idx')
  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent!: string | null;

  /** When the second factor was last given in this session; null: not yet (or not needed). */
  @Column('timestamptz', { name: 'second_factor_at', nullable: true })
  secondFactorAt!: Date | null;

  /** The WebAuthn challenge this session was last given, to check the passkey's answer. */
  @Column('text', { name: 'passkey_challenge', nullable: true })
  passkeyChallenge!: string | null;

  /** Wrong second-factor answers in this session; too many end it. */
  @Column('integer', { name: 'second_factor_failures', default: 0 })
  secondFactorFailures!: number;
}
