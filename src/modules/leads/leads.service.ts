import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page, likePattern } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { districtDayStart } from '../../common/time/district-clock.js';
import { instantBound } from '../../database/sql.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { addDays } from '../buildings/calendar.js';
import { CompaniesService } from '../companies/companies.service.js';
import { Company } from '../companies/company.entity.js';
import { ProjectsService } from '../projects/projects.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { ExportTable } from '../data-exchange/sheet/table-writer.js';
import { leadExportColumns } from '../data-exchange/sheets/leads.sheet.js';
import { ReferenceChoices } from '../data-exchange/sheets/reference-choices.js';
import { UsersService } from '../users/users.service.js';
import {
  ConversionResult,
  ConversionWarning,
  ConvertLeadDto,
  CreateLeadDto,
  DisqualifyLeadDto,
  ExportLeadsQuery,
  LeadResponse,
  ListLeadsQuery,
  UpdateLeadDto,
  toLeadResponse,
} from './dto/lead.dto.js';
import { Lead } from './lead.entity.js';

/** Rows per page when a list is read whole for an export. */
const EXPORT_PAGE = 500;

/** Leads (线索): captured, worked, then converted into a project once, or disqualified with a reason. */
@Injectable()
export class LeadsService {
  constructor(
    @InjectRepository(Lead) private readonly leads: Repository<Lead>,
    private readonly reference: ReferenceService,
    private readonly companies: CompaniesService,
    private readonly projects: ProjectsService,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly users: UsersService,
  ) {}

  async create(dto: CreateLeadDto, actor: Actor): Promise<LeadResponse> {
    assertCan(actor, 'lead.create');
    const id = await this.tx.run((em) => this.createIn(em, dto, actor));
    return this.get(id);
  }

  /** Creates a lead owned by the actor inside a caller's transaction (imports use it too), with its audit row. */
  async createIn(em: EntityManager, dto: CreateLeadDto, actor: Actor): Promise<string> {
    await this.reference.assertTags({ industry: dto.industry });
    const id = newId();
    await em.getRepository(Lead).insert({
      id,
      companyName: dto.companyName,
      source: dto.source,
      status: 'NEW',
      contactName: dto.contactName ?? null,
      contactPhone: dto.contactPhone ?? null,
      contactEmail: dto.contactEmail ?? null,
      industryCode: dto.industry ?? null,
      originProvince: dto.originProvince ?? null,
      notes: dto.notes ?? null,
      ownerId: actor.id,
      createdById: actor.id,
      companyId: null,
      projectId: null,
      disqualifiedReason: null,
      closedAt: null,
      archivedAt: null,
    });
    await this.recordChange(em, actor, 'lead.create', null, id);
    return id;
  }

  async get(id: string): Promise<LeadResponse> {
    return toLeadResponse(await this.find(id));
  }

  private async find(id: string, em?: EntityManager): Promise<Lead> {
    const lead = await (em ? em.getRepository(Lead) : this.leads).findOneBy({ id });
    if (!lead) throw DomainError.notFound('Lead', id);
    return lead;
  }

  async update(id: string, dto: UpdateLeadDto, actor: Actor): Promise<LeadResponse> {
    await this.tx.run((em) => this.updateIn(em, id, dto, actor));
    return this.get(id);
  }

  /** Changes a lead inside a caller's transaction (imports use it too), with its audit row. */
  async updateIn(em: EntityManager, id: string, dto: UpdateLeadDto, actor: Actor): Promise<void> {
    await this.reference.assertTags({ industry: dto.industry });
    const lead = await this.find(id, em);
    assertCan(actor, 'lead.update', () => lead.ownerId === actor.id);
    assertOpen(lead);
    const { version, industry, ...fields } = dto;
    await updateVersioned(em, Lead, {
      id,
      version,
      label: 'Lead',
      set: { ...fields, ...(industry !== undefined && { industryCode: industry }) },
    });
    await this.recordChange(em, actor, 'lead.update', lead);
  }

  /** Turns a lead into a project, creating or linking its company; once only. */
  async convert(id: string, dto: ConvertLeadDto, actor: Actor): Promise<ConversionResult> {
    const { companyId, projectId, origin } = await this.tx.run(async (em) => {
      const lead = await this.find(id, em);
      assertCan(actor, 'lead.update', () => lead.ownerId === actor.id);
      if (lead.status === 'CONVERTED') {
        throw DomainError.conflict('LEAD_CONVERTED', `Lead ${id} was already converted into project ${lead.projectId}; a lead converts once`);
      }
      assertOpen(lead);
      const company = await this.companyFor(em, lead, dto, actor);
      if (lead.originProvince && !company.originProvince) {
        // The lead's origin lands as the company's (where 来源地 lives); it is a suggestion, not a
        // relocation record: only a relocation makes the project a Beijing–Hebei one.
        await updateVersioned(em, Company, { id: company.id, version: company.version, label: 'Company', set: { originProvince: lead.originProvince } });
        await this.audit.record(em, {
          actor,
          action: 'company.update',
          entity: 'Company',
          entityId: company.id,
          extra: { originProvince: { before: null, after: lead.originProvince }, fromLead: { before: null, after: lead.id } },
        });
      }
      const industry = dto.industry ?? lead.industryCode ?? company.industryCode;
      if (!industry) {
        throw DomainError.invalid('industry', "the project needs an industry: give one, or set it on the lead or the company", 'required');
      }
      const projectId = await this.projects.createIn(
        em,
        {
          name: dto.projectName ?? `${lead.companyName}项目`,
          companyId: company.id,
          industry,
          segments: dto.segments,
          zone: dto.zone,
          plannedInvestment: dto.plannedInvestment,
          relocation: dto.relocation,
          ownerId: lead.ownerId ?? undefined,
          startedAt: dto.startedAt,
        },
        actor,
        lead.id,
        // 首谈人: whoever captured the lead keeps the credit when it went through the pool to another officer.
        lead.createdById ?? lead.ownerId,
      );
      await updateVersioned(em, Lead, {
        id,
        version: lead.version,
        label: 'Lead',
        set: { status: 'CONVERTED', companyId: company.id, projectId, closedAt: new Date() },
      });
      await this.recordChange(em, actor, 'lead.convert', lead);
      return { companyId: company.id, projectId, origin: lead.originProvince ?? company.originProvince };
    });
    const [lead, project, company] = await Promise.all([this.get(id), this.projects.get(projectId), this.companies.get(companyId)]);
    const warnings: ConversionWarning[] =
      !project.jingji && (origin === 'BEIJING' || origin === 'HEBEI')
        ? [
            {
              code: 'UNMARKED_JINGJI',
              originProvince: origin,
              message: `The lead or company comes from ${origin}, but the project has no relocation: add one (PATCH relocation) if it is a Beijing–Hebei project`,
            },
          ]
        : [];
    return { lead, project, company, warnings };
  }

  private async companyFor(em: EntityManager, lead: Lead, dto: ConvertLeadDto, actor: Actor): Promise<Company> {
    const repo = em.getRepository(Company);
    if (dto.companyId) {
      const linked = await repo.findOneBy({ id: dto.companyId });
      if (!linked) throw DomainError.invalid('companyId', `no company with id ${dto.companyId}`, 'notFound');
      return linked;
    }
    const sameName = await repo.findOne({ where: { name: lead.companyName, archivedAt: IsNull() }, order: { id: 'ASC' } });
    if (sameName) return sameName;
    return this.companies.createIn(
      em,
      { name: lead.companyName, industry: lead.industryCode, originProvince: lead.originProvince },
      actor,
    );
  }

  async disqualify(id: string, dto: DisqualifyLeadDto, actor: Actor): Promise<LeadResponse> {
    await this.tx.run(async (em) => {
      const lead = await this.find(id, em);
      assertCan(actor, 'lead.update', () => lead.ownerId === actor.id);
      assertOpen(lead);
      await updateVersioned(em, Lead, {
        id,
        version: lead.version,
        label: 'Lead',
        set: { status: 'DISQUALIFIED', disqualifiedReason: dto.reason, closedAt: new Date() },
      });
      await this.recordChange(em, actor, 'lead.disqualify', lead);
    });
    return this.get(id);
  }

  /** Hands a lead to another officer (ADMIN only: owner is not editable through PATCH). */
  async reassign(id: string, ownerId: string, actor: Actor): Promise<LeadResponse> {
    assertCan(actor, 'lead.reassign');
    await this.users.assertCanOwn(ownerId, 'leads');
    await this.tx.run(async (em) => {
      const lead = await this.find(id, em);
      await updateVersioned(em, Lead, { id, version: lead.version, label: 'Lead', set: { ownerId, ownedSince: new Date(), claimedAt: null } });
      await this.recordChange(em, actor, 'lead.reassign', lead);
    });
    return this.get(id);
  }

  private async recordChange(em: EntityManager, actor: Actor, action: string, before: Lead | null, id = before?.id): Promise<void> {
    const entityId = id as string;
    const after = toLeadResponse(await this.find(entityId, em));
    await this.audit.record(em, { actor, action, entity: 'Lead', entityId, before: before && toLeadResponse(before), after });
  }

  async list(query: ListLeadsQuery): Promise<Page<LeadResponse>> {
    return keysetPage(this.listQuery(query), {
      alias: 'l',
      sort: query.sort,
      limit: query.limit,
      cursor: query.cursor,
      nameColumn: 'companyName',
      map: toLeadResponse,
    });
  }

  /** Every lead the list's filters select, in the list's order, read page by page (for exports). */
  async *exportRows(query: ExportLeadsQuery): AsyncGenerator<LeadResponse> {
    let cursor: string | undefined;
    do {
      const page = await keysetPage(this.listQuery(query), {
        alias: 'l',
        sort: query.sort,
        limit: EXPORT_PAGE,
        cursor,
        nameColumn: 'companyName',
        map: toLeadResponse,
      });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** The export of the list: Chinese headers, labels instead of codes. */
  async exportTable(query: ExportLeadsQuery): Promise<ExportTable<LeadResponse>> {
    const ref = new ReferenceChoices(await this.reference.listIndustries(), await this.reference.listZones());
    return { title: '线索', filename: 'leads', columns: leadExportColumns(ref), rows: this.exportRows(query) };
  }

  private listQuery(query: ExportLeadsQuery): SelectQueryBuilder<Lead> {
    const qb = this.leads.createQueryBuilder('l');
    if (!query.archived) qb.andWhere('l.archivedAt IS NULL');
    if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    if (query.source) qb.andWhere('l.source = :source', { source: query.source });
    if (query.ownerId) qb.andWhere('l.ownerId = :ownerId', { ownerId: query.ownerId });
    if (query.companyId) qb.andWhere('l.companyId = :companyId', { companyId: query.companyId });
    if (query.createdFrom && query.createdTo && query.createdTo < query.createdFrom) {
      throw DomainError.invalid('createdTo', 'createdTo must not be before createdFrom', 'notBeforeFrom');
    }
    // District dates, inclusive: from the start of createdFrom to the start of the day after createdTo.
    const em = this.leads.manager;
    if (query.createdFrom) qb.andWhere('l.createdAt >= :createdFrom', { createdFrom: instantBound(em, districtDayStart(query.createdFrom)) });
    if (query.createdTo) qb.andWhere('l.createdAt < :createdBefore', { createdBefore: instantBound(em, districtDayStart(addDays(query.createdTo, 1))) });
    if (query.q) {
      qb.andWhere(`(l.companyName LIKE :q ESCAPE '\\' OR l.contactName LIKE :q ESCAPE '\\')`, { q: likePattern(query.q.trim()) });
    }
    return qb;
  }
}

/** 409 LEAD_CLOSED: a converted or disqualified lead no longer changes. */
export function assertOpen(lead: Pick<Lead, 'id' | 'status'>): void {
  if (lead.status === 'CONVERTED' || lead.status === 'DISQUALIFIED') {
    throw DomainError.conflict('LEAD_CLOSED', `Lead ${lead.id} is ${lead.status} and can no longer change`);
  }
}

