import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { parseMinorUnits } from '../../common/money/money.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { districtDate } from '../../common/time/district-clock.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { Company } from '../companies/company.entity.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { ExportTable } from '../data-exchange/sheet/table-writer.js';
import { projectExportColumns } from '../data-exchange/sheets/projects.sheet.js';
import { ReferenceChoices } from '../data-exchange/sheets/reference-choices.js';
import { UsersService } from '../users/users.service.js';
import {
  AreaRange,
  CreateProjectDto,
  ExportProjectsQuery,
  ListProjectsQuery,
  StageCorrectionDto,
  TransitionDto,
  UpdateProjectDto,
} from './dto/project.dto.js';
import { ProjectResponse, StageCorrectionResult, TransitionResponse, toProjectResponse, toTransitionResponse } from './dto/project.response.js';
import { Funding, ProjectTransition } from './project-records.entities.js';
import { Project } from './project.entity.js';
import { applyProjectFilters, projectPage } from './project-list.js';
import { checkTransition, rankOf } from './stage-machine.js';
import { PlacementsService } from '../buildings/placements.service.js';
import { Placement } from '../buildings/placement.entity.js';
import type { ProjectStage } from '../reference/enums.js';
import { assertNotArchived } from './project-rules.js';
import { addToTotals, projectDeltas } from './funding-totals.js';

/** Rows per page when a list is read whole for an export. */
const EXPORT_PAGE = 500;

/** The investment pipeline: projects, their stage changes and what they need to move. */
@Injectable()
export class ProjectsService {
  constructor(
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    private readonly reference: ReferenceService,
    private readonly users: UsersService,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
    private readonly placements: PlacementsService,
  ) {}

  async create(dto: CreateProjectDto, actor: Actor): Promise<ProjectResponse> {
    assertCan(actor, 'project.create');
    if (dto.ownerId && dto.ownerId !== actor.id) assertCan(actor, 'project.reassign');
    const id = await this.tx.run((em) => this.createIn(em, dto, actor));
    return this.get(id);
  }

  /** Creates a project at NEGOTIATING with its first stage-history row, inside the caller's transaction. */
  async createIn(em: EntityManager, dto: CreateProjectDto, actor: Actor, leadId: string | null = null, firstContactId?: string | null): Promise<string> {
    await this.reference.assertTags({ industry: dto.industry, segments: dto.segments, zone: dto.zone });
    assertAreaRange(dto.areaRequirement);
    if (!(await em.getRepository(Company).existsBy({ id: dto.companyId }))) {
      throw DomainError.invalid('companyId', `no company with id ${dto.companyId}`, 'notFound');
    }
    const ownerId = dto.ownerId ?? actor.id;
    if (dto.ownerId) await this.assertAssignable(dto.ownerId);
    const id = newId();
    const today = districtDate();
    if (dto.startedAt && dto.startedAt > today) {
      throw DomainError.invalid('startedAt', `startedAt must not lie in the future (today is ${today} in the district)`, 'notAfterToday');
    }
    const startedAt = dto.startedAt ?? today;
    const relocation = dto.relocation ?? null;
    await em.getRepository(Project).insert({
      id,
      name: dto.name,
      companyId: dto.companyId,
      industryCode: dto.industry,
      segments: dto.segments ?? [],
      zoneCode: dto.zone ?? null,
      stage: 'NEGOTIATING',
      plannedInvestment: dto.plannedInvestment ? parseMinorUnits(dto.plannedInvestment.amount) : null,
      plannedCurrency: dto.plannedInvestment?.currency ?? null,
      areaMin: dto.areaRequirement?.min ?? null,
      areaMax: dto.areaRequirement?.max ?? null,
      ...relocationColumns(relocation),
      signedAt: null,
      stageChangedAt: startedAt,
      lostReason: null,
      leadId,
      ownerId,
      firstContactId: firstContactId ?? ownerId,
      createdById: actor.id,
      lastActivityAt: null,
      nextFollowUpAt: null,
      archivedAt: null,
    });
    await em.getRepository(ProjectTransition).insert({
      id: newId(),
      projectId: id,
      fromStage: null,
      toStage: 'NEGOTIATING',
      at: startedAt,
      reason: null,
      note: null,
      actorId: actor.id,
    });
    const after = toProjectResponse(await this.find(id, em));
    await this.audit.record(em, { actor, action: 'project.create', entity: 'Project', entityId: id, before: null, after });
    return id;
  }

  async get(id: string): Promise<ProjectResponse> {
    return toProjectResponse(await this.find(id));
  }

  /** A project with its company, or 404. */
  async find(id: string, em?: EntityManager): Promise<Project> {
    const repo = em ? em.getRepository(Project) : this.projects;
    const project = await repo.findOne({ where: { id }, relations: { company: true } });
    if (!project) throw DomainError.notFound('Project', id);
    return project;
  }

  async update(id: string, dto: UpdateProjectDto, actor: Actor): Promise<ProjectResponse> {
    await this.tx.run((em) => this.updateIn(em, id, dto, actor));
    return this.get(id);
  }

  /** Changes a project inside a caller's transaction (imports use it too), with its audit row. */
  async updateIn(em: EntityManager, id: string, dto: UpdateProjectDto, actor: Actor): Promise<void> {
    const current = await this.find(id, em);
    assertCan(actor, 'project.update', () => current.ownerId === actor.id);
    assertNotArchived(current);
    const industry = dto.industry ?? current.industryCode;
    const segments = dto.segments ?? (dto.industry && dto.industry !== current.industryCode ? [] : current.segments);
    await this.reference.assertTags({ industry, segments, zone: dto.zone });
    assertAreaRange(dto.areaRequirement);
    if (dto.companyId && dto.companyId !== current.companyId) {
      const company = await em.getRepository(Company).findOneBy({ id: dto.companyId });
      if (!company) throw DomainError.invalid('companyId', `no company with id ${dto.companyId}`, 'notFound');
      if (['REGISTERED', 'OPERATING'].includes(current.stage) && !company.uscc) {
        throw DomainError.conflict(
          'REGISTERED_NEEDS_USCC',
          `A project at ${current.stage} needs a company with a unified social credit code (uscc)`,
        );
      }
    }
    const jingjiAfter = dto.relocation !== undefined ? Boolean(dto.relocation) : current.jingji;
    if (jingjiAfter !== current.jingji && !current.archivedAt) {
      // The project's funds in place move between the Beijing–Hebei and the other totals.
      await addToTotals(em, [...(await projectDeltas(em, id, current.jingji, -1)), ...(await projectDeltas(em, id, jingjiAfter, 1))]);
    }
    await updateVersioned(em, Project, {
      id,
      version: dto.version,
      label: 'Project',
      set: {
        ...(dto.name !== undefined && { name: dto.name }),
        ...(dto.companyId !== undefined && { companyId: dto.companyId }),
        industryCode: industry,
        segments,
        ...(dto.zone !== undefined && { zoneCode: dto.zone }),
        ...(dto.plannedInvestment !== undefined && {
          plannedInvestment: dto.plannedInvestment ? parseMinorUnits(dto.plannedInvestment.amount) : null,
          plannedCurrency: dto.plannedInvestment?.currency ?? null,
        }),
        ...(dto.areaRequirement !== undefined && {
          areaMin: dto.areaRequirement?.min ?? null,
          areaMax: dto.areaRequirement?.max ?? null,
        }),
        ...(dto.relocation !== undefined && relocationColumns(dto.relocation)),
      },
    });
    await this.recordChange(em, actor, 'project.update', current);
  }

  /** Hands a project to another officer (ADMIN only: owner is not editable through PATCH). */
  async reassign(id: string, ownerId: string, actor: Actor): Promise<ProjectResponse> {
    assertCan(actor, 'project.reassign');
    await this.assertAssignable(ownerId);
    await this.tx.run(async (em) => {
      const current = await this.find(id, em);
      await updateVersioned(em, Project, { id, version: current.version, label: 'Project', set: { ownerId } });
      await this.recordChange(em, actor, 'project.reassign', current);
    });
    return this.get(id);
  }

  private async recordChange(em: EntityManager, actor: Actor, action: string, before: Project, extra?: Record<string, string | null>): Promise<void> {
    const after = toProjectResponse(await this.find(before.id, em));
    await this.audit.record(em, {
      actor,
      action,
      entity: 'Project',
      entityId: before.id,
      before: toProjectResponse(before),
      after,
      extra: extra && Object.fromEntries(Object.entries(extra).filter(([, v]) => v).map(([k, v]) => [k, { before: null, after: v }])),
    });
  }

  private assertAssignable(userId: string): Promise<void> {
    return this.users.assertCanOwn(userId, 'projects');
  }

  /** Moves a project to another stage under the stage machine's rules, recording the change. */
  async transition(id: string, dto: TransitionDto, actor: Actor): Promise<ProjectResponse> {
    await this.tx.run(async (em) => {
      const project = await this.find(id, em);
      assertCan(actor, 'project.update', () => project.ownerId === actor.id);
      assertNotArchived(project);
      const today = districtDate();
      const at = dto.at ?? today;
      if (at > today) throw DomainError.invalid('at', `at must not lie in the future (today is ${today} in the district)`, 'notAfterToday');
      if (at < project.stageChangedAt) {
        throw new DomainError(
          ErrorCode.STATE_CONFLICT,
          `at (${at}) is before the project's previous stage change (${project.stageChangedAt})`,
          [{ field: 'at', code: 'beforePreviousStage', message: `must not be before ${project.stageChangedAt}` }],
          { rule: 'BEFORE_PREVIOUS_STAGE' },
        );
      }
      const outcome = checkTransition({
        from: project.stage,
        to: dto.to,
        reason: dto.reason,
        companyHasUscc: Boolean(project.company?.uscc),
      });
      if (!outcome.ok) {
        if (outcome.rule === 'LOST_NEEDS_REASON') throw DomainError.invalid('reason', outcome.message ?? 'reason is required', 'required');
        throw new DomainError(ErrorCode.ILLEGAL_TRANSITION, `${outcome.rule}: ${outcome.message}`, undefined, { rule: outcome.rule });
      }
      // A lost project leaves its units as of the loss date (docs/figures.md: 统计口径, 承载京冀面积).
      if (dto.to === 'LOST') await this.placements.endForLossIn(em, actor, project, at);
      await updateVersioned(em, Project, {
        id,
        version: dto.version ?? project.version,
        label: 'Project',
        set: {
          stage: dto.to,
          stageChangedAt: at,
          ...(outcome.reachesSigned && !project.signedAt && { signedAt: at }),
          ...(dto.to === 'LOST' && { lostReason: dto.reason ?? null }),
        },
      });
      await em.getRepository(ProjectTransition).insert({
        id: newId(),
        projectId: id,
        fromStage: project.stage,
        toStage: dto.to,
        at,
        reason: dto.reason ?? null,
        note: dto.note ?? null,
        actorId: actor.id,
      });
      await this.recordChange(em, actor, 'project.transition', project, { at, reason: dto.reason ?? null, note: dto.note ?? null });
    });
    return this.get(id);
  }

  /**
   * 阶段更正 (ADMIN): replaces a project's stage history with the corrected one and recomputes what
   * depends on it: the stage, stageChangedAt, signedAt (so 引进京冀项目 and 吸引京冀投资 follow), the
   * lost reason, and the funnel. The replaced rows stay, marked superseded; the audit row keeps the
   * reason and both histories. Refused (409) when funds in place or placements would contradict the
   * corrected dates; a corrected history ending in LOST ends active placements as of the loss date.
   */
  async correctStages(id: string, dto: StageCorrectionDto, actor: Actor): Promise<StageCorrectionResult> {
    assertCan(actor, 'project.correct-stages');
    const today = districtDate();
    await this.tx.run(async (em) => {
      const project = await this.find(id, em);
      assertNotArchived(project);
      const steps = validHistory(dto, today, Boolean(project.company?.uscc));
      const current = await em.getRepository(ProjectTransition).find({ where: { projectId: id, supersededAt: IsNull() }, order: { id: 'ASC' } });
      const same =
        current.length === steps.length &&
        current.every((t, n) => t.toStage === steps[n].stage && t.at === steps[n].at && (t.reason ?? null) === (steps[n].reason ?? null));
      if (same) throw DomainError.conflict('STAGE_HISTORY_UNCHANGED', 'The corrected history is the one the project has');
      const last = steps[steps.length - 1];
      const signed = steps.find((x) => x.stage !== 'LOST' && rankOf(x.stage) >= rankOf('SIGNED'));
      const landed = steps.find((x) => x.stage === 'REGISTERED' || x.stage === 'OPERATING');
      await this.assertFundingsFit(em, id, signed?.at ?? null);
      await this.assertPlacementsFit(em, id, landed?.at ?? null, last.stage === 'LOST' ? last.at : null);
      if (last.stage === 'LOST') await this.placements.endForLossIn(em, actor, project, last.at);
      await updateVersioned(em, Project, {
        id,
        version: dto.version,
        label: 'Project',
        set: {
          stage: last.stage,
          stageChangedAt: last.at,
          signedAt: signed?.at ?? null,
          lostReason: last.stage === 'LOST' ? (last.reason ?? null) : null,
        },
      });
      await em.getRepository(ProjectTransition).update({ id: In(current.map((t) => t.id)) }, { supersededAt: new Date() });
      let from: ProjectStage | null = null;
      for (const step of steps) {
        await em.getRepository(ProjectTransition).insert({
          id: newId(),
          projectId: id,
          fromStage: from,
          toStage: step.stage,
          at: step.at,
          reason: step.reason ?? null,
          note: step.note ?? null,
          actorId: actor.id,
          supersededAt: null,
        });
        from = step.stage;
      }
      const history = (list: { toStage?: string; stage?: string; at: string }[]): string => list.map((t) => `${t.toStage ?? t.stage}@${t.at}`).join(' → ');
      await this.recordChange(em, actor, 'project.stage-correction', project, {
        reason: dto.reason,
        historyBefore: history(current),
        historyAfter: history(steps),
      });
    });
    const transitions = await this.projects.manager
      .getRepository(ProjectTransition)
      .find({ where: { projectId: id, supersededAt: IsNull() }, order: { id: 'ASC' } });
    return { project: await this.get(id), transitions: transitions.map(toTransitionResponse) };
  }

  /** Funds in place that stand (not reversed) must not lie before the corrected signing date. */
  private async assertFundingsFit(em: EntityManager, projectId: string, signedAt: string | null): Promise<void> {
    const standing = await em
      .getRepository(Funding)
      .createQueryBuilder('f')
      .where('f.projectId = :projectId', { projectId })
      .andWhere('NOT EXISTS (SELECT 1 FROM funding_reversals r WHERE r.reversal_id = f.id OR r.original_id = f.id)')
      .andWhere(signedAt ? 'f.date < :signedAt' : '1 = 1', { signedAt })
      .orderBy('f.date', 'ASC')
      .getMany();
    if (standing.length) {
      const first = standing[0];
      throw DomainError.conflict(
        'CORRECTION_CONFLICTS_FUNDINGS',
        signedAt
          ? `${standing.length} funds-in-place entr${standing.length === 1 ? 'y lies' : 'ies lie'} before the corrected signing date ${signedAt} (first: ${first.date}); reverse them first`
          : `The corrected history never signs, but the project has ${standing.length} funds-in-place entr${standing.length === 1 ? 'y' : 'ies'}; reverse them first`,
        [{ field: 'history', code: 'fundingsBeforeSigned', message: `funding ${first.id} dated ${first.date}` }],
      );
    }
  }

  /** Placements must start on or after the corrected landing date, and not outlast a corrected loss. */
  private async assertPlacementsFit(em: EntityManager, projectId: string, landedAt: string | null, lostAt: string | null): Promise<void> {
    const placements = await em.getRepository(Placement).find({ where: { projectId }, order: { startDate: 'ASC' } });
    const bad = placements.find(
      (p) => landedAt === null || p.startDate < landedAt || (lostAt !== null && p.endDate !== null && p.endDate > lostAt),
    );
    if (bad) {
      throw DomainError.conflict(
        'CORRECTION_CONFLICTS_PLACEMENTS',
        landedAt === null
          ? 'The corrected history never lands (REGISTERED), but the project has placements; release them first'
          : `Placement ${bad.id} (${bad.startDate} – ${bad.endDate ?? 'now'}) does not fit the corrected history (landed ${landedAt}${lostAt ? `, lost ${lostAt}` : ''})`,
        [{ field: 'history', code: 'placementsOutsideLanded', message: `placement ${bad.id} from ${bad.startDate}` }],
      );
    }
  }

  async listTransitions(id: string, limit: number, cursor?: string): Promise<Page<TransitionResponse>> {
    await this.assertExists(id);
    const qb = this.projects.manager
      .getRepository(ProjectTransition)
      .createQueryBuilder('t')
      .where('t.projectId = :id', { id })
      .andWhere('t.supersededAt IS NULL');
    return keysetPage(qb, { alias: 't', sort: 'createdAt', limit, cursor, map: toTransitionResponse });
  }

  async archive(id: string, archived: boolean, actor: Actor): Promise<ProjectResponse> {
    await this.tx.run(async (em) => {
      const project = await this.find(id, em);
      assertCan(actor, 'project.update', () => project.ownerId === actor.id);
      if (archived === (project.archivedAt !== null)) {
        throw DomainError.conflict(archived ? 'ALREADY_ARCHIVED' : 'NOT_ARCHIVED', `Project ${id} is ${archived ? 'already' : 'not'} archived`);
      }
      await updateVersioned(em, Project, {
        id,
        version: project.version,
        label: 'Project',
        set: { archivedAt: archived ? new Date() : null },
      });
      // Archived projects leave the plan figures; unarchiving brings their funds in place back.
      await addToTotals(em, await projectDeltas(em, id, project.jingji, archived ? -1 : 1));
      await this.recordChange(em, actor, archived ? 'project.archive' : 'project.unarchive', project);
    });
    return this.get(id);
  }

  async list(query: ListProjectsQuery): Promise<Page<ProjectResponse>> {
    return projectPage(this.listQuery(query), { sort: query.sort, limit: query.limit, cursor: query.cursor, map: toProjectResponse });
  }

  /** Every project the list's filters select, in the list's order, read page by page (for exports). */
  async *exportRows(query: ExportProjectsQuery): AsyncGenerator<ProjectResponse> {
    let cursor: string | undefined;
    do {
      const page = await projectPage(this.listQuery(query), { sort: query.sort, limit: EXPORT_PAGE, cursor, map: toProjectResponse });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /** The export of the list: Chinese headers, names instead of codes, money in yuan. */
  async exportTable(query: ExportProjectsQuery): Promise<ExportTable<ProjectResponse>> {
    const ref = new ReferenceChoices(await this.reference.listIndustries(), await this.reference.listZones());
    return { title: '招商项目', filename: 'projects', columns: projectExportColumns(ref), rows: this.exportRows(query) };
  }

  private listQuery(query: ExportProjectsQuery): SelectQueryBuilder<Project> {
    // Only the company fields a list row shows: the whole company row cost a third of the list's SQL time.
    const qb = this.projects.createQueryBuilder('p').leftJoin('p.company', 'company').addSelect(['company.id', 'company.name', 'company.uscc']);
    return applyProjectFilters(qb, query);
  }

  async assertExists(id: string): Promise<void> {
    if (!(await this.projects.existsBy({ id }))) throw DomainError.notFound('Project', id);
  }
}

/**
 * A corrected history must be a path the stage machine allows: it starts at NEGOTIATING, each step
 * is a legal move from the one before (forward, skips allowed; LOST with a reason; REGISTERED with the
 * company's USCC), dates never go back and none lies in the future. 400 naming the step otherwise.
 */
function validHistory(dto: StageCorrectionDto, today: string, companyHasUscc: boolean): StageCorrectionDto['history'] {
  const steps = dto.history;
  const problems: { field: string; code: string; message: string }[] = [];
  if (steps[0].stage !== 'NEGOTIATING') problems.push({ field: 'history.0.stage', code: 'firstStage', message: 'the history starts with NEGOTIATING' });
  steps.forEach((step, n) => {
    if (step.at > today) problems.push({ field: `history.${n}.at`, code: 'future', message: `must not lie in the future (today is ${today})` });
    if (n === 0) return;
    const prev = steps[n - 1];
    if (step.at < prev.at) problems.push({ field: `history.${n}.at`, code: 'beforePrevious', message: `must not be before the previous step (${prev.at})` });
    const outcome = checkTransition({ from: prev.stage, to: step.stage, reason: step.reason, companyHasUscc });
    if (!outcome.ok) problems.push({ field: `history.${n}.stage`, code: 'illegalTransition', message: `${outcome.rule}: ${outcome.message}` });
  });
  if (problems.length) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', problems);
  return steps;
}

function relocationColumns(r: CreateProjectDto['relocation']): Partial<Project> {
  return {
    jingji: Boolean(r),
    originProvince: r?.originProvince ?? null,
    originCity: r?.originCity ?? null,
    originDistrict: r?.originDistrict ?? null,
    relocationFunction: r?.function ?? null,
    centralSoe: r ? (r.centralSoe ?? false) : null,
  };
}

function assertAreaRange(range: AreaRange | null | undefined): void {
  if (range && range.max < range.min) throw DomainError.invalid('areaRequirement.max', 'max must not be below min', 'areaRange');
}

