import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Building } from '../buildings/building.entity.js';
import { User } from './user.entity.js';

/** A building manager (楼宇管理员) assigned to a building: they may change its units. */
@Entity('building_managers')
@Index('idx_building_managers_user', ['userId'])
export class BuildingManager {
  @PrimaryColumn({ name: 'building_id', type: 'varchar', length: 36 }) buildingId: string;
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 }) userId: string;
  @ManyToOne(() => Building, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'building_id', foreignKeyConstraintName: 'fk_building_managers_building' })
  building?: Building;
  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_building_managers_user' })
  user?: User;
}
