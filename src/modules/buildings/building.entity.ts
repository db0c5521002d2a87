import { Zone } from '../reference/reference.entities.js';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { JSON_TEXT, TIMESTAMP } from '../../database/column-types.js';
import { decimalNumber } from '../../database/transformers.js';

/** 商务楼宇: a commercial office building in one of the zones or belts. */
@Entity('buildings')
@Index('uq_buildings_code', ['code'], { unique: true })
@Index('idx_buildings_zone', ['zoneCode', 'id'])
@Index('idx_buildings_vacancy_updated', ['vacancyUpdatedAt'])
export class Building {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  /** Natural key of buildings loaded from seeds/ (upsert by code); null for buildings added later. */
  @Column({ type: 'varchar', length: 64, nullable: true }) code: string | null;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true }) nameEn: string | null;
  @Column({ name: 'zone_code', type: 'varchar', length: 32 }) zoneCode: string;
  @ManyToOne(() => Zone, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'zone_code', foreignKeyConstraintName: 'fk_buildings_zone' })
  zone?: Zone;
  @Column({ type: 'varchar', length: 300, nullable: true }) address: string | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) grade: string | null;
  @Column({ name: 'total_area', type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: decimalNumber })
  totalArea: number | null;
  @Column({ name: 'specialty_industries', type: JSON_TEXT }) specialtyIndustries: string[];
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
  @Column({ name: 'archived_at', type: TIMESTAMP, nullable: true }) archivedAt: Date | null;
  /**
   * When a unit of the building was last created or changed, or its vacancy sheet confirmed: a
   * building not updated for 30 days is flagged (the monthly 楼宇空置 update is due).
   */
  @Column({ name: 'vacancy_updated_at', type: TIMESTAMP, nullable: true }) vacancyUpdatedAt: Date | null;
}
