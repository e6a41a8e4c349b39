import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ClientThreadRule, MfaPolicy } from '@mend/shared/contracts';

/** A practice: the tenant every other record belongs to. */
@Entity('clinics')
@Check('clinics_mfa_policy_check', `mfa_policy IN ('staff', 'everyone')`)
@Check('clinics_client_threads_check', `client_threads IN ('none', 'private', 'private_and_joint')`)
export class Clinic {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** What a client sees at once when they pick a critical answer; null: Mend's default text. */
  @Column('text', { name: 'crisis_text', nullable: true })
  crisisText!: string | null;

  /** Which conversations its clients may start themselves (counselors always may). */
  @Column('text', { name: 'client_threads', default: 'private' })
  clientThreads!: ClientThreadRule;

  /** The name the clinic's mail comes from; null: "Mend". Some clients need a discreet one. */
  @Column('varchar', { name: 'mail_sender_name', length: 80, nullable: true })
  mailSenderName!: string | null;

  /** Who must use a second factor: staff always; 'everyone' adds clients. */
  @Column('varchar', { name: 'mfa_policy', length: 10, default: 'staff' })
  mfaPolicy!: MfaPolicy;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
