import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager, IsNull } from 'typeorm';
import type { Actor } from '../../../common/auth/actor.js';
import { DomainError, ErrorCode } from '../../../common/errors/domain-error.js';
import { UUID_PATTERN } from '../../../common/identity/ids.js';
import { parseMinorUnits } from '../../../common/money/money.js';
import { roleMay } from '../../auth/permissions.js';
import { Building } from '../../buildings/building.entity.js';
import { BuildingsService } from '../../buildings/buildings.service.js';
import { CreateUnitDto } from '../../buildings/dto/unit.dto.js';
import { Unit } from '../../buildings/unit.entity.js';
import { UnitsService } from '../../buildings/units.service.js';
import { Company } from '../../companies/company.entity.js';
import { UNIT_STATUSES } from '../../reference/enums.js';
import { UNIT_COLUMNS } from '../sheets/units.sheet.js';
import { enumChoices } from '../sheets/reference-choices.js';
import { defined, ImportOptions, ImportRow, ImportSession, Importer, KeyRegistry, RowOutcome, validatedRow } from './importer.js';

const statuses = enumChoices(UNIT_STATUSES);
const AREA_SUFFIXES = ['㎡', '平方米', '平米', 'm²', 'm2'];

/**
 * Units (楼宇单元) from a sheet: the admin's for any building, a building manager's for the buildings
 * assigned to them (a row of another building is refused, as PATCH /units/:id would be). The natural
 * key is the building with the unit code: a row updates that unit under the unit rules (status,
 * tenant, lease dates) or creates it. With ?buildingId= every row belongs to that building.
 */
@Injectable()
export class UnitsImporter implements Importer {
  readonly kind = 'units' as const;
  readonly title = '楼宇单元';
  readonly columns = UNIT_COLUMNS;
  readonly keyField = 'code';

  constructor(
    private readonly units: UnitsService,
    private readonly buildings: BuildingsService,
    @InjectEntityManager() private readonly em: EntityManager,
  ) {}

  async begin(actor: Actor, options: ImportOptions): Promise<ImportSession> {
    if (!roleMay(actor.role, 'unit.create')) throw new DomainError(ErrorCode.FORBIDDEN, `Role ${actor.role} may not unit.create`);
    const fixed = options.buildingId;
    if (fixed) {
      await this.buildings.find(fixed);
      await this.buildings.assertManages(this.em, actor, fixed, 'unit.create');
    }
    const keys = new KeyRegistry();
    const byName = new Map<string, Building | null>();
    return {
      importRow: async (em: EntityManager, row: ImportRow): Promise<RowOutcome> => {
        const building = await this.buildingOf(em, row, fixed, byName);
        const status = row.choice('status', 'status', statuses);
        const body = defined({
          code: row.text('code'),
          floor: row.number('floor', 'floor', { places: 0, suffixes: ['层', 'F', 'f', '楼'] }),
          area: row.number('area', 'area', { suffixes: AREA_SUFFIXES }),
          status,
          askingRent: row.decimal('askingRent', 'askingRent', { suffixes: ['/㎡·天', '/平方米/天', '/m²/天'] }),
          availableFrom: row.date('availableFrom'),
          tenantCompanyId: await this.tenantOf(em, row),
          leaseStart: row.date('leaseStart'),
          leaseEnd: row.date('leaseEnd'),
          note: row.text('note'),
        });
        const dto = await validatedRow(CreateUnitDto, body, row);
        if (!building) throw new Error('unreachable: a row without a building was rejected above');
        keys.claim(`${building.id}:${dto.code}`, row.row, 'code', `building and unit code`);
        const existing = await em.getRepository(Unit).findOneBy({ buildingId: building.id, code: dto.code });
        if (!existing) {
          await this.units.createIn(em, building.id, dto, actor);
          return 'created';
        }
        const rent = dto.askingRent === undefined ? undefined : parseMinorUnits(dto.askingRent);
        const same =
          (dto.status === undefined || dto.status === existing.status) &&
          dto.floor === existing.floor &&
          dto.area === existing.area &&
          (rent === undefined || rent === existing.askingRent) &&
          (dto.availableFrom === undefined || dto.availableFrom === existing.availableFrom) &&
          (dto.tenantCompanyId === undefined || dto.tenantCompanyId === existing.tenantCompanyId) &&
          (dto.leaseStart === undefined || dto.leaseStart === existing.leaseStart) &&
          (dto.leaseEnd === undefined || dto.leaseEnd === existing.leaseEnd);
        if (same) return 'unchanged';
        const { code: _code, reservedForProjectId: _reserved, ...change } = dto;
        await this.units.updateIn(em, existing.id, { ...change, version: existing.version }, actor);
        return 'updated';
      },
    };
  }

  /** The row's building: the one of the import, or by id, code or a name only one live building has. */
  private async buildingOf(em: EntityManager, row: ImportRow, fixed: string | undefined, cache: Map<string, Building | null>): Promise<Building | undefined> {
    const text = row.text('building', 'buildingId');
    const repo = em.getRepository(Building);
    if (fixed) {
      const b = await repo.findOneByOrFail({ id: fixed });
      if (text && text !== b.id && text !== b.name && text !== b.code) {
        row.issues.push({ field: 'buildingId', code: 'notInBuilding', message: `the import is for building ${b.name}, not ${text}` });
      }
      return b;
    }
    if (!text) {
      row.issues.push({ field: 'buildingId', code: 'required', message: 'give the building (name or id), or import with ?buildingId=' });
      return undefined;
    }
    if (!cache.has(text)) {
      let found: Building[];
      if (UUID_PATTERN.test(text.toLowerCase())) found = await repo.find({ where: { id: text.toLowerCase() }, take: 2 });
      else {
        found = await repo.find({ where: { code: text, archivedAt: IsNull() }, take: 2 });
        if (found.length === 0) found = await repo.find({ where: { name: text, archivedAt: IsNull() }, take: 2 });
      }
      cache.set(text, found.length === 1 ? found[0] : null);
      if (found.length > 1) {
        row.issues.push({ field: 'buildingId', code: 'ambiguous', message: `several buildings are named ${text}; give the building's id` });
        return undefined;
      }
    }
    const b = cache.get(text);
    if (!b) row.issues.push({ field: 'buildingId', code: 'notFound', message: `no building ${text}` });
    return b ?? undefined;
  }

  /** The tenant company: by USCC, else by a name only one live company has. */
  private async tenantOf(em: EntityManager, row: ImportRow): Promise<string | undefined> {
    const uscc = row.text('tenantUscc', 'tenantCompanyId')?.toUpperCase();
    const name = row.text('tenantName', 'tenantCompanyId');
    const repo = em.getRepository(Company);
    if (uscc) {
      const c = await repo.findOne({ where: { uscc, archivedAt: IsNull() }, select: { id: true } });
      if (c) return c.id;
      row.issues.push({ field: 'tenantCompanyId', code: 'notFound', message: `no company with USCC ${uscc}` });
      return undefined;
    }
    if (!name) return undefined;
    const found = await repo.find({ where: { name, archivedAt: IsNull() }, select: { id: true }, take: 2 });
    if (found.length === 1) return found[0].id;
    row.issues.push({
      field: 'tenantCompanyId',
      code: found.length === 0 ? 'notFound' : 'ambiguous',
      message: found.length === 0 ? `no company named ${name}` : `several companies are named ${name}; give the USCC`,
    });
    return undefined;
  }
}
