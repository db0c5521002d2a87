import { User } from '../users/user.entity.js';
import { Industry, Zone } from '../reference/reference.entities.js';
import { Company } from '../companies/company.entity.js';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { JSON_TEXT, TIMESTAMP } from '../../database/column-types.js';
import { decimalNumber, minorUnits } from '../../database/transformers.js';
import type { Currency } from '../../common/money/money.js';
import type { JingjiProvince, ProjectStage, RelocationFunction } from '../reference/enums.js';

/** 招商项目: an investment project moving through the pipeline, 洽谈 → 签约 → 落地 → 运营. */
@Entity('projects')
@Index('idx_projects_stage', ['stage', 'id'])
@Index('idx_projects_industry', ['industryCode', 'id'])
@Index('idx_projects_zone', ['zoneCode', 'id'])
@Index('idx_projects_jingji', ['jingji', 'id'])
@Index('idx_projects_owner', ['ownerId', 'id'])
@Index('idx_projects_signed', ['signedAt', 'id'])
@Index('idx_projects_company', ['companyId'])
@Index('idx_projects_name', ['name', 'id'])
@Index('idx_projects_jingji_signed', ['jingji', 'signedAt', 'archivedAt'])
// The list's nullable sorts (project-list.ts): one index range per page.
@Index('idx_projects_last_activity', ['lastActivityAt', 'id'])
@Index('idx_projects_next_follow_up', ['nextFollowUpAt', 'id'])
@Index('idx_projects_planned', ['plannedInvestment', 'id'])
export class Project {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ name: 'company_id', type: 'varchar', length: 36 }) companyId: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_projects_company' })
  company?: Company;
  @Column({ name: 'industry_code', type: 'varchar', length: 32 }) industryCode: string;
  @ManyToOne(() => Industry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'industry_code', foreignKeyConstraintName: 'fk_projects_industry' })
  industry?: Industry;
  @Column({ type: JSON_TEXT }) segments: string[];
  @Column({ name: 'zone_code', type: 'varchar', length: 32, nullable: true }) zoneCode: string | null;
  @ManyToOne(() => Zone, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'zone_code', foreignKeyConstraintName: 'fk_projects_zone' })
  zone?: Zone;
  @Column({ type: 'varchar', length: 16 }) stage: ProjectStage;
  @Column({ name: 'planned_investment', type: 'bigint', nullable: true, transformer: minorUnits })
  plannedInvestment: bigint | null;
  @Column({ name: 'planned_currency', type: 'varchar', length: 3, nullable: true }) plannedCurrency: Currency | null;
  @Column({ name: 'area_min', type: 'numeric', precision: 12, scale: 2, nullable: true, transformer: decimalNumber })
  areaMin: number | null;
  @Column({ name: 'area_max', type: 'numeric', precision: 12, scale: 2, nullable: true, transformer: decimalNumber })
  areaMax: number | null;
  /** 京冀项目: set when the project relocates from Beijing or Hebei. */
  @Column({ type: 'boolean' }) jingji: boolean;
  @Column({ name: 'origin_province', type: 'varchar', length: 16, nullable: true }) originProvince: JingjiProvince | null;
  @Column({ name: 'origin_city', type: 'varchar', length: 100, nullable: true }) originCity: string | null;
  @Column({ name: 'origin_district', type: 'varchar', length: 100, nullable: true }) originDistrict: string | null;
  @Column({ name: 'relocation_function', type: 'varchar', length: 24, nullable: true })
  relocationFunction: RelocationFunction | null;
  @Column({ name: 'central_soe', type: 'boolean', nullable: true }) centralSoe: boolean | null;
  /** Date of the first arrival at SIGNED (or beyond); counts the project toward signed targets. */
  @Column({ name: 'signed_at', type: 'date', nullable: true }) signedAt: string | null;
  /** Date of the latest stage change. */
  @Column({ name: 'stage_changed_at', type: 'date' }) stageChangedAt: string;
  @Column({ name: 'lost_reason', type: 'varchar', length: 500, nullable: true }) lostReason: string | null;
  @Column({ name: 'lead_id', type: 'varchar', length: 36, nullable: true }) leadId: string | null;
  @Column({ name: 'owner_id', type: 'varchar', length: 36, nullable: true }) ownerId: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_projects_owner' })
  owner?: User;
  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true }) createdById: string | null;
  /** 首谈人: the officer who first talked to the company (the lead's creator), credited when ownership moves. */
  @Column({ name: 'first_contact_id', type: 'varchar', length: 36, nullable: true }) firstContactId: string | null;
  @Column({ name: 'last_activity_at', type: TIMESTAMP, nullable: true }) lastActivityAt: Date | null;
  @Column({ name: 'next_follow_up_at', type: TIMESTAMP, nullable: true }) nextFollowUpAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
  @Column({ name: 'archived_at', type: TIMESTAMP, nullable: true }) archivedAt: Date | null;
}
