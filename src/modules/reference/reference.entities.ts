import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { JSON_TEXT } from '../../database/column-types.js';

export type IndustryGroup = 'ESTABLISHED' | 'GROWTH';
export type ZoneKind = 'ZONE' | 'BELT';

/** 六大产业: one of the district's six industries. Reference data, upserted from seeds/ by code. */
@Entity('industries')
export class Industry {
  @PrimaryColumn({ type: 'varchar', length: 32 }) code: string;
  @Column({ name: 'name_zh', type: 'varchar', length: 100 }) nameZh: string;
  @Column({ name: 'name_en', type: 'varchar', length: 100 }) nameEn: string;
  @Column({ name: 'industry_group', type: 'varchar', length: 16 }) group: IndustryGroup;
  @Column({ type: JSON_TEXT }) keywords: string[];
  @Column({ name: 'sort_order', type: 'integer' }) sortOrder: number;
}

/** A sub-sector (细分领域) of an industry, e.g. 融资租赁 under 创新金融. */
@Entity('industry_segments')
@Index('idx_segments_industry', ['industryCode'])
export class IndustrySegment {
  @PrimaryColumn({ type: 'varchar', length: 64 }) code: string;
  @Column({ name: 'industry_code', type: 'varchar', length: 32 }) industryCode: string;
  @ManyToOne(() => Industry, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'industry_code', foreignKeyConstraintName: 'fk_segments_industry' })
  industry?: Industry;
  @Column({ name: 'name_zh', type: 'varchar', length: 100 }) nameZh: string;
  @Column({ name: 'name_en', type: 'varchar', length: 100 }) nameEn: string;
  @Column({ type: JSON_TEXT }) keywords: string[];
  @Column({ name: 'sort_order', type: 'integer' }) sortOrder: number;
}

/** 五区三带: one of the five functional zones or three development belts. */
@Entity('zones')
export class Zone {
  @PrimaryColumn({ type: 'varchar', length: 32 }) code: string;
  @Column({ name: 'name_zh', type: 'varchar', length: 100 }) nameZh: string;
  @Column({ name: 'name_en', type: 'varchar', length: 150 }) nameEn: string;
  @Column({ type: 'varchar', length: 8 }) kind: ZoneKind;
  @Column({ name: 'focus_industries', type: JSON_TEXT }) focusIndustries: string[];
  @Column({ name: 'description_zh', type: 'text', nullable: true }) descriptionZh: string | null;
  @Column({ name: 'sort_order', type: 'integer' }) sortOrder: number;
}
