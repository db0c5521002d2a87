import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
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
  ) {}

  async create(dto: CreateCompanyDto, actor: Actor | null): Promise<CompanyResponse> {
    await this.reference.assertTags({ industry: dto.industry, segments: dto.segments });
    const company = await this.tx.run((em) => this.createIn(em, dto, actor));
    return toCompanyResponse(company);
  }

  /** Creates inside a caller's transaction (lead conversion uses this too). */
  async createIn(em: EntityManager, dto: CreateCompanyDto, actor: Actor | null): Promise<Company> {
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
      createdById: actor?.id ?? null,
    });
    return em.getRepository(Company).findOneByOrFail({ id });
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

  async update(id: string, dto: UpdateCompanyDto): Promise<CompanyResponse> {
    return this.tx.run(async (em) => {
      const current = await this.find(id, em);
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
      return toCompanyResponse(await this.find(id, em));
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
