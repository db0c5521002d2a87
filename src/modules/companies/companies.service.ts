import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { Project } from '../projects/project.entity.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { likePattern } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { ReferenceService } from '../reference/reference.service.js';
import { Company } from './company.entity.js';
import {
  CompanyResponse,
  CreateCompanyDto,
  ListCompaniesQuery,
  UpdateCompanyDto,
  toCompanyResponse,
} from './dto/company.dto.js';

/** Companies: the enterprises behind leads and projects, unique by their USCC. */
@Injectable()
export class CompaniesService {
  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    private readonly reference: ReferenceService,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateCompanyDto, actor: Actor): Promise<CompanyResponse> {
    assertCan(actor, 'company.create');
    await this.reference.assertTags({ industry: dto.industry, segments: dto.segments });
    const company = await this.tx.run((em) => this.createIn(em, dto, actor));
    return toCompanyResponse(company);
  }

  /** Creates inside a caller's transaction (lead conversion uses this too), with its audit row. */
  async createIn(em: EntityManager, dto: CreateCompanyDto, actor: Actor): Promise<Company> {
    if (dto.uscc) await this.assertUsccFree(em, dto.uscc);
    const id = newId();
    await em.getRepository(Company).insert({
      id,
      name: dto.name,
      uscc: dto.uscc ?? null,
      originProvince: dto.originProvince ?? null,
      originCity: dto.originCity ?? null,
      industryCode: dto.industry ?? null,
      segments: dto.segments ?? [],
      qualifications: dto.qualifications ?? [],
      createdById: actor.id,
    });
    const company = await em.getRepository(Company).findOneByOrFail({ id });
    await this.audit.record(em, { actor, action: 'company.create', entity: 'Company', entityId: id, before: null, after: toCompanyResponse(company) });
    return company;
  }

  async get(id: string): Promise<CompanyResponse> {
    return toCompanyResponse(await this.find(id));
  }

  async find(id: string, em?: EntityManager): Promise<Company> {
    const repo = em ? em.getRepository(Company) : this.companies;
    const company = await repo.findOneBy({ id });
    if (!company) throw DomainError.notFound('Company', id);
    return company;
  }

  async update(id: string, dto: UpdateCompanyDto, actor: Actor): Promise<CompanyResponse> {
    return this.tx.run(async (em) => {
      const current = await this.find(id, em);
      const ownsProject = actor.role === 'OFFICER' && (await em.getRepository(Project).existsBy({ companyId: id, ownerId: actor.id }));
      assertCan(actor, 'company.update', () => current.createdById === actor.id || ownsProject);
      const industry = dto.industry === undefined ? current.industryCode : dto.industry;
      const segments = dto.segments ?? (dto.industry !== undefined && dto.industry !== current.industryCode ? [] : current.segments);
      await this.reference.assertTags({ industry, segments });
      if (dto.uscc && dto.uscc !== current.uscc) await this.assertUsccFree(em, dto.uscc);
      await updateVersioned(em, Company, {
        id,
        version: dto.version,
        label: 'Company',
        set: {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(dto.uscc !== undefined && { uscc: dto.uscc }),
          ...(dto.originProvince !== undefined && { originProvince: dto.originProvince }),
          ...(dto.originCity !== undefined && { originCity: dto.originCity }),
          ...(dto.qualifications !== undefined && { qualifications: dto.qualifications }),
          industryCode: industry,
          segments,
        },
      });
      const after = toCompanyResponse(await this.find(id, em));
      await this.audit.record(em, { actor, action: 'company.update', entity: 'Company', entityId: id, before: toCompanyResponse(current), after });
      return after;
    });
  }

  async list(query: ListCompaniesQuery): Promise<Page<CompanyResponse>> {
    const qb = this.companies.createQueryBuilder('c');
    if (!query.archived) qb.andWhere('c.archivedAt IS NULL');
    if (query.industry) qb.andWhere('c.industryCode = :industry', { industry: query.industry });
    if (query.originProvince) qb.andWhere('c.originProvince = :origin', { origin: query.originProvince });
    if (query.q) {
      const q = query.q.trim();
      qb.andWhere(`(c.name LIKE :q ESCAPE '\\' OR c.uscc = :uscc)`, { q: likePattern(q), uscc: q.toUpperCase() });
    }
    return keysetPage(qb, { alias: 'c', sort: query.sort, limit: query.limit, cursor: query.cursor, map: toCompanyResponse });
  }

  private async assertUsccFree(em: EntityManager, uscc: string): Promise<void> {
    const other = await em.getRepository(Company).findOne({ where: { uscc }, select: { id: true } });
    if (other) {
      throw new DomainError(ErrorCode.DUPLICATE, `A company with USCC ${uscc} already exists (id ${other.id})`, [
        { field: 'uscc', message: 'already registered to another company' },
      ]);
    }
  }
}
