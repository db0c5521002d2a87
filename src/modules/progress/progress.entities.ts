import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import { minorUnits } from '../../database/transformers.js';
import type { Currency } from '../../common/money/money.js';
import type { FundingStatus } from '../reference/enums.js';
import { Plan } from '../plans/plan.entities.js';

/**
 * Funds in place summed per day, currency, Beijing–Hebei flag and verification status. Maintained in
 * the same transaction as every funding write (see funding-totals.ts); progress reads these instead
 * of the ledger. Archived projects' entries are not in it.
 */
@Entity('funding_day_totals')
export class FundingDayTotal {
  @PrimaryColumn({ type: 'date' }) day: string;
  @PrimaryColumn({ type: 'varchar', length: 3 }) currency: Currency;
  @PrimaryColumn({ type: 'boolean' }) jingji: boolean;
  @PrimaryColumn({ type: 'varchar', length: 16 }) status: FundingStatus;
  @Column({ type: 'bigint', transformer: minorUnits }) amount: bigint;
  @Column({ type: 'integer' }) entries: number;
}

/** A hand-entered, dated figure of an indicator that no record yields (e.g. 市场主体数量). */
@Entity('indicator_values')
@Index('uq_indicator_values_date', ['planCode', 'indicatorCode', 'date'], { unique: true })
export class IndicatorValue {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'plan_code', type: 'varchar', length: 32 }) planCode: string;
  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'plan_code', foreignKeyConstraintName: 'fk_indicator_values_plan' })
  plan?: Plan;
  @Column({ name: 'indicator_code', type: 'varchar', length: 48 }) indicatorCode: string;
  @Column({ type: 'date' }) date: string;
  @Column({ type: 'varchar', length: 32 }) value: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true }) createdById: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}
