import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
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
import type { ExportTable } from '../data-exchange/sheet/table-writer.js';
import { companyExportColumns } from '../data-exchange/sheets/companies.sheet.js';
import { ReferenceChoices } from '../data-exchange/sheets/reference-choices.js';
import { districtDate } from '../../common/time/district-clock.js';
import { companyNameKey } from './company-names.js';
import { qualificationsOf, writeQualifications } from './qualifications.js';
import { CompanyDuplicatesService } from './company-duplicates.service.js';
import { Company } from './company.entity.js';
import {
  CompanyResponse,
  CreateCompanyDto,
  CreatedCompanyResponse,
  ExportCompaniesQuery,
  ListCompaniesQuery,
  UpdateCompanyDto,
  toCompanyResponse,
} from './dto/company.dto.js';

/** Rows per page when a list is read whole for an export. */
const EXPORT_PAGE = 500;

/** Splits a list for IN (…) lists and multi-row statements of bounded size. */
function chunked<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Companies: the enterprises behind leads and projects, unique by their USCC. */
@Injectable()
export class CompaniesService {
  constructor(
    @InjectRepository(Company) private readonly companies: Repository<Company>,
    private readonly reference: ReferenceService,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly duplicates: CompanyDuplicatesService,
  ) {}

  /** Creates the company; a likely duplicate does not stop it but comes back in `warnings`. */
  async create(dto: CreateCompanyDto, actor: Actor): Promise<CreatedCompanyResponse> {
    assertCan(actor, 'company.create');
    await this.reference.assertTags({ industry: dto.industry, segments: dto.segments });
    const company = await this.tx.run((em) => this.createIn(em, dto, actor));
    const [view] = await this.responses(this.companies.manager, [company]);
    return { ...view, warnings: await this.duplicates.warningsFor(company) };
  }

  /** Creates inside a caller's transaction (lead conversion uses this too), with its audit row. */
  async createIn(em: EntityManager, dto: CreateCompanyDto, actor: Actor): Promise<Company> {
    return (await this.createManyIn(em, [dto], actor))[0];
  }

  /**
   * Creates several companies inside a caller's transaction with a few statements instead of a few
   * per company (imports): the same rule as one at a time (a USCC is unique, among them too), an
   * audit row each. All or none.
   */
  async createManyIn(em: EntityManager, dtos: CreateCompanyDto[], actor: Actor): Promise<Company[]> {
    const codes = dtos.map((d) => d.uscc).filter((c): c is string => Boolean(c));
    const twice = codes.find((c, i) => codes.indexOf(c) !== i);
    if (twice) {
      throw new DomainError(ErrorCode.DUPLICATE, `USCC ${twice} is given to two new companies`, [{ field: 'uscc', code: 'duplicate', message: 'given twice' }]);
    }
    for (const part of chunked(codes)) {
      const taken = await em.getRepository(Company).findOne({ where: { uscc: In(part) }, select: { uscc: true } });
      if (taken?.uscc) await this.assertUsccFree(em, taken.uscc);
    }
    const rows = dtos.map((dto) => ({
      id: newId(),
      name: dto.name,
      nameKey: companyNameKey(dto.name),
      uscc: dto.uscc ?? null,
      originProvince: dto.originProvince ?? null,
      originCity: dto.originCity ?? null,
      industryCode: dto.industry ?? null,
      segments: dto.segments ?? [],
      createdById: actor.id,
    }));
    // Bounded statements: SQLite allows 32766 bound values, each row binds a dozen.
    for (const part of chunked(rows, 200)) await em.getRepository(Company).insert(part);
    const byId = new Map<string, Company>();
    for (const part of chunked(rows.map((r) => r.id))) {
      for (const c of await em.getRepository(Company).findBy({ id: In(part) })) byId.set(c.id, c);
    }
    const companies = rows.map((r) => byId.get(r.id) as Company);
    const today = districtDate();
    for (const [n, dto] of dtos.entries()) {
      if (dto.qualificationRecords || dto.qualifications?.length) {
        await writeQualifications(em, { companyId: rows[n].id, today, actorId: actor.id, records: dto.qualificationRecords, held: dto.qualifications });
      }
    }
    const views = await this.responses(em, companies);
    await this.audit.recordMany(
      em,
      companies.map((c, n) => ({ actor, action: 'company.create', entity: 'Company', entityId: c.id, before: null, after: views[n] })),
    );
    return companies;
  }

  async get(id: string): Promise<CompanyResponse> {
    return (await this.responses(this.companies.manager, [await this.find(id)]))[0];
  }

  /** API views of companies, with their qualification awards (one query for all of them). */
  async responses(em: EntityManager, companies: Company[]): Promise<CompanyResponse[]> {
    const records = await qualificationsOf(em, companies.map((c) => c.id));
    const today = districtDate();
    return companies.map((c) => toCompanyResponse(c, records.get(c.id) ?? [], today));
  }

  async find(id: string, em?: EntityManager): Promise<Company> {
    const repo = em ? em.getRepository(Company) : this.companies;
    const company = await repo.findOneBy({ id });
    if (!company) throw DomainError.notFound('Company', id);
    return company;
  }

  async update(id: string, dto: UpdateCompanyDto, actor: Actor): Promise<CompanyResponse> {
    return this.tx.run((em) => this.updateIn(em, id, dto, actor));
  }

  /** Changes a company inside a caller's transaction (imports use it too), with its audit row. */
  async updateIn(em: EntityManager, id: string, dto: UpdateCompanyDto, actor: Actor): Promise<CompanyResponse> {
    const current = await this.find(id, em);
    const ownsProject = actor.role === 'OFFICER' && (await em.getRepository(Project).existsBy({ companyId: id, ownerId: actor.id }));
    assertCan(actor, 'company.update', () => current.createdById === actor.id || ownsProject);
    const industry = dto.industry === undefined ? current.industryCode : dto.industry;
    const segments = dto.segments ?? (dto.industry !== undefined && dto.industry !== current.industryCode ? [] : current.segments);
    await this.reference.assertTags({ industry, segments });
    if (dto.uscc && dto.uscc !== current.uscc) await this.assertUsccFree(em, dto.uscc);
    const [before] = await this.responses(em, [current]);
    await updateVersioned(em, Company, {
      id,
      version: dto.version,
      label: 'Company',
      set: {
        ...(dto.name !== undefined && { name: dto.name, nameKey: companyNameKey(dto.name) }),
        ...(dto.uscc !== undefined && { uscc: dto.uscc }),
        ...(dto.originProvince !== undefined && { originProvince: dto.originProvince }),
        ...(dto.originCity !== undefined && { originCity: dto.originCity }),
        industryCode: industry,
        segments,
      },
    });
    if (dto.qualificationRecords !== undefined || dto.qualifications !== undefined) {
      await writeQualifications(em, { companyId: id, today: districtDate(), actorId: actor.id, records: dto.qualificationRecords, held: dto.qualifications });
    }
    const [after] = await this.responses(em, [await this.find(id, em)]);
    await this.audit.record(em, { actor, action: 'company.update', entity: 'Company', entityId: id, before, after });
    return after;
  }

  async list(query: ListCompaniesQuery): Promise<Page<CompanyResponse>> {
    const page = await keysetPage(this.listQuery(query), { alias: 'c', sort: query.sort, limit: query.limit, cursor: query.cursor, map: (c: Company) => c });
    return { items: await this.responses(this.companies.manager, page.items), nextCursor: page.nextCursor };
  }

  /** Every company the list's filters select, in the list's order, read page by page (for exports). */
  async *exportRows(query: ExportCompaniesQuery): AsyncGenerator<CompanyResponse> {
    let cursor: string | undefined;
    do {
      const page = await keysetPage(this.listQuery(query), { alias: 'c', sort: query.sort, limit: EXPORT_PAGE, cursor, map: (c: Company) => c });
      yield* await this.responses(this.companies.manager, page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** The export of the list: Chinese headers, names instead of codes. */
  async exportTable(query: ExportCompaniesQuery): Promise<ExportTable<CompanyResponse>> {
    const ref = new ReferenceChoices(await this.reference.listIndustries(), await this.reference.listZones());
    return { title: '企业', filename: 'companies', columns: companyExportColumns(ref), rows: this.exportRows(query) };
  }

  private listQuery(query: ExportCompaniesQuery): SelectQueryBuilder<Company> {
    const qb = this.companies.createQueryBuilder('c');
    if (!query.archived) qb.andWhere('c.archivedAt IS NULL');
    if (query.industry) qb.andWhere('c.industryCode = :industry', { industry: query.industry });
    if (query.originProvince) qb.andWhere('c.originProvince = :origin', { origin: query.originProvince });
    if (query.q) {
      const q = query.q.trim();
      qb.andWhere(`(c.name LIKE :q ESCAPE '\\' OR c.uscc = :uscc)`, { q: likePattern(q), uscc: q.toUpperCase() });
    }
    return qb;
  }

  private async assertUsccFree(em: EntityManager, uscc: string): Promise<void> {
    const other = await em.getRepository(Company).findOne({ where: { uscc }, select: { id: true } });
    if (other) {
      throw new DomainError(ErrorCode.DUPLICATE, `A company with USCC ${uscc} already exists (id ${other.id})`, [
        { field: 'uscc', code: 'duplicate', message: 'already registered to another company' },
      ]);
    }
  }
}
