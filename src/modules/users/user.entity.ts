import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';

import type { Role } from '../../common/auth/roles.js';

export { ROLES, type Role } from '../../common/auth/roles.js';

/** A person who signs in: 招商专员, 楼宇管理员, 区领导 or 系统管理员. */
@Entity('users')
@Index('uq_users_username', ['username'], { unique: true })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 64 }) username: string;
  @Column({ name: 'display_name', type: 'varchar', length: 100 }) displayName: string;
  @Column({ type: 'varchar', length: 24 }) role: Role;
  /** scrypt hash in PHC-like form; never leaves the server. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false }) passwordHash: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** 手机号: group robots @mention the user by it (WeCom mentioned_mobile_list, DingTalk atMobiles). */
  @Column({ type: 'varchar', length: 20, nullable: true }) mobile: string | null;
  /** Carried in access tokens; bumped when the password, role or active flag changes, which revokes older tokens. */
  @Column({ name: 'token_version', type: 'integer', default: 0, select: false }) tokenVersion: number;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: TIMESTAMP }) updatedAt: Date;
  @VersionColumn({ type: 'integer' }) version: number;
}
