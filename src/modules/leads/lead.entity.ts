import { Company } from '../companies/company.entity.js';
import { User } from '../users/user.entity.js';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import type { LeadSource, LeadStatus, Province } from '../reference/enums.js';

/** 线索: a raw tip about a company that might invest; qualified and converted, or dropped. */
@Entity('leads')
@Index('idx_leads_status', ['status', 'id'])
@Index('idx_leads_source', ['source', 'id'])
@Index('idx_leads_owner', ['ownerId', 'id'])
@Index('idx_leads_company', ['companyId', 'id'])
@Index('idx_leads_last_activity', ['lastActivityAt', 'id'])
export class Lead {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'company_name', type: 'varchar', length: 200 }) companyName: string;
  @Column({ type: 'varchar', length: 32 }) source: LeadSource;
  @Column({ type: 'varchar', length: 16 }) status: LeadStatus;
  @Column({ name: 'contact_name', type: 'varchar', length: 100, nullable: true }) contactName: string | null;
  @Column({ name: 'contact_phone', type: 'varchar', length: 20, nullable: true }) contactPhone: string | null;
  @Column({ name: 'contact_email', type: 'varchar', length: 200, nullable: true }) contactEmail: string | null;
  @Column({ name: 'industry_code', type: 'varchar', length: 32, nullable: true }) industryCode: string | null;
  @Column({ name: 'origin_province', type: 'varchar', length: 24, nullable: true }) originProvince: Province | null;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true }) ownerId: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_leads_owner' })
  owner?: User;
  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true }) createdById: string | null;
  @Column({ name: 'company_id', type: 'varchar', length: 36, nullable: true }) companyId: string | null;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_leads_company' })
  company?: Company;
  @Index('uq_leads_project', { unique: true })
  @Column({ name: 'project_id', type: 'varchar', length: 36, nullable: true })
  projectId: string | null;
  @Column({ name: 'disqualified_reason', type: 'varchar', length: 500, nullable: true }) disqualifiedReason: string | null;
  @Column({ name: 'closed_at', type: TIMESTAMP, nullable: true }) closedAt: Date | null;
  /** The newest activity logged on the lead; for the lead pool (公海) to find leads nobody works. */
  @Column({ name: 'last_activity_at', type: TIMESTAMP, nullable: true }) lastActivityAt: Date | null;
  @Column({ name: 'next_follow_up_at', type: TIMESTAMP, nullable: true }) nextFollowUpAt: Date | null;
  /** Since when its owner holds it (claimed or assigned); null: since its creation. The pool's idle clock starts here. */
  @Column({ name: 'owned_since', type: TIMESTAMP, nullable: true }) ownedSince: Date | null;
  /** Set when its owner claimed it from the pool (公海): counts toward LEAD_POOL_CLAIM_LIMIT while open. */
  @Column({ name: 'claimed_at', type: TIMESTAMP, nullable: true }) claimedAt: Date | null;
  /** When it last entered the pool (returned idle or released); it is in the pool while it has no owner. */
  @Column({ name: 'pool_entered_at', type: TIMESTAMP, nullable: true }) poolEnteredAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
  @Column({ name: 'archived_at', type: TIMESTAMP, nullable: true }) archivedAt: Date | null;
}
