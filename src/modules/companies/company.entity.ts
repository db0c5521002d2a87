import { Industry } from '../reference/reference.entities.js';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { JSON_TEXT, TIMESTAMP } from '../../database/column-types.js';
import type { Province } from '../reference/enums.js';

/** An enterprise the district is courting or hosting, identified once registered by its USCC. */
@Entity('companies')
@Index('idx_companies_industry', ['industryCode', 'id'])
@Index('idx_companies_origin', ['originProvince', 'id'])
@Index('idx_companies_name_key', ['nameKey'])
export class Company {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** The name without region and legal form, for finding duplicates (see company-names.ts); null until computed. */
  @Column({ name: 'name_key', type: 'varchar', length: 200, nullable: true }) nameKey: string | null;
  /** 统一社会信用代码, normalised; unique when present. */
  @Index('uq_companies_uscc', { unique: true })
  @Column({ type: 'varchar', length: 18, nullable: true })
  uscc: string | null;
  @Column({ name: 'origin_province', type: 'varchar', length: 24, nullable: true }) originProvince: Province | null;
  @Column({ name: 'origin_city', type: 'varchar', length: 100, nullable: true }) originCity: string | null;
  @Column({ name: 'industry_code', type: 'varchar', length: 32, nullable: true }) industryCode: string | null;
  @ManyToOne(() => Industry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'industry_code', foreignKeyConstraintName: 'fk_companies_industry' })
  industry?: Industry;
  @Column({ type: JSON_TEXT }) segments: string[];
  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true }) createdById: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
  @Column({ name: 'archived_at', type: TIMESTAMP, nullable: true }) archivedAt: Date | null;
}
