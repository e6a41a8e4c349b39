import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A failed sign-in, kept a short while to throttle guessing per account and per address.
 * Not tenant data: the email may belong to no one. Kept in PostgreSQL so every API instance
 * sees the same count.
 */
@Entity('login_failures')
@Index('login_failures_email_idx', ['email', 'createdAt'])
@Index('login_failures_ip_idx', ['ip', 'createdAt'])
export class LoginFailure {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  ip!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
