import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { JSON_TEXT, TIMESTAMP } from '../../database/column-types.js';
import { decimalNumber } from '../../database/transformers.js';
import { Building } from './building.entity.js';

/** Tenants of one industry (null: tenants without an industry). */
export interface IndustryCount {
  industry: string | null;
  count: number;
}

/**
 * A building's vacancy at the end of a month (or as of today for the running month), rebuilt from
 * the units' status history; one row per building and month, overwritten when taken again.
 */
@Entity('vacancy_snapshots')
@Index('uq_vacancy_snapshots_month', ['buildingId', 'month'], { unique: true })
@Index('idx_vacancy_snapshots_month', ['month'])
export class VacancySnapshot {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'building_id', type: 'varchar', length: 36 }) buildingId: string;
  @ManyToOne(() => Building, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id', foreignKeyConstraintName: 'fk_vacancy_snapshots_building' })
  building?: Building;
  /** "2025-06" */
  @Column({ type: 'varchar', length: 7 }) month: string;
  /** The day the figures describe: the month's last day, or today for the running month. */
  @Column({ name: 'as_of', type: 'date' }) asOf: string;
  @Column({ name: 'unit_count', type: 'integer' }) unitCount: number;
  @Column({ name: 'leasable_area', type: 'numeric', precision: 14, scale: 2, transformer: decimalNumber }) leasableArea: number;
  @Column({ name: 'vacant_area', type: 'numeric', precision: 14, scale: 2, transformer: decimalNumber }) vacantArea: number;
  @Column({ name: 'reserved_area', type: 'numeric', precision: 14, scale: 2, transformer: decimalNumber }) reservedArea: number;
  @Column({ name: 'leased_area', type: 'numeric', precision: 14, scale: 2, transformer: decimalNumber }) leasedArea: number;
  @Column({ name: 'jingji_area', type: 'numeric', precision: 14, scale: 2, transformer: decimalNumber }) jingjiArea: number;
  @Column({ name: 'tenant_count', type: 'integer' }) tenantCount: number;
  @Column({ name: 'tenants_by_industry', type: JSON_TEXT }) tenantsByIndustry: IndustryCount[];
  @Column({ name: 'taken_at', type: TIMESTAMP }) takenAt: Date;
}
