import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * Who did what to which record, when and from where. Metadata only: never clinical text.
 * No foreign keys on purpose: the trail must outlive the rows it describes.
 */
@Entity('audit_events')
@Index('audit_events_clinic_created_idx', ['clinicId', 'createdAt'])
@Index('audit_events_entity_idx', ['clinicId', 'entityType', 'entityId', 'createdAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Strict order of events, also within one transaction (where created_at is equal). */
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
}
