import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import { decimalNumber, minorUnits } from '../../database/transformers.js';
import { Company } from '../companies/company.entity.js';
import { Project } from '../projects/project.entity.js';
import type { UnitStatus } from '../reference/enums.js';
import { Building } from './building.entity.js';

/** 单元: a leasable office unit on one floor of a building, with its vacancy state and tenant. */
@Entity('units')
@Index('uq_units_code', ['buildingId', 'code'], { unique: true })
@Index('idx_units_building_status', ['buildingId', 'status', 'code'])
@Index('idx_units_status_area', ['status', 'area'])
@Index('idx_units_lease_end', ['leaseEnd', 'id'])
@Index('idx_units_tenant', ['tenantCompanyId'])
@Index('idx_units_reserved_project', ['reservedForProjectId'])
export class Unit {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'building_id', type: 'varchar', length: 36 }) buildingId: string;
  @ManyToOne(() => Building, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id', foreignKeyConstraintName: 'fk_units_building' })
  building?: Building;
  /** The unit's number in its building, e.g. "1205" or "B1-03"; unique per building. */
  @Column({ type: 'varchar', length: 32 }) code: string;
  /** Floor number; negative for basements. */
  @Column({ type: 'integer' }) floor: number;
  /** Area in m². */
  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: decimalNumber }) area: number;
  @Column({ type: 'varchar', length: 16 }) status: UnitStatus;
  /** Asking rent in fen per m² per day (元/㎡·天 × 100): exact, like money. */
  @Column({ name: 'asking_rent', type: 'bigint', nullable: true, transformer: minorUnits }) askingRent: bigint | null;
  @Column({ name: 'available_from', type: 'date', nullable: true }) availableFrom: string | null;
  @Column({ name: 'tenant_company_id', type: 'varchar', length: 36, nullable: true }) tenantCompanyId: string | null;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_company_id', foreignKeyConstraintName: 'fk_units_tenant' })
  tenant?: Company | null;
  @Column({ name: 'lease_start', type: 'date', nullable: true }) leaseStart: string | null;
  @Column({ name: 'lease_end', type: 'date', nullable: true }) leaseEnd: string | null;
  /** The project a RESERVED unit is held for (only that project may be placed into it). */
  @Column({ name: 'reserved_for_project_id', type: 'varchar', length: 36, nullable: true }) reservedForProjectId: string | null;
  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reserved_for_project_id', foreignKeyConstraintName: 'fk_units_reserved_project' })
  reservedForProject?: Project;
  /** The project placed in the unit (its active placement), if any. */
  @Column({ name: 'project_id', type: 'varchar', length: 36, nullable: true }) projectId: string | null;
  @ManyToOne(() => Project, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'fk_units_project' })
  project?: Project;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}
