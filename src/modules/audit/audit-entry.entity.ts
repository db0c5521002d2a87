import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { JSON_TEXT, TIMESTAMP } from '../../database/column-types.js';

/** What changed in one field: before and after, as the API shows them. */
export type FieldChanges = Record<string, { before: JsonValue; after: JsonValue }>;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One row of the audit trail: who did what to which record, with the changed fields, and when. */
@Entity('audit_log')
@Index('idx_audit_entity', ['entity', 'entityId', 'id'])
@Index('idx_audit_actor', ['actorId', 'id'])
@Index('idx_audit_at', ['at'])
export class AuditEntry {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @Column({ name: 'actor_username', type: 'varchar', length: 64, nullable: true }) actorUsername: string | null;
  @Column({ type: 'varchar', length: 48 }) action: string;
  @Column({ type: 'varchar', length: 32 }) entity: string;
  @Column({ name: 'entity_id', type: 'varchar', length: 64 }) entityId: string;
  @Column({ type: JSON_TEXT }) changes: FieldChanges;
  @CreateDateColumn({ name: 'at', type: TIMESTAMP }) at: Date;
}
