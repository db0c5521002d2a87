import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TIMESTAMP } from '../../database/column-types.js';
import type { Qualification } from '../reference/enums.js';
import { Company } from './company.entity.js';

/**
 * 资质认定: one award of a qualification to a company (国家高新技术企业, 科技型中小企业…), held from
 * `obtainedOn` through `expiresOn` (three years by default). A renewal is a new row.
 */
@Entity('company_qualifications')
@Index('uq_company_qualifications', ['companyId', 'code', 'obtainedOn'], { unique: true })
@Index('idx_company_qualifications_held', ['code', 'obtainedOn', 'expiresOn', 'companyId'])
export class CompanyQualification {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id: string;
  @Column({ name: 'company_id', type: 'varchar', length: 36 }) companyId: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_company_qualifications_company' })
  company?: Company;
  @Column({ type: 'varchar', length: 16 }) code: Qualification;
  @Column({ name: 'obtained_on', type: 'date' }) obtainedOn: string;
  /** The last day it is held. */
  @Column({ name: 'expires_on', type: 'date' }) expiresOn: string;
  @Column({ name: 'created_by_id', type: 'varchar', length: 36, nullable: true }) createdById: string | null;
  @CreateDateColumn({ name: 'created_at', type: TIMESTAMP }) createdAt: Date;
}
