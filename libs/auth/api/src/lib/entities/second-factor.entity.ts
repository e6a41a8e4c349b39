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
import type { SecondFactorMethod } from '@mend/shared/contracts';
import { registerEncryptedColumn } from '@mend/shared/server';
import { Clinic } from './clinic.entity';
import { User } from './user.entity';

registerEncryptedColumn({ table: 'second_factors', column: 'secret_enc' });

/**
 * One way a person proves the second step of signing in: their authenticator app's secret
 * (encrypted; usable once confirmed with a first code), a passkey (public key only), or a
 * one-time recovery code (hashed). One table, so "does this person have a factor" is one lookup.
 */
@Entity('second_factors')
@Check('second_factors_method_check', `method IN ('totp', 'passkey', 'recovery_code')`)
@ForeignKey(() => User, ['clinicId', 'userId'], ['clinicId', 'id'], {
  name: 'second_factors_clinic_user_fk',
  onDelete: 'CASCADE',
})
export class SecondFactor {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('second_factors_clinic_id_idx')
  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @ManyToOne(() => Clinic, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: Clinic;

  @Index('second_factors_user_id_idx')
  @Column('uuid', { name: 'user_id' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column('varchar', { length: 16 })
  method!: SecondFactorMethod;

  /** The person's word for a passkey's device. */
  @Column('varchar', { length: 60, nullable: true })
  name!: string | null;

  /** The authenticator app's secret (base32), encrypted. */
  @Column('text', { name: 'secret_enc', nullable: true })
  secretEnc!: string | null;

  /** The last 30-second step a code was accepted for: a code works once. */
  @Column('bigint', { name: 'last_step', nullable: true })
  lastStep!: string | null;

  /** A passkey's credential id (base64url), unique across Mend. */
  @Index('second_factors_credential_id_key', { unique: true })
  @Column('text', { name: 'credential_id', nullable: true })
  credentialId!: string | null;

  @Column('bytea', { name: 'public_key', nullable: true })
  publicKey!: Buffer | null;

  @Column('bigint', { name: 'sign_count', default: 0 })
  signCount!: string;

  @Column('text', { array: true, nullable: true })
  transports!: string[] | null;

  /** A recovery code's SHA-256 (the codes are random, so a slow hash adds nothing). */
  @Column('text', { name: 'code_hash', nullable: true })
  codeHash!: string | null;

  /** Null for an authenticator secret not yet confirmed with a code. */
  @Column('timestamptz', { name: 'confirmed_at', nullable: true })
  confirmedAt!: Date | null;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
