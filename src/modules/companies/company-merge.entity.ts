import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { JSON_TEXT, TIMESTAMP } from '../../database/column-types.js';
import type { JsonValue } from '../audit/audit-entry.entity.js';
import { Company } from './company.entity.js';

/** What a merge changed, kept so that it can be undone exactly. */
export interface MergeDetails {
  leadIds: string[];
  projectIds: string[];
  /** units whose tenant was the merged company */
  unitIds: string[];
  /** qualification awards moved to the survivor (absent in merges recorded before awards had dates) */
  qualificationIds?: string[];
  /** fields of the surviving company that the merge filled in (from the merged one), before and after */
  filled: Record<string, { before: JsonValue; after: JsonValue }>;
  /** the merged company's USCC, moved to the surviving company when it had none */
  movedUscc: string | null;
}

/** 企业合并: one duplicate company merged into another; its records moved, itself archived. Undoable. */
@Entity('company_merges')
@Index('idx_company_merges_source', ['sourceCompanyId'])
@Index('idx_company_merges_target', ['targetCompanyId'])
export class CompanyMerge {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  /** The duplicate, archived by the merge. */
  @Column({ name: 'source_company_id', type: 'varchar', length: 36 }) sourceCompanyId: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_company_id', foreignKeyConstraintName: 'fk_company_merges_source' })
  source?: Company;
  /** The surviving company. */
  @Column({ name: 'target_company_id', type: 'varchar', length: 36 }) targetCompanyId: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_company_id', foreignKeyConstraintName: 'fk_company_merges_target' })
  target?: Company;
  @Column({ type: JSON_TEXT }) details: MergeDetails;
  @Column({ name: 'merged_by_id', type: 'varchar', length: 36, nullable: true }) mergedById: string | null;
  @Column({ name: 'undone_at', type: TIMESTAMP, nullable: true }) undoneAt: Date | null;
  @Column({ name: 'undone_by_id', type: 'varchar', length: 36, nullable: true }) undoneById: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}
