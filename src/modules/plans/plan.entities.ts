import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { JSON_TEXT, TIMESTAMP } from '../../database/column-types.js';

export const STATUS_BASES = ['REPORTED', 'VERIFIED'] as const;
export type StatusBasis = (typeof STATUS_BASES)[number];

/** A five-year plan period (规划期) with its targets; FYP14 is seeded, later plans are entered as data. */
@Entity('plans')
export class Plan {
  @PrimaryColumn({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true }) nameEn: string | null;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date' }) endDate: string;
  /** Which figure the statuses follow: every funds-in-place entry (REPORTED) or the verified ones. */
  @Column({ name: 'status_basis', type: 'varchar', length: 16, default: 'REPORTED' }) statusBasis: StatusBasis;
  /** Why this plan's period may overlap another plan's (refused without one). */
  @Column({ name: 'overlap_reason', type: 'varchar', length: 500, nullable: true }) overlapReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}

/** One target of a plan (规划指标), e.g. JINGJI_PROJECTS = 1000. Targets are decimal strings. */
@Entity('plan_indicators')
@Index('uq_plan_indicators_code', ['planCode', 'code'], { unique: true })
export class PlanIndicator {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'plan_code', type: 'varchar', length: 32 }) planCode: string;
  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_code', foreignKeyConstraintName: 'fk_plan_indicators_plan' })
  plan?: Plan;
  @Column({ type: 'varchar', length: 48 }) code: string;
  @Column({ name: 'name_zh', type: 'varchar', length: 100 }) nameZh: string;
  @Column({ name: 'name_en', type: 'varchar', length: 150, nullable: true }) nameEn: string | null;
  @Column({ type: 'varchar', length: 16 }) unit: string;
  @Column({ type: 'varchar', length: 32 }) target: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) baseline: string | null;
  @Column({ type: JSON_TEXT }) milestones: { year: number; value: string }[];
  @Column({ name: 'source_zh', type: 'varchar', length: 200, nullable: true }) sourceZh: string | null;
  @Column({ name: 'sort_order', type: 'integer' }) sortOrder: number;
}
