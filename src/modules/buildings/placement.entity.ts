import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import { decimalNumber } from '../../database/transformers.js';
import { Project } from '../projects/project.entity.js';
import { Unit } from './unit.entity.js';

/**
 * 入驻: a landed project occupying a unit from `startDate` until released (`endDate`). The area is
 * a snapshot taken at placement; the floor space hosting Beijing–Hebei projects (承载京冀产业转移的
 * 楼宇面积) sums it over the active placements of jingji projects.
 */
@Entity('placements')
@Index('uq_placements_active_unit', ['activeUnitId'], { unique: true })
@Index('idx_placements_project', ['projectId', 'startDate'])
@Index('idx_placements_unit', ['unitId', 'id'])
@Index('idx_placements_period', ['startDate', 'endDate'])
export class Placement {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'project_id', type: 'varchar', length: 36 }) projectId: string;
  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_placements_project' })
  project?: Project;
  @Column({ name: 'unit_id', type: 'varchar', length: 36 }) unitId: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_placements_unit' })
  unit?: Unit;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  /** The day the unit was freed; null while the placement is active. */
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate: string | null;
  /** m², as the unit measured when the project moved in. */
  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: decimalNumber }) area: number;
  /** = unitId while active, null once released; unique, so a unit has at most one active placement. */
  @Column({ name: 'active_unit_id', type: 'varchar', length: 36, nullable: true }) activeUnitId: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true }) createdById: string | null;
  @Column({ name: 'released_by_id', type: 'varchar', length: 36, nullable: true }) releasedById: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}
