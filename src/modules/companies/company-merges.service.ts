import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { PageQuery } from '../../common/validation/decorators.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { Unit } from '../buildings/unit.entity.js';
import { Lead } from '../leads/lead.entity.js';
import { Project } from '../projects/project.entity.js';
import { CompanyMerge, MergeDetails } from './company-merge.entity.js';
import { CompanyQualification } from './company-qualification.entity.js';
import { Company } from './company.entity.js';
import { MergeResponse, toMergeResponse } from './dto/company-duplicates.dto.js';
import { CompanyResponse, toCompanyResponse } from './dto/company.dto.js';
import { qualificationsOf } from './qualifications.js';

/**
 * The records that point at a company and move with a merge (placements and fundings follow their
 * projects; the survivor holds the merged company's qualification awards from then on).
 */
const MOVED = [
  { entity: Lead, column: 'companyId', label: 'Lead', key: 'leadIds', action: 'lead.company-merge' },
  { entity: Project, column: 'companyId', label: 'Project', key: 'projectIds', action: 'project.company-merge' },
  { entity: Unit, column: 'tenantCompanyId', label: 'Unit', key: 'unitIds', action: 'unit.company-merge' },
  { entity: CompanyQualification, column: 'companyId', label: 'CompanyQualification', key: 'qualificationIds', action: 'qualification.company-merge' },
] as const;

/** A company as the API shows it, with its qualification awards. */
async function view(em: EntityManager, c: Company): Promise<CompanyResponse> {
  return toCompanyResponse(c, (await qualificationsOf(em, [c.id])).get(c.id) ?? []);
}

/** Company fields the surviving company takes from the merged one when it has none of its own. */
const FILLABLE = ['originProvince', 'originCity', 'industryCode'] as const;

/**
 * Merging duplicate companies (企业合并): the duplicate's leads, projects (with their placements and
 * fundings) and tenancies move to the surviving company, empty fields of the survivor are filled from
 * the duplicate, and the duplicate is archived. Each merge is recorded with what it changed and can
 * be undone.
 */
@Injectable()
export class CompanyMergesService {
  constructor(
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The merge history, newest first, with both companies as they are now (for undoing one). */
  async list(query: PageQuery): Promise<Page<MergeResponse>> {
    const em = this.dataSource.manager;
    const page = await keysetPage(em.getRepository(CompanyMerge).createQueryBuilder('m'), { alias: 'm', sort: '-createdAt', limit: query.limit, cursor: query.cursor, map: (m) => m });
    const ids = [...new Set(page.items.flatMap((m) => [m.sourceCompanyId, m.targetCompanyId]))];
    const companies = ids.length ? await em.getRepository(Company).findBy({ id: In(ids) }) : [];
    const quals = await qualificationsOf(em, ids);
    const views = new Map(companies.map((c) => [c.id, toCompanyResponse(c, quals.get(c.id) ?? [])]));
    return {
      items: page.items.map((m) => toMergeResponse(m, { source: views.get(m.sourceCompanyId) as CompanyResponse, target: views.get(m.targetCompanyId) as CompanyResponse })),
      nextCursor: page.nextCursor,
    };
  }

  async merge(sourceId: string, intoId: string, actor: Actor): Promise<MergeResponse> {
    assertCan(actor, 'company.merge');
    if (sourceId === intoId) throw DomainError.invalid('intoId', 'a company cannot be merged into itself', 'sameCompany');
    return this.tx.run(async (em) => {
      const repo = em.getRepository(Company);
      const source = await repo.findOneBy({ id: sourceId });
      if (!source) throw DomainError.notFound('Company', sourceId);
      const target = await repo.findOneBy({ id: intoId });
      if (!target) throw DomainError.invalid('intoId', `no company with id ${intoId}`, 'notFound');
      if (source.archivedAt) throw DomainError.conflict('COMPANY_ARCHIVED', `Company ${sourceId} is archived (merged already?)`);
      if (target.archivedAt) throw DomainError.conflict('COMPANY_ARCHIVED', `Company ${intoId} is archived; merge into a live company`);
      if (source.uscc && target.uscc && source.uscc !== target.uscc) {
        throw DomainError.conflict(
          'MERGE_DIFFERENT_USCC',
          `The companies have different USCCs (${source.uscc}, ${target.uscc}): they are different legal entities and are not merged`,
        );
      }
      const targetBefore = await view(em, target);
      const sourceBefore = await view(em, source);
      const details: MergeDetails = { leadIds: [], projectIds: [], unitIds: [], qualificationIds: [], filled: {}, movedUscc: null };
      // An award the survivor has already (same qualification, same date) stays with the merged company.
      const targetAwards = new Set(targetBefore.qualificationRecords.map((r) => `${r.code}|${r.obtainedOn}`));
      for (const m of MOVED) {
        const rows = await em.getRepository(m.entity).find({ where: { [m.column]: sourceId } });
        const ids = rows
          .filter((r) => !(r instanceof CompanyQualification) || !targetAwards.has(`${r.code}|${r.obtainedOn}`))
          .map((r) => r.id);
        details[m.key] = ids;
        await this.move(em, actor, m, ids, sourceId, intoId);
      }

      const fill: Partial<Company> = {};
      for (const field of FILLABLE) {
        if (target[field] === null && source[field] !== null) {
          fill[field] = source[field] as never;
          details.filled[field] = { before: null, after: source[field] };
        }
      }
      if (fill.industryCode && target.segments.length === 0 && source.segments.length > 0) {
        fill.segments = source.segments;
        details.filled.segments = { before: target.segments, after: source.segments };
      }
      if (!target.uscc && source.uscc) details.movedUscc = source.uscc;

      // The USCC is unique: it leaves the merged company before the survivor takes it.
      await updateVersioned(em, Company, {
        id: sourceId,
        version: source.version,
        label: 'Company',
        set: { archivedAt: new Date(), ...(details.movedUscc && { uscc: null }) },
      });
      if (details.movedUscc || Object.keys(fill).length > 0) {
        await updateVersioned(em, Company, {
          id: intoId,
          version: target.version,
          label: 'Company',
          set: { ...fill, ...(details.movedUscc && { uscc: details.movedUscc }) },
        });
      }
      const merge = Object.assign(new CompanyMerge(), {
        id: newId(),
        sourceCompanyId: sourceId,
        targetCompanyId: intoId,
        details,
        mergedById: actor.id,
        undoneAt: null,
        undoneById: null,
      });
      // insert() rather than save(): its deep-partial type cannot follow the recursive JSON of the details.
      await em.getRepository(CompanyMerge).insert(merge as unknown as QueryDeepPartialEntity<CompanyMerge>);
      const [sourceAfter, targetAfter] = await Promise.all([repo.findOneByOrFail({ id: sourceId }), repo.findOneByOrFail({ id: intoId })]);
      const moved = {
        before: null,
        after: `${details.leadIds.length} leads, ${details.projectIds.length} projects, ${details.unitIds.length} units, ${details.qualificationIds?.length ?? 0} qualification awards`,
      };
      await this.audit.record(em, {
        actor,
        action: 'company.merge',
        entity: 'Company',
        entityId: sourceId,
        before: sourceBefore,
        after: await view(em, sourceAfter),
        extra: { mergedInto: { before: null, after: intoId }, mergeId: { before: null, after: merge.id }, moved },
      });
      await this.audit.record(em, {
        actor,
        action: 'company.merge-into',
        entity: 'Company',
        entityId: intoId,
        before: targetBefore,
        after: await view(em, targetAfter),
        extra: { mergedFrom: { before: null, after: sourceId }, mergeId: { before: null, after: merge.id }, moved },
      });
      const saved = await em.getRepository(CompanyMerge).findOneByOrFail({ id: merge.id });
      return toMergeResponse(saved, { source: await view(em, sourceAfter), target: await view(em, targetAfter) });
    });
  }

  /**
   * Reverses a merge: the moved records that still point at the survivor go back, the fields the
   * merge filled are cleared where nobody changed them since, and the merged company is live again.
   */
  async undo(mergeId: string, actor: Actor): Promise<MergeResponse> {
    assertCan(actor, 'company.merge');
    return this.tx.run(async (em) => {
      const merge = await em.getRepository(CompanyMerge).findOneBy({ id: mergeId });
      if (!merge) throw DomainError.notFound('CompanyMerge', mergeId);
      if (merge.undoneAt) throw DomainError.conflict('MERGE_UNDONE', `Merge ${mergeId} was undone already`);
      const repo = em.getRepository(Company);
      const source = await repo.findOneByOrFail({ id: merge.sourceCompanyId });
      const target = await repo.findOneByOrFail({ id: merge.targetCompanyId });
      if (target.archivedAt) {
        throw DomainError.conflict('MERGE_TARGET_ARCHIVED', `Company ${target.id} has been archived since (merged again?); undo that first`);
      }
      const details = merge.details;
      for (const m of MOVED) {
        // Merges recorded before awards moved with them carry no qualificationIds.
        const ids = details[m.key] ?? [];
        if (ids.length === 0) continue;
        const still = (await em.getRepository(m.entity).find({ where: { id: In(ids), [m.column]: target.id }, select: { id: true } })).map((r) => r.id);
        await this.move(em, actor, m, still, target.id, source.id);
      }
      const sourceBefore = await view(em, source);
      const targetBefore = await view(em, target);
      const restore: Partial<Company> = {};
      for (const [field, change] of Object.entries(details.filled)) {
        const current = target[field as keyof Company];
        if (JSON.stringify(current) === JSON.stringify(change.after)) Object.assign(restore, { [field]: change.before });
      }
      const usccBack = details.movedUscc !== null && target.uscc === details.movedUscc;
      if (usccBack || Object.keys(restore).length > 0) {
        await updateVersioned(em, Company, {
          id: target.id,
          version: target.version,
          label: 'Company',
          set: { ...restore, ...(usccBack && { uscc: null }) },
        });
      }
      await updateVersioned(em, Company, {
        id: source.id,
        version: source.version,
        label: 'Company',
        set: { archivedAt: null, ...(usccBack && { uscc: details.movedUscc }) },
      });
      await updateVersioned(em, CompanyMerge, {
        id: merge.id,
        version: merge.version,
        label: 'CompanyMerge',
        set: { undoneAt: new Date(), undoneById: actor.id },
      });
      const [sourceAfter, targetAfter] = await Promise.all([repo.findOneByOrFail({ id: source.id }), repo.findOneByOrFail({ id: target.id })]);
      const extra = { mergeId: { before: null, after: merge.id } };
      await this.audit.record(em, { actor, action: 'company.merge-undo', entity: 'Company', entityId: source.id, before: sourceBefore, after: toCompanyResponse(sourceAfter), extra });
      await this.audit.record(em, { actor, action: 'company.merge-undo', entity: 'Company', entityId: target.id, before: targetBefore, after: toCompanyResponse(targetAfter), extra });
      const saved = await em.getRepository(CompanyMerge).findOneByOrFail({ id: merge.id });
      return toMergeResponse(saved, { source: await view(em, sourceAfter), target: await view(em, targetAfter) });
    });
  }

  /** Points records at another company (a version bump each) with an audit row per record. */
  private async move(
    em: EntityManager,
    actor: Actor,
    m: (typeof MOVED)[number],
    ids: string[],
    from: string,
    to: string,
  ): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await em.createQueryBuilder().update(m.entity).set({ [m.column]: to }).where({ id: In(chunk) }).execute();
      for (const id of chunk) {
        await this.audit.record(em, { actor, action: m.action, entity: m.label, entityId: id, extra: { [m.column]: { before: from, after: to } } });
      }
    }
  }
}
