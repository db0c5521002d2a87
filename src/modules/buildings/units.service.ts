import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode, FieldIssue } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { parseMinorUnits } from '../../common/money/money.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { districtDate } from '../../common/time/district-clock.js';
import type { Env } from '../../config/env.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { AuditService } from '../audit/audit.service.js';
import type { ExportTable } from '../data-exchange/sheet/table-writer.js';
import { ExportedUnit, unitExportColumns } from '../data-exchange/sheets/units.sheet.js';
import { Company } from '../companies/company.entity.js';
import { Project } from '../projects/project.entity.js';
import type { UnitStatus } from '../reference/enums.js';
import { validateBody } from '../../common/validation/validation.pipe.js';
import { Building } from './building.entity.js';
import { BuildingsService } from './buildings.service.js';
import { addDays, daysBetween } from './calendar.js';
import {
  CreateUnitDto,
  ExportUnitsQuery,
  LeaseExpiringItem,
  LeaseExpiringQuery,
  ListUnitsQuery,
  StackingPlan,
  UnitHistoryResponse,
  UnitResponse,
  UpdateUnitDto,
  VacancyRowDto,
  VacancySheetDto,
  VacancySheetResult,
  seesProjects,
  toUnitHistoryResponse,
  toUnitResponse,
  unitFor,
} from './dto/unit.dto.js';
import { UnitChange, UnitState, VACANT_STATE, changedFields, nextUnitState } from './unit-rules.js';
import { UnitStatusChange } from './unit-status-change.entity.js';
import { Unit } from './unit.entity.js';

/** The fields of a form or sheet row that change a unit, as a rule-checked change. */
function changeOf(dto: {
  status?: UnitStatus;
  area?: number;
  floor?: number;
  askingRent?: string | number | null;
  availableFrom?: string | null;
  tenantCompanyId?: string | null;
  leaseStart?: string | null;
  leaseEnd?: string | null;
  reservedForProjectId?: string | null;
}): UnitChange {
  const change: UnitChange = {
    status: dto.status,
    area: dto.area,
    floor: dto.floor,
    availableFrom: dto.availableFrom,
    tenantCompanyId: dto.tenantCompanyId,
    leaseStart: dto.leaseStart,
    leaseEnd: dto.leaseEnd,
    reservedForProjectId: dto.reservedForProjectId,
  };
  // Validated by the DTO: an exact decimal, so parsing cannot fail here.
  if (dto.askingRent !== undefined) change.askingRent = dto.askingRent === null ? null : parseMinorUnits(dto.askingRent);
  return change;
}

export function stateOf(u: Unit): UnitState {
  return {
    status: u.status,
    area: u.area,
    floor: u.floor,
    askingRent: u.askingRent,
    availableFrom: u.availableFrom,
    tenantCompanyId: u.tenantCompanyId,
    leaseStart: u.leaseStart,
    leaseEnd: u.leaseEnd,
    reservedForProjectId: u.reservedForProjectId,
  };
}

/** A placed unit keeps its status and tenant until the placement is released; the project is named only to those who may read it. */
function placementConflict(unit: Unit, next: UnitState, field: string, actor: Actor): FieldIssue | null {
  if (!unit.projectId || (next.status === 'LEASED' && next.tenantCompanyId === unit.tenantCompanyId)) return null;
  if (!seesProjects(actor)) {
    return { field, message: `unit ${unit.code} is occupied by a placed project (入驻); the project's officer must release its placement before its status or tenant changes` };
  }
  return {
    field,
    message: `unit ${unit.code} is occupied by project ${unit.projectId}; release its placement (POST /api/v1/projects/${unit.projectId}/placements/{placementId}/release) before changing its status or tenant`,
  };
}

function assertOpen(building: Building): void {
  if (building.archivedAt) throw DomainError.conflict('ARCHIVED', `Building ${building.id} is archived`);
}

/** Rows per page when units are read whole for an export. */
const EXPORT_PAGE = 500;

/** Units (单元) of the buildings: the form, the monthly vacancy sheet, history, lease expiry and the stacking plan. */
@Injectable()
export class UnitsService {
  constructor(
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(UnitStatusChange) private readonly changes: Repository<UnitStatusChange>,
    private readonly buildings: BuildingsService,
    private readonly config: ConfigService<Env, true>,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  async create(buildingId: string, dto: CreateUnitDto, actor: Actor): Promise<UnitResponse> {
    const id = await this.tx.run((em) => this.createIn(em, buildingId, dto, actor));
    return this.get(id, actor);
  }

  /** Adds a unit inside a caller's transaction (imports use it too), with its history and audit rows. */
  async createIn(em: EntityManager, buildingId: string, dto: CreateUnitDto, actor: Actor): Promise<string> {
    const id = newId();
    const building = await this.buildings.find(buildingId, em);
    await this.buildings.assertManages(em, actor, buildingId, 'unit.create');
    assertOpen(building);
    const { next, problems } = nextUnitState({ ...VACANT_STATE, area: dto.area, floor: dto.floor }, changeOf(dto));
    problems.push(...(await this.referenceProblems(em, [{ prefix: '', state: next }])));
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', problems);
    if (await em.getRepository(Unit).existsBy({ buildingId, code: dto.code })) {
      throw new DomainError(ErrorCode.DUPLICATE, `Building ${building.name} already has a unit ${dto.code}`, [
        { field: 'code', code: 'duplicate', message: 'already used by another unit of this building' },
      ]);
    }
    await em.getRepository(Unit).insert({ id, buildingId, code: dto.code, ...next, projectId: null });
    await this.appendHistory(em, actor, { unitId: id, buildingId, from: null, to: next.status, tenantCompanyId: next.tenantCompanyId, note: dto.note });
    await this.buildings.touchVacancy(em, buildingId);
    const after = toUnitResponse(await this.find(id, em));
    await this.audit.record(em, { actor, action: 'unit.create', entity: 'Unit', entityId: id, before: null, after });
    return id;
  }

  async get(id: string, actor: Actor): Promise<UnitResponse> {
    return unitFor(actor, toUnitResponse(await this.find(id)));
  }

  /** A unit with its tenant, or 404. */
  async find(id: string, em?: EntityManager): Promise<Unit> {
    const unit = await (em ? em.getRepository(Unit) : this.units).findOne({ where: { id }, relations: { tenant: true } });
    if (!unit) throw DomainError.notFound('Unit', id);
    return unit;
  }

  async update(id: string, dto: UpdateUnitDto, actor: Actor): Promise<UnitResponse> {
    await this.tx.run((em) => this.updateIn(em, id, dto, actor));
    return this.get(id, actor);
  }

  /** Changes a unit inside a caller's transaction (imports use it too); the rules of PATCH /units/:id. */
  async updateIn(em: EntityManager, id: string, dto: UpdateUnitDto, actor: Actor): Promise<void> {
    const unit = await this.find(id, em);
    await this.buildings.assertManages(em, actor, unit.buildingId, 'unit.update');
    const { next, problems } = nextUnitState(stateOf(unit), changeOf(dto));
    problems.push(...(await this.referenceProblems(em, [{ prefix: '', state: next, current: unit }])));
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', problems);
    const conflict = placementConflict(unit, next, 'status', actor);
    if (conflict) throw DomainError.conflict('UNIT_PLACED', conflict.message, [conflict]);
    await this.applyChange(em, actor, unit, next, { version: dto.version, note: dto.note, action: 'unit.update' });
    await this.buildings.touchVacancy(em, unit.buildingId);
  }

  /**
   * The monthly vacancy sheet (楼宇空置月报): many units of one building at once, all rows or none.
   * Every bad row gets its own detail (`units.3.status`); stale versions and placed units answer 409.
   * A sheet that changes nothing still confirms the building's vacancy as current.
   */
  async applySheet(buildingId: string, dto: VacancySheetDto, actor: Actor): Promise<VacancySheetResult> {
    const result = await this.tx.run(async (em) => {
      const building = await this.buildings.find(buildingId, em);
      await this.buildings.assertManages(em, actor, buildingId, 'unit.update');
      assertOpen(building);
      const units = await em.getRepository(Unit).find({ where: { buildingId }, relations: { tenant: true } });
      const byCode = new Map(units.map((u) => [u.code, u]));
      const seen = new Map<string, number>();
      const rowProblems = new Map<number, FieldIssue[]>();
      const report = (n: number, issues: FieldIssue[]): void => {
        if (issues.length) rowProblems.set(n, [...(rowProblems.get(n) ?? []), ...issues]);
      };
      const plans: { n: number; prefix: string; row: VacancyRowDto; unit: Unit; next: UnitState }[] = [];
      for (const [n, raw] of dto.units.entries()) {
        const prefix = `units.${n}`;
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
          report(n, [{ field: prefix, code: 'isObject', message: `${prefix} must be an object` }]);
          continue;
        }
        const { value: row, issues } = await validateBody(VacancyRowDto, raw);
        report(n, issues.map((i) => ({ ...i, field: `${prefix}.${i.field}` })));
        // The unit code is checked whatever else is wrong with the row, so one answer names every problem.
        const code = typeof row.code === 'string' ? row.code.trim() : null;
        const unit = code ? byCode.get(code) : undefined;
        if (code) {
          const first = seen.get(code);
          if (first !== undefined) report(n, [{ field: `${prefix}.code`, code: 'duplicate', message: `unit ${code} is already in row ${first} of the sheet` }]);
          else {
            seen.set(code, n);
            if (!unit) report(n, [{ field: `${prefix}.code`, code: 'unknownUnit', message: `building ${building.name} has no unit ${code}` }]);
          }
        }
        if (issues.length || !unit || rowProblems.has(n)) continue;
        const { next, problems: stateProblems } = nextUnitState(stateOf(unit), changeOf(row));
        report(n, stateProblems.map((p) => ({ ...p, field: `${prefix}.${p.field}` })));
        plans.push({ n, prefix, row, unit, next });
      }
      for (const p of plans) {
        report(p.n, await this.referenceProblems(em, [{ prefix: `${p.prefix}.`, state: p.next, current: p.unit }]));
      }
      if (rowProblems.size) {
        // One detail per bad row: its first problem's field and code (the unit code's, when that is wrong:
        // the row then names no unit), and every problem of the row in the message.
        const details = [...rowProblems.entries()]
          .sort(([a], [b]) => a - b)
          .map(([, found]) => {
            const issues = [...found.filter((i) => i.field.endsWith('.code')), ...found.filter((i) => !i.field.endsWith('.code'))];
            return { field: issues[0].field, code: issues[0].code ?? 'invalid', message: issues.map((i) => `${i.field}: ${i.message}`).join('; ') };
          });
        throw new DomainError(ErrorCode.VALIDATION, `${details.length} row(s) of the sheet are invalid`, details);
      }

      const stale = plans
        .filter((p) => p.row.version !== undefined && p.row.version !== p.unit.version)
        .map((p) => ({ field: `${p.prefix}.version`, message: `unit ${p.unit.code} is at version ${p.unit.version}, not ${p.row.version}` }));
      if (stale.length) {
        throw new DomainError(ErrorCode.STALE_VERSION, `${stale.length} unit(s) of the sheet were changed by someone else since you read them; reload and try again`, stale);
      }
      const placed = plans.map((p) => placementConflict(p.unit, p.next, `${p.prefix}.status`, actor)).filter((c): c is FieldIssue => c !== null);
      if (placed.length) throw DomainError.conflict('UNIT_PLACED', `${placed.length} unit(s) of the sheet are occupied by placed projects`, placed);

      let changed = 0;
      for (const p of plans) {
        if (changedFields(stateOf(p.unit), p.next).length === 0) continue;
        await this.applyChange(em, actor, p.unit, p.next, { version: p.unit.version, note: p.row.note, action: 'unit.vacancy-sheet' });
        changed++;
      }
      await this.buildings.touchVacancy(em, buildingId);
      await this.audit.record(em, {
        actor,
        action: 'building.vacancy-sheet',
        entity: 'Building',
        entityId: buildingId,
        extra: { rows: { before: null, after: dto.units.length }, changed: { before: null, after: changed } },
      });
      return { changed, ids: plans.map((p) => p.unit.id) };
    });
    const [building, rows] = await Promise.all([
      this.buildings.find(buildingId),
      this.units.find({ where: { id: In(result.ids) }, relations: { tenant: true } }),
    ]);
    const byId = new Map(rows.map((u) => [u.id, u]));
    return {
      buildingId,
      changed: result.changed,
      unchanged: result.ids.length - result.changed,
      vacancyUpdatedAt: building.vacancyUpdatedAt,
      units: result.ids.map((id) => unitFor(actor, toUnitResponse(byId.get(id) as Unit))),
    };
  }

  /**
   * The unit's status as its history has it at the end of `day` (the change recorded last among those
   * dated on or before it, as month-end snapshots read it), and every status it takes after `day`.
   */
  async statusesFrom(em: EntityManager, unitId: string, day: string): Promise<{ atDay: UnitStatus | null; later: { status: UnitStatus; onDate: string }[] }> {
    const repo = em.getRepository(UnitStatusChange);
    const at = await repo
      .createQueryBuilder('h')
      .where('h.unitId = :unitId AND h.onDate <= :day', { unitId, day })
      .orderBy('h.id', 'DESC')
      .limit(1)
      .getOne();
    const later = await repo
      .createQueryBuilder('h')
      .where('h.unitId = :unitId AND h.onDate > :day', { unitId, day })
      .orderBy('h.onDate', 'ASC')
      .getMany();
    return { atDay: at?.toStatus ?? null, later: later.map((h) => ({ status: h.toStatus, onDate: h.onDate })) };
  }

  /**
   * Writes a rule-checked change with the version precondition, appends a history row when the
   * status or tenant changes, and audits it; the caller's transaction. Placements use it too.
   */
  async applyChange(
    em: EntityManager,
    actor: Actor,
    unit: Unit,
    next: UnitState,
    opts: { version: number; action: string; note?: string | null; projectId?: string | null; onDate?: string; placementOf?: string },
  ): Promise<void> {
    await updateVersioned(em, Unit, {
      id: unit.id,
      version: opts.version,
      label: 'Unit',
      set: { ...next, ...(opts.projectId !== undefined && { projectId: opts.projectId }) },
    });
    if (next.status !== unit.status || next.tenantCompanyId !== unit.tenantCompanyId) {
      await this.appendHistory(em, actor, {
        unitId: unit.id,
        buildingId: unit.buildingId,
        from: unit.status,
        to: next.status,
        tenantCompanyId: next.tenantCompanyId,
        note: opts.note,
        onDate: opts.onDate,
        projectId: opts.placementOf ?? null,
      });
    }
    const after = toUnitResponse(await this.find(unit.id, em));
    await this.audit.record(em, { actor, action: opts.action, entity: 'Unit', entityId: unit.id, before: toUnitResponse(unit), after });
  }

  private async appendHistory(
    em: EntityManager,
    actor: Actor,
    h: {
      unitId: string;
      buildingId: string;
      from: UnitStatus | null;
      to: UnitStatus;
      tenantCompanyId: string | null;
      note?: string | null;
      onDate?: string;
      projectId?: string | null;
    },
  ): Promise<void> {
    await em.getRepository(UnitStatusChange).insert({
      id: newId(),
      unitId: h.unitId,
      buildingId: h.buildingId,
      fromStatus: h.from,
      toStatus: h.to,
      tenantCompanyId: h.tenantCompanyId,
      // A back-dated placement or release records its own date, so month-end snapshots agree with it.
      onDate: h.onDate ?? districtDate(),
      note: h.note ?? null,
      projectId: h.projectId ?? null,
      actorId: actor.id,
    });
  }

  /** Tenants and reserving projects must exist (checked only where they change). */
  private async referenceProblems(em: EntityManager, states: { prefix: string; state: UnitState; current?: Unit }[]): Promise<FieldIssue[]> {
    const tenants = states.filter((s) => s.state.tenantCompanyId && s.state.tenantCompanyId !== s.current?.tenantCompanyId);
    const projects = states.filter((s) => s.state.reservedForProjectId && s.state.reservedForProjectId !== s.current?.reservedForProjectId);
    const known = async (target: typeof Company | typeof Project, ids: string[]): Promise<Set<string>> =>
      ids.length === 0
        ? new Set()
        : new Set((await em.getRepository(target).find({ where: { id: In([...new Set(ids)]) }, select: { id: true } })).map((r) => r.id));
    const [companies, reserving] = await Promise.all([
      known(Company, tenants.map((s) => s.state.tenantCompanyId as string)),
      known(Project, projects.map((s) => s.state.reservedForProjectId as string)),
    ]);
    return [
      ...tenants
        .filter((s) => !companies.has(s.state.tenantCompanyId as string))
        .map((s) => ({ field: `${s.prefix}tenantCompanyId`, message: `no company with id ${s.state.tenantCompanyId}` })),
      ...projects
        .filter((s) => !reserving.has(s.state.reservedForProjectId as string))
        .map((s) => ({ field: `${s.prefix}reservedForProjectId`, message: `no project with id ${s.state.reservedForProjectId}` })),
    ];
  }

  /**
   * Every unit the filters select (one building, a status, a zone), by building and unit code,
   * read page by page (for exports), with its building's name.
   */
  async *exportRows(query: ExportUnitsQuery): AsyncGenerator<Unit & { building: Building }> {
    if (query.buildingId) await this.buildings.find(query.buildingId);
    let after: { buildingId: string; code: string } | null = null;
    for (;;) {
      const qb = this.units
        .createQueryBuilder('u')
        .innerJoinAndSelect('u.building', 'b')
        .leftJoinAndSelect('u.tenant', 'tenant')
        .where('b.archivedAt IS NULL');
      if (query.buildingId) qb.andWhere('u.buildingId = :buildingId', { buildingId: query.buildingId });
      if (query.status) qb.andWhere('u.status = :status', { status: query.status });
      if (query.zone) qb.andWhere('b.zoneCode = :zone', { zone: query.zone });
      if (after) qb.andWhere('(u.buildingId > :ab OR (u.buildingId = :ab AND u.code > :ac))', { ab: after.buildingId, ac: after.code });
      const rows = (await qb.orderBy('u.buildingId', 'ASC').addOrderBy('u.code', 'ASC').take(undefined).limit(EXPORT_PAGE).getMany()) as (Unit & { building: Building })[];
      yield* rows;
      if (rows.length < EXPORT_PAGE) return;
      const last = rows[rows.length - 1];
      after = { buildingId: last.buildingId, code: last.code };
    }
  }

  /** The export of the units: Chinese headers, rent in 元/㎡·天; the project column only for those who may read projects. */
  exportTable(query: ExportUnitsQuery, actor: Actor): ExportTable<ExportedUnit> {
    return { title: '楼宇单元', filename: 'units', columns: unitExportColumns({ projects: seesProjects(actor) }), rows: this.exportRows(query) };
  }

  async list(buildingId: string, query: ListUnitsQuery, actor: Actor): Promise<Page<UnitResponse>> {
    await this.buildings.find(buildingId);
    const qb = this.units.createQueryBuilder('u').leftJoinAndSelect('u.tenant', 'tenant').where('u.buildingId = :buildingId', { buildingId });
    if (query.status) qb.andWhere('u.status = :status', { status: query.status });
    return keysetPage(qb, { alias: 'u', sort: 'name', nameColumn: 'code', limit: query.limit, cursor: query.cursor, map: (u) => unitFor(actor, toUnitResponse(u)) });
  }

  /** Every status (and tenant) change of a unit, oldest first; placements name their project only to those who may read projects. */
  async history(id: string, page: { limit: number; cursor?: string }, actor: Actor): Promise<Page<UnitHistoryResponse>> {
    if (!(await this.units.existsBy({ id }))) throw DomainError.notFound('Unit', id);
    const qb = this.changes.createQueryBuilder('h').where('h.unitId = :id', { id });
    const showProjects = seesProjects(actor);
    return keysetPage(qb, { alias: 'h', sort: 'createdAt', limit: page.limit, cursor: page.cursor, map: (h) => toUnitHistoryResponse(h, showProjects) });
  }

  /** Leased units whose lease ends between today and `withinDays` ahead, soonest first: landed companies that may leave. */
  async leaseExpiring(query: LeaseExpiringQuery, actor: Actor): Promise<Page<LeaseExpiringItem>> {
    const today = districtDate();
    const within = query.withinDays ?? this.config.get('LEASE_EXPIRY_WINDOW_DAYS', { infer: true });
    const qb = this.units
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.building', 'b')
      .leftJoinAndSelect('u.tenant', 'tenant')
      .where('u.status = :leased', { leased: 'LEASED' })
      .andWhere('u.leaseEnd >= :today AND u.leaseEnd <= :until', { today, until: addDays(today, within) })
      .andWhere('b.archivedAt IS NULL');
    if (query.buildingId) qb.andWhere('u.buildingId = :buildingId', { buildingId: query.buildingId });
    if (query.zone) qb.andWhere('b.zoneCode = :zone', { zone: query.zone });
    // Keyset on (leaseEnd, id): the "name" sort of keysetPage over the lease-end column.
    return keysetPage(qb, {
      alias: 'u',
      sort: 'name',
      nameColumn: 'leaseEnd',
      nameIsDate: true,
      limit: query.limit,
      cursor: query.cursor,
      map: (u) => ({
        unit: unitFor(actor, toUnitResponse(u)),
        building: { id: u.buildingId, name: u.building?.name ?? '', zone: u.building?.zoneCode ?? '' },
        daysLeft: daysBetween(today, u.leaseEnd as string),
      }),
    });
  }

  /** 房态图: floors top down, each with its units in code order ("2" before "10"). */
  async stackingPlan(buildingId: string, actor: Actor): Promise<StackingPlan> {
    const showProjects = seesProjects(actor);
    const building = await this.buildings.find(buildingId);
    const units = await this.units.find({ where: { buildingId }, relations: { tenant: true } });
    const floors = new Map<number, Unit[]>();
    for (const u of units) floors.set(u.floor, [...(floors.get(u.floor) ?? []), u]);
    const byCode = new Intl.Collator('en', { numeric: true });
    const sum = (list: Unit[]): number => list.reduce((n, u) => n + Math.round(u.area * 100), 0) / 100;
    return {
      building: { id: building.id, name: building.name, zone: building.zoneCode },
      asOf: districtDate(),
      floors: [...floors.entries()]
        .sort(([a], [b]) => b - a)
        .map(([floor, list]) => ({
          floor,
          area: sum(list),
          vacantArea: sum(list.filter((u) => u.status === 'VACANT' || u.status === 'RESERVED')),
          units: list
            .sort((a, b) => byCode.compare(a.code, b.code))
            .map((u) => ({
              id: u.id,
              code: u.code,
              area: u.area,
              status: u.status,
              tenantCompanyId: u.tenantCompanyId,
              tenantName: u.tenant?.name ?? null,
              askingRent: toUnitResponse(u).askingRent,
              availableFrom: u.availableFrom,
              leaseEnd: u.leaseEnd,
              projectId: showProjects ? u.projectId : null,
            })),
        })),
    };
  }
}
