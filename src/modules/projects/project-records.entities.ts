import { Project } from './project.entity.js';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import { minorUnits } from '../../database/transformers.js';
import type { Currency } from '../../common/money/money.js';
import type { ActivityType, FundingStatus, ProjectStage } from '../reference/enums.js';

/** One stage change of a project (stage history); append-only. */
@Entity('project_transitions')
@Index('idx_transitions_project', ['projectId', 'id'])
export class ProjectTransition {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'project_id', type: 'varchar', length: 36 }) projectId: string;
  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_transitions_project' })
  project?: Project;
  @Column({ name: 'from_stage', type: 'varchar', length: 16, nullable: true }) fromStage: ProjectStage | null;
  @Column({ name: 'to_stage', type: 'varchar', length: 16 }) toStage: ProjectStage;
  /** The business date of the change (defaults to today in the district). */
  @Column({ type: 'date' }) at: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) reason: string | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) note: string | null;
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  /** Set when an admin's stage correction replaced this row (kept for the trail; figures ignore it). */
  @Column({ name: 'superseded_at', type: TIMESTAMP, nullable: true }) supersededAt: Date | null;
}

/**
 * 资金到位: one dated funds-in-place entry of a project, in CNY or USD; a ledger, never a total. A
 * correction is a reversing entry (the negated amount, linked by FundingReversal), never an edit.
 */
@Entity('fundings')
@Index('idx_fundings_project', ['projectId', 'id'])
@Index('idx_fundings_date_cover', ['currency', 'date', 'projectId', 'amount'])
export class Funding {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'project_id', type: 'varchar', length: 36 }) projectId: string;
  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_fundings_project' })
  project?: Project;
  @Column({ type: 'date' }) date: string;
  /** In fen (or cents): exact. */
  @Column({ type: 'bigint', transformer: minorUnits }) amount: bigint;
  @Column({ type: 'varchar', length: 3 }) currency: Currency;
  @Column({ type: 'varchar', length: 1000, nullable: true }) note: string | null;
  @Column({ type: 'varchar', length: 16, default: 'REPORTED' }) status: FundingStatus;
  @Column({ name: 'verified_by_id', type: 'varchar', length: 36, nullable: true }) verifiedById: string | null;
  @Column({ name: 'verified_at', type: TIMESTAMP, nullable: true }) verifiedAt: Date | null;
  @Column({ name: 'evidence_ref', type: 'varchar', length: 300, nullable: true }) evidenceRef: string | null;
  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true }) createdById: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}

/** 跟进记录: a call, visit or meeting logged against a project. */
@Entity('activities')
@Index('idx_activities_project', ['projectId', 'at'])
@Index('idx_activities_follow_up', ['nextFollowUpAt'])
export class Activity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'project_id', type: 'varchar', length: 36 }) projectId: string;
  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_activities_project' })
  project?: Project;
  @Column({ type: 'varchar', length: 16 }) type: ActivityType;
  @Column({ type: TIMESTAMP }) at: Date;
  @Column({ type: 'varchar', length: 2000 }) summary: string;
  @Column({ name: 'next_follow_up_at', type: TIMESTAMP, nullable: true }) nextFollowUpAt: Date | null;
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
}

/** 冲销: links a reversing entry to the entry it reverses, with the reason; at most one per entry. */
@Entity('funding_reversals')
@Index('uq_funding_reversals_original', ['originalId'], { unique: true })
export class FundingReversal {
  /** The reversing entry (a funding row with the negated amount). */
  @PrimaryColumn({ name: 'reversal_id', type: 'varchar', length: 36 }) reversalId: string;
  @ManyToOne(() => Funding, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reversal_id', foreignKeyConstraintName: 'fk_funding_reversals_reversal' })
  reversal?: Funding;
  @Column({ name: 'original_id', type: 'varchar', length: 36 }) originalId: string;
  @ManyToOne(() => Funding, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'original_id', foreignKeyConstraintName: 'fk_funding_reversals_original' })
  original?: Funding;
  @Column({ type: 'varchar', length: 500 }) reason: string;
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
}
