import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import type { ActivityType } from '../reference/enums.js';
import { Lead } from './lead.entity.js';

export const LEAD_POOL_EVENTS = ['RETURNED', 'RELEASED', 'CLAIMED', 'ASSIGNED'] as const;
export type LeadPoolEvent = (typeof LEAD_POOL_EVENTS)[number];

/** 跟进记录 of a lead: a call, visit or meeting logged before the lead became a project; append-only. */
@Entity('lead_activities')
@Index('idx_lead_activities_lead', ['leadId', 'id'])
export class LeadActivity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'lead_id', type: 'varchar', length: 36 }) leadId: string;
  @ManyToOne(() => Lead, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'fk_lead_activities_lead' })
  lead?: Lead;
  @Column({ type: 'varchar', length: 16 }) type: ActivityType;
  @Column({ type: TIMESTAMP }) at: Date;
  @Column({ type: 'varchar', length: 2000 }) summary: string;
  @Column({ name: 'next_follow_up_at', type: TIMESTAMP, nullable: true }) nextFollowUpAt: Date | null;
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  /** A move of the lead pool (公海) recorded in the timeline, not a contact: RETURNED, RELEASED, CLAIMED, ASSIGNED. */
  @Column({ name: 'pool_event', type: 'varchar', length: 16, nullable: true }) poolEvent: LeadPoolEvent | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
}
