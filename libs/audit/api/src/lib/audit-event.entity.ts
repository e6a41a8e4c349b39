import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * Who did what to which record, when and from where. Metadata, and free text (reasons, names)
 * only encrypted, in `details.text_enc`. No foreign keys on purpose: the trail must outlive the
 * rows it describes.
 *
 * Append-only and chained per clinic: AuditService seals each event with an HMAC under a key
 * outside the database (AUDIT_KEYS) over the previous event's hash; the database (migrations
 * AuditChain, KeyedAuditChain) checks the link onto the clinic's head, sets seq, and refuses
 * UPDATE, DELETE and TRUNCATE. `AuditChainVerifier` detects a row altered, re-chained or
 * removed behind the triggers' back.
 */
@Entity('audit_events')
@Index('audit_events_clinic_created_idx', ['clinicId', 'createdAt'])
@Index('audit_events_clinic_seq_idx', ['clinicId', 'seq'])
@Index('audit_events_clinic_action_idx', ['clinicId', 'action', 'seq'])
@Index('audit_events_clinic_position_key', ['clinicId', 'position'], { unique: true })
@Index('audit_events_entity_idx', ['clinicId', 'entityType', 'entityId', 'createdAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /**
   * Strict order of events, also within one transaction (where created_at is equal). Re-taken
   * by the chain trigger under the clinic's lock, so within a clinic seq order is chain order.
   */
  @Index('audit_events_seq_key', { unique: true })
  @Column('bigint')
  @Generated('increment')
  seq!: string;

  @Column('uuid', { name: 'clinic_id' })
  clinicId!: string;

  @Index('audit_events_actor_id_idx')
  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId!: string | null;

  /** e.g. `case.opened`, `case.counselors_assigned`, `user.disabled`. */
  @Column('text')
  action!: string;

  @Column('text', { name: 'entity_type' })
  entityType!: string;

  @Column('uuid', { name: 'entity_id' })
  entityId!: string;

  @Column('jsonb', { default: {} })
  details!: Record<string, unknown>;

  @Column('text', { nullable: true })
  ip!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** 1, 2, 3… within the clinic; a gap means a removed event. Checked by the database. */
  @Column('bigint')
  position!: string;

  /** The hash of the clinic's previous event ('' for its first). Checked by the database. */
  @Column('text', { name: 'prev_hash' })
  prevHash!: string;

  /**
   * Hex HMAC-SHA256, under the audit key `keyId`, of prev_hash and this event's fields (hex
   * SHA-256 for events written before the chain was keyed).
   */
  @Column('text')
  hash!: string;

  /** Which AUDIT_KEYS key sealed the event; null for the unkeyed events before KeyedAuditChain. */
  @Column('text', { name: 'key_id', nullable: true })
  keyId!: string | null;
}
