import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A failed sign-in, kept an hour to throttle guessing per account, per known device and per
 * address. A sign-in in progress holds one too (reserved before the password is checked,
 * removed if it was right), so simultaneous guesses count like consecutive ones. Not tenant
 * data: the email may belong to no one. Kept in PostgreSQL so every API instance sees the
 * same count.
 */
@Entity('login_failures')
@Index('login_failures_email_idx', ['email', 'createdAt'])
@Index('login_failures_ip_idx', ['ip', 'createdAt'])
@Index('login_failures_created_idx', ['createdAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  ip!: string;

  /** The known device's id (from its signed device cookie); null for any other browser. */
  @Column('text', { nullable: true })
  device!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
