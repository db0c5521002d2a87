import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import type { UnitStatus } from '../reference/enums.js';
import { Building } from './building.entity.js';
import { Unit } from './unit.entity.js';

/**
 * One change of a unit's status (or of its tenant), append-only: who, when, from, to. Month-end
 * vacancy is rebuilt from these rows, so every write that changes a status or tenant adds one.
 */
@Entity('unit_status_history')
@Index('idx_unit_history_unit', ['unitId', 'onDate', 'id'])
@Index('idx_unit_history_building', ['buildingId', 'onDate'])
export class UnitStatusChange {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'unit_id', type: 'varchar', length: 36 }) unitId: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_unit_history_unit' })
  unit?: Unit;
  @Column({ name: 'building_id', type: 'varchar', length: 36 }) buildingId: string;
  @ManyToOne(() => Building, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id', foreignKeyConstraintName: 'fk_unit_history_building' })
  building?: Building;
  /** null for the row written when the unit was created. */
  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true }) fromStatus: UnitStatus | null;
  @Column({ name: 'to_status', type: 'varchar', length: 16 }) toStatus: UnitStatus;
  /** The tenant after the change. */
  @Column({ name: 'tenant_company_id', type: 'varchar', length: 36, nullable: true }) tenantCompanyId: string | null;
  /** The district's calendar date of the change. */
  @Column({ name: 'on_date', type: 'date' }) onDate: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) note: string | null;
  /** The project placed (入驻) or released (迁出) by this change; shown only to those who may read projects. */
  @Column({ name: 'project_id', type: 'varchar', length: 36, nullable: true }) projectId: string | null;
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true }) actorId: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
}
