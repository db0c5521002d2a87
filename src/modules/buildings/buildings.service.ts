import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError, ErrorCode, FieldIssue } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page, likePattern } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { Transactions } from '../../database/transactions.js';
import { updateVersioned } from '../../database/versioned-update.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan, type Action } from '../auth/permissions.js';
import { ReferenceService } from '../reference/reference.service.js';
import { BuildingManager } from '../users/building-manager.entity.js';
import { User } from '../users/user.entity.js';
import { Building } from './building.entity.js';
import { BuildingResponse, CreateBuildingDto, ListBuildingsQuery, UpdateBuildingDto, toBuildingResponse } from './dto/building.dto.js';
import { VacancyService } from './vacancy.service.js';

/** 商务楼宇: the district's office buildings, their zone, specialty industries and managers. */
@Injectable()
export class BuildingsService {
  constructor(
    @InjectRepository(Building) private readonly buildings: Repository<Building>,
    private readonly reference: ReferenceService,
    private readonly vacancy: VacancyService,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreateBuildingDto, actor: Actor): Promise<BuildingResponse> {
    assertCan(actor, 'building.create');
    await this.assertReferences(dto.zone, dto.specialtyIndustries);
    const id = newId();
    await this.tx.run(async (em) => {
      await em.getRepository(Building).insert({
        id,
        code: null,
        name: dto.name,
        nameEn: dto.nameEn ?? null,
        zoneCode: dto.zone,
        address: dto.address ?? null,
        grade: dto.grade ?? null,
        totalArea: dto.totalArea ?? null,
        specialtyIndustries: dto.specialtyIndustries ?? [],
        archivedAt: null,
        vacancyUpdatedAt: null,
      });
      await this.setManagers(em, id, dto.managerIds ?? []);
      await this.audit.record(em, { actor, action: 'building.create', entity: 'Building', entityId: id, before: null, after: await this.view(em, id) });
    });
    return this.get(id);
  }

  async update(id: string, dto: UpdateBuildingDto, actor: Actor): Promise<BuildingResponse> {
    assertCan(actor, 'building.update');
    await this.assertReferences(dto.zone, dto.specialtyIndustries);
    await this.tx.run(async (em) => {
      const before = await this.view(em, id);
      await updateVersioned(em, Building, {
        id,
        version: dto.version,
        label: 'Building',
        set: {
          ...(dto.name !== undefined && { name: dto.name }),
          ...(dto.nameEn !== undefined && { nameEn: dto.nameEn }),
          ...(dto.zone !== undefined && { zoneCode: dto.zone }),
          ...(dto.address !== undefined && { address: dto.address }),
          ...(dto.grade !== undefined && { grade: dto.grade }),
          ...(dto.totalArea !== undefined && { totalArea: dto.totalArea }),
          ...(dto.specialtyIndustries !== undefined && { specialtyIndustries: dto.specialtyIndustries }),
        },
      });
      if (dto.managerIds !== undefined) {
        await em.getRepository(BuildingManager).delete({ buildingId: id });
        await this.setManagers(em, id, dto.managerIds);
      }
      await this.audit.record(em, { actor, action: 'building.update', entity: 'Building', entityId: id, before, after: await this.view(em, id) });
    });
    return this.get(id);
  }

  async get(id: string): Promise<BuildingResponse> {
    const building = await this.find(id);
    const [managers, stats] = await Promise.all([this.managerIds([id]), this.vacancy.statsOf([id])]);
    return toBuildingResponse(building, managers.get(id) ?? [], stats.get(id) ?? this.vacancy.emptyStats());
  }

  async list(query: ListBuildingsQuery, actor: Actor): Promise<Page<BuildingResponse>> {
    const qb = this.buildings.createQueryBuilder('b').where('b.archivedAt IS NULL');
    if (query.zone) qb.andWhere('b.zoneCode = :zone', { zone: query.zone });
    if (query.q) qb.andWhere(`(b.name LIKE :q ESCAPE '\\' OR b.nameEn LIKE :q ESCAPE '\\')`, { q: likePattern(query.q.trim()) });
    if (query.mine) qb.innerJoin(BuildingManager, 'bm', 'bm.buildingId = b.id AND bm.userId = :me', { me: actor.id });
    const page = await keysetPage(qb, { alias: 'b', sort: query.sort, limit: query.limit, cursor: query.cursor, map: (b) => b });
    const ids = page.items.map((b) => b.id);
    const [managers, stats] = await Promise.all([this.managerIds(ids), this.vacancy.statsOf(ids)]);
    return {
      items: page.items.map((b) => toBuildingResponse(b, managers.get(b.id) ?? [], stats.get(b.id) ?? this.vacancy.emptyStats())),
      nextCursor: page.nextCursor,
    };
  }

  /** A building (archived ones too), or 404. */
  async find(id: string, em?: EntityManager): Promise<Building> {
    const building = await (em ? em.getRepository(Building) : this.buildings).findOneBy({ id });
    if (!building) throw DomainError.notFound('Building', id);
    return building;
  }

  /**
   * The check for unit changes: ADMIN always; a BUILDING_MANAGER only on a building assigned to
   * them (403 otherwise).
   */
  async assertManages(em: EntityManager, actor: Actor, buildingId: string, action: Extract<Action, 'unit.create' | 'unit.update'>): Promise<void> {
    const manages =
      actor.role === 'BUILDING_MANAGER' && (await em.getRepository(BuildingManager).existsBy({ buildingId, userId: actor.id }));
    assertCan(actor, action, () => manages);
  }

  /** Records that the building's vacancy was kept current just now (no version bump: a derived field). */
  async touchVacancy(em: EntityManager, buildingId: string): Promise<void> {
    await em
      .createQueryBuilder()
      .update(Building)
      .set({ vacancyUpdatedAt: new Date(), version: () => 'version', updatedAt: () => 'updated_at' })
      .where('id = :id', { id: buildingId })
      .execute();
  }

  private async view(em: EntityManager, id: string): Promise<Omit<BuildingResponse, 'stats'>> {
    const b = await this.find(id, em);
    const managers = await em.getRepository(BuildingManager).find({ where: { buildingId: id } });
    const { stats: _stats, ...rest } = toBuildingResponse(b, managers.map((m) => m.userId).sort(), this.vacancy.emptyStats());
    return rest;
  }

  private async managerIds(buildingIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (buildingIds.length === 0) return out;
    const rows = await this.buildings.manager.getRepository(BuildingManager).find({ where: { buildingId: In(buildingIds) } });
    for (const r of rows) out.set(r.buildingId, [...(out.get(r.buildingId) ?? []), r.userId].sort());
    return out;
  }

  private async setManagers(em: EntityManager, buildingId: string, userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const managers = await em.getRepository(User).find({ where: { id: In(userIds), role: 'BUILDING_MANAGER', active: true }, select: { id: true } });
    const found = new Set(managers.map((m) => m.id));
    const problems: FieldIssue[] = userIds
      .map((userId, n) => ({ userId, n }))
      .filter(({ userId }) => !found.has(userId))
      .map(({ userId, n }) => ({ field: `managerIds.${n}`, code: 'notFound', message: `no active BUILDING_MANAGER with id ${userId}` }));
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', problems);
    await em.getRepository(BuildingManager).insert(userIds.map((userId) => ({ buildingId, userId })));
  }

  private async assertReferences(zone: string | undefined, specialties: string[] | undefined): Promise<void> {
    const problems: FieldIssue[] = [];
    try {
      await this.reference.assertTags({ zone });
    } catch (e) {
      if (e instanceof DomainError && e.details) problems.push(...e.details);
      else throw e;
    }
    const industries = new Set(await this.reference.industryCodes());
    for (const [n, code] of (specialties ?? []).entries()) {
      if (!industries.has(code)) problems.push({ field: `specialtyIndustries.${n}`, code: 'unknownIndustry', message: `unknown industry '${code}'; see GET /api/v1/industries` });
    }
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION, 'Validation failed', problems);
  }
}
