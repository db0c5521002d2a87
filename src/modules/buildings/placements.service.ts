import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Not, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { parseMinorUnits } from '../../common/money/money.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { districtDate } from '../../common/time/district-clock.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { Project } from '../projects/project.entity.js';
import { assertNotArchived, landedOn } from '../projects/project-rules.js';
import type { UnitStatus } from '../reference/enums.js';
import { ReferenceService } from '../reference/reference.service.js';
import { addDays } from './calendar.js';
import { CreatePlacementDto, MatchResponse, MatchesQuery, PlacementResponse, ReleasePlacementDto, toPlacementResponse } from './dto/placement.dto.js';
import { toUnitResponse } from './dto/unit.dto.js';
import { Placement } from './placement.entity.js';
import { AREA_TOLERANCE, MatchCandidate, RENT_TOLERANCE, SOON_AVAILABLE_DAYS, rankUnits } from './unit-matching.js';
import { Unit } from './unit.entity.js';
import { UnitsService, stateOf } from './units.service.js';
import { BuildingsService } from './buildings.service.js';

/** Stages at which a project has landed (注册落地 or later) and may occupy units. */
const LANDED = ['REGISTERED', 'OPERATING'] as const;
/** Matching scores at most this many candidate units, the most relevant first (zone, specialty, area). */
const MATCH_CANDIDATES = 2000;

/** Placing landed projects into units (入驻) and finding vacant units that fit a project. */
@Injectable()
export class PlacementsService {
  constructor(
    @InjectRepository(Placement) private readonly placements: Repository<Placement>,
    @InjectRepository(Project) private readonly projects: Repository<Project>,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    private readonly unitsService: UnitsService,
    private readonly buildings: BuildingsService,
    private readonly reference: ReferenceService,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  /**
   * A landed project moves into a unit: the unit becomes LEASED to the project's company from
   * `startDate`. The unit must be VACANT or RESERVED for this project (409 otherwise).
   */
  async place(projectId: string, dto: CreatePlacementDto, actor: Actor): Promise<PlacementResponse> {
    const today = districtDate();
    if (dto.startDate > today) throw DomainError.invalid('startDate', `startDate must not lie in the future (today is ${today} in the district); reserve the unit until then`, 'notAfterToday');
    if (dto.leaseEnd && dto.leaseEnd <= dto.startDate) throw DomainError.invalid('leaseEnd', 'leaseEnd must be after startDate', 'afterStart');
    const id = newId();
    await this.tx.run(async (em) => {
      const project = await this.projectFor(em, projectId, actor);
      assertNotArchived(project);
      if (!(LANDED as readonly string[]).includes(project.stage)) {
        throw new DomainError(
          ErrorCode.STATE_CONFLICT,
          `Only a landed project (stage REGISTERED or OPERATING) can occupy units; this one is ${project.stage}`,
          undefined,
          { rule: 'PLACEMENT_NEEDS_LANDED' },
        );
      }
      const unit = await em.getRepository(Unit).findOne({ where: { id: dto.unitId }, relations: { tenant: true, building: true } });
      if (!unit) throw DomainError.invalid('unitId', `no unit with id ${dto.unitId}`, 'notFound');
      const free = unit.status === 'VACANT' || (unit.status === 'RESERVED' && unit.reservedForProjectId === projectId);
      if (!free || unit.projectId) {
        const why = unit.status === 'RESERVED' ? 'RESERVED for another project' : unit.status;
        throw DomainError.conflict('UNIT_NOT_AVAILABLE', `Unit ${unit.code} is ${why}; a project can be placed only into a VACANT unit or one RESERVED for it`, [
          { field: 'unitId', code: 'unitNotAvailable', message: `unit is ${why}` },
        ]);
      }
      if (unit.building?.archivedAt) throw DomainError.conflict('ARCHIVED', `Building ${unit.buildingId} is archived`);
      await this.assertPeriodFree(em, project, unit, dto.startDate);
      const next = {
        ...stateOf(unit),
        status: 'LEASED' as const,
        tenantCompanyId: project.companyId,
        leaseStart: dto.startDate,
        leaseEnd: dto.leaseEnd ?? null,
        reservedForProjectId: null,
        availableFrom: null,
      };
      // The unit's versioned write comes first: of two placements racing for one unit, the second
      // waits on the row and then finds the version moved (409), before the unique index is reached.
      await this.unitsService.applyChange(em, actor, unit, next, {
        version: unit.version,
        action: 'unit.place',
        note: `入驻: ${project.name}`,
        projectId,
        onDate: dto.startDate,
        placementOf: projectId,
      });
      await em.getRepository(Placement).insert({
        id,
        projectId,
        unitId: unit.id,
        startDate: dto.startDate,
        endDate: null,
        area: unit.area,
        activeUnitId: unit.id,
        note: dto.note ?? null,
        createdById: actor.id,
        releasedById: null,
      });
      await this.buildings.touchVacancy(em, unit.buildingId);
      const after = toPlacementResponse(await this.find(em, projectId, id));
      await this.audit.record(em, { actor, action: 'placement.create', entity: 'Placement', entityId: id, before: null, after });
    });
    return toPlacementResponse(await this.find(this.placements.manager, projectId, id));
  }

  /**
   * The project leaves the unit: the placement ends on `endDate` and the unit is VACANT again.
   * Allowed on an archived project too, so space is never stuck.
   */
  async release(projectId: string, placementId: string, dto: ReleasePlacementDto, actor: Actor): Promise<PlacementResponse> {
    const today = districtDate();
    const endDate = dto.endDate ?? today;
    if (endDate > today) throw DomainError.invalid('endDate', `endDate must not lie in the future (today is ${today} in the district)`, 'notAfterToday');
    await this.tx.run(async (em) => {
      const project = await this.projectFor(em, projectId, actor);
      const placement = await this.find(em, projectId, placementId);
      if (placement.activeUnitId === null) {
        throw DomainError.conflict('PLACEMENT_RELEASED', `Placement ${placementId} was already released on ${placement.endDate}`);
      }
      if (endDate < placement.startDate) {
        throw DomainError.invalid('endDate', `endDate must not be before the placement's startDate (${placement.startDate})`, 'notBeforeStart');
      }
      await this.endIn(em, actor, project, placement, endDate, dto.note ?? null);
    });
    return toPlacementResponse(await this.find(this.placements.manager, projectId, placementId));
  }

  /**
   * A lost project (流失) leaves its units as of the loss date: every active placement ends on that
   * day, so its area leaves 承载京冀面积 from then on. A placement that began after the loss date
   * cannot be ended by it (409): the loss date or the placement is wrong. The caller's transaction.
   */
  async endForLossIn(em: EntityManager, actor: Actor, project: Project, lostOn: string): Promise<number> {
    const active = await em.getRepository(Placement).find({ where: { projectId: project.id, activeUnitId: Not(IsNull()) }, relations: { unit: { building: true } } });
    const late = active.filter((p) => p.startDate > lostOn);
    if (late.length) {
      throw DomainError.conflict(
        'LOSS_BEFORE_PLACEMENT',
        `The project cannot be lost on ${lostOn}: it occupies unit(s) from a later date (${late.map((p) => p.startDate).join(', ')}); correct the date or the placement`,
        [{ field: 'at', code: 'beforePlacement', message: `must not be before ${late[0].startDate}` }],
      );
    }
    for (const placement of active) await this.endIn(em, actor, project, placement, lostOn, `项目流失，迁出: ${project.name}`);
    return active.length;
  }

  /** Ends an active placement on `endDate` and frees its unit (history dated `endDate`), with audit rows. */
  private async endIn(em: EntityManager, actor: Actor, project: Project, placement: Placement, endDate: string, note: string | null): Promise<void> {
    await updateVersioned(em, Placement, {
      id: placement.id,
      version: placement.version,
      label: 'Placement',
      set: { endDate, activeUnitId: null, releasedById: actor.id, ...(note && { note }) },
    });
    const unit = await this.unitsService.find(placement.unitId, em);
    const next = { ...stateOf(unit), status: 'VACANT' as const, tenantCompanyId: null, leaseStart: null, leaseEnd: null, reservedForProjectId: null, availableFrom: null };
    await this.unitsService.applyChange(em, actor, unit, next, {
      version: unit.version,
      action: 'unit.release',
      note: note ?? `迁出: ${project.name}`,
      projectId: null,
      onDate: endDate,
      placementOf: project.id,
    });
    await this.buildings.touchVacancy(em, unit.buildingId);
    await this.audit.record(em, {
      actor,
      action: 'placement.release',
      entity: 'Placement',
      entityId: placement.id,
      before: toPlacementResponse(placement),
      after: toPlacementResponse(await this.find(em, project.id, placement.id)),
    });
  }

  /**
   * A placement from `startDate` must fit the records: not before the project landed (注册落地), no
   * other placement of the unit overlapping it, and the unit's status history free (VACANT or
   * RESERVED) from that day on, so that a month-end snapshot never shows the unit vacant and occupied.
   */
  private async assertPeriodFree(em: EntityManager, project: Project, unit: Unit, startDate: string): Promise<void> {
    const landed = await landedOn(em, project.id);
    if (!landed || startDate < landed) {
      throw DomainError.conflict(
        'PLACEMENT_BEFORE_REGISTERED',
        `The placement cannot start on ${startDate}: the project registered (注册落地) on ${landed ?? '—'}`,
        [{ field: 'startDate', code: 'beforeRegistered', message: `must not be before ${landed}` }],
      );
    }
    const overlapping = await em
      .getRepository(Placement)
      .createQueryBuilder('pl')
      .where('pl.unitId = :unitId', { unitId: unit.id })
      .andWhere('(pl.endDate IS NULL OR pl.endDate > :startDate)', { startDate })
      .orderBy('pl.startDate', 'ASC')
      .getMany();
    if (overlapping.length) {
      const o = overlapping[0];
      throw DomainError.conflict(
        'PLACEMENT_OVERLAP',
        `Unit ${unit.code} was occupied from ${o.startDate} to ${o.endDate ?? 'now'} by another placement; a placement from ${startDate} would overlap it`,
        [{ field: 'startDate', code: 'overlapsPlacement', message: `must not be before ${o.endDate ?? 'the end of the current placement'}` }],
      );
    }
    const history = await this.unitsService.statusesFrom(em, unit.id, startDate);
    const free = (s: UnitStatus | null): boolean => s === null || s === 'VACANT' || s === 'RESERVED';
    const taken = [...(free(history.atDay) ? [] : [{ status: history.atDay, onDate: startDate }]), ...history.later.filter((h) => !free(h.status))];
    if (taken.length) {
      throw DomainError.conflict(
        'UNIT_HISTORY_CONFLICT',
        `Unit ${unit.code} was ${taken[0].status} on ${taken[0].onDate} by its status history; a placement from ${startDate} would contradict it`,
        [{ field: 'startDate', code: 'unitNotFree', message: `the unit was ${taken[0].status} on ${taken[0].onDate}` }],
      );
    }
  }

  /** A project's placements, newest first (active and released). */
  async list(projectId: string, limit: number, cursor?: string): Promise<Page<PlacementResponse>> {
    if (!(await this.projects.existsBy({ id: projectId }))) throw DomainError.notFound('Project', projectId);
    const qb = this.placements
      .createQueryBuilder('pl')
      .leftJoinAndSelect('pl.unit', 'u')
      .leftJoinAndSelect('u.building', 'b')
      .where('pl.projectId = :projectId', { projectId });
    return keysetPage(qb, { alias: 'pl', sort: '-createdAt', limit, cursor, map: toPlacementResponse });
  }

  /**
   * Vacant (and soon-available) units ranked for the project. SQL narrows to offerable units near
   * the area requirement and under the rent tolerance, most relevant first and at most
   * MATCH_CANDIDATES of them; the pure scorer ranks those in memory.
   */
  async matches(projectId: string, query: MatchesQuery): Promise<MatchResponse[]> {
    const project = await this.projects.findOneBy({ id: projectId });
    if (!project) throw DomainError.notFound('Project', projectId);
    const today = districtDate();
    const maxRent = query.maxRent === undefined ? null : parseMinorUnits(query.maxRent);
    const zones = await this.reference.listZones();
    const focusZones = zones.filter((z) => z.focusIndustries.includes(project.industryCode)).map((z) => z.code);
    const qb = this.units
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.building', 'b')
      .where('b.archivedAt IS NULL')
      .andWhere(
        '((u.status = :vacant AND (u.availableFrom IS NULL OR u.availableFrom <= :horizon)) OR (u.status = :reserved AND u.reservedForProjectId = :projectId))',
        { vacant: 'VACANT', reserved: 'RESERVED', horizon: addDays(today, SOON_AVAILABLE_DAYS), projectId },
      );
    const hasArea = project.areaMin !== null && project.areaMax !== null;
    if (hasArea) {
      qb.andWhere('u.area >= :areaLow AND u.area <= :areaHigh', {
        areaLow: (project.areaMin as number) * (1 - AREA_TOLERANCE),
        areaHigh: (project.areaMax as number) * (1 + AREA_TOLERANCE),
      });
    }
    if (maxRent !== null) {
      qb.andWhere('(u.askingRent IS NULL OR u.askingRent <= :rentHigh)', {
        rentHigh: Math.floor(Number(maxRent) * (1 + RENT_TOLERANCE)),
      });
    }
    // Most relevant first, so the candidate cap never drops a unit in the industry's zone or building.
    const inFocusZone = focusZones.length ? 'CASE WHEN b.zoneCode IN (:...focusZones) THEN 2 ELSE 0 END' : '0';
    qb.addSelect(`${inFocusZone} + CASE WHEN b.specialtyIndustries LIKE :industryLike THEN 2 ELSE 0 END`, 'relevance')
      .setParameter('focusZones', focusZones)
      .setParameter('industryLike', `%"${project.industryCode}"%`)
      .orderBy('relevance', 'DESC');
    if (hasArea) {
      qb.addSelect('ABS(u.area - :areaMid)', 'distance')
        .setParameter('areaMid', ((project.areaMin as number) + (project.areaMax as number)) / 2)
        .addOrderBy('distance', 'ASC');
    }
    qb.addOrderBy('u.id', 'ASC').limit(MATCH_CANDIDATES);
    const units = await qb.getMany();
    const zoneByCode = new Map(zones.map((z) => [z.code, z]));
    const candidates = units.map((u) => {
      const building = u.building as NonNullable<Unit['building']>;
      const zone = zoneByCode.get(building.zoneCode) ?? null;
      return {
        source: u,
        unit: u,
        building: { name: building.name, zoneCode: building.zoneCode, specialtyIndustries: building.specialtyIndustries },
        zone: zone && { code: zone.code, nameZh: zone.nameZh, focusIndustries: zone.focusIndustries },
      } satisfies MatchCandidate & { source: Unit };
    });
    const ranked = rankUnits(
      { id: project.id, industry: project.industryCode, zone: project.zoneCode, areaMin: project.areaMin, areaMax: project.areaMax },
      candidates,
      { today, maxRent, industryNames: new Map((await this.reference.listIndustries()).map((i) => [i.code, i.nameZh])) },
      query.limit,
    );
    return ranked.map(({ candidate, score, reasons }) => {
      const u = candidate.source;
      const b = u.building as NonNullable<Unit['building']>;
      const zone = zoneByCode.get(b.zoneCode);
      return {
        unit: toUnitResponse(u),
        building: { id: b.id, name: b.name, nameEn: b.nameEn, zone: b.zoneCode, grade: b.grade, specialtyIndustries: b.specialtyIndustries },
        zone: zone ? { code: zone.code, nameZh: zone.nameZh, nameEn: zone.nameEn, focusIndustries: zone.focusIndustries } : null,
        score,
        reasons,
      };
    });
  }

  /** The project, checked for `project.update` (ADMIN, or the OFFICER who owns it). */
  private async projectFor(em: EntityManager, projectId: string, actor: Actor): Promise<Project> {
    const project = await em.getRepository(Project).findOneBy({ id: projectId });
    if (!project) throw DomainError.notFound('Project', projectId);
    assertCan(actor, 'project.update', () => project.ownerId === actor.id);
    return project;
  }

  private async find(em: EntityManager, projectId: string, id: string): Promise<Placement> {
    const placement = await em
      .getRepository(Placement)
      .findOne({ where: { id, projectId }, relations: { unit: { building: true } } });
    if (!placement) throw DomainError.notFound('Placement', id);
    return placement;
  }
}
