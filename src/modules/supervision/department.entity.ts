import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import { User } from '../users/user.entity.js';

/** 责任单位: a district body that solves the problems of projects (区市场监管局, 区住建委…); reference data. */
@Entity('departments')
@Index('uq_departments_code', ['code'], { unique: true })
export class Department {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ name: 'name_zh', type: 'varchar', length: 100 }) nameZh: string;
  @Column({ type: 'boolean' }) active: boolean;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}

/** A department's contact (联系人): a DEPARTMENT user who receives its overdue notices and works on its problems. */
@Entity('department_contacts')
@Index('idx_department_contacts_user', ['userId'])
export class DepartmentContact {
  @PrimaryColumn({ name: 'department_id', type: 'varchar', length: 36 }) departmentId: string;
  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id', foreignKeyConstraintName: 'fk_department_contacts_department' })
  department?: Department;
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 }) userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_department_contacts_user' })
  user?: User;
}
