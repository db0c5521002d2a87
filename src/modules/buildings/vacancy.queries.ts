import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Company } from '../companies/company.entity.js';
import type { UnitStatus } from '../reference/enums.js';
import { Placement } from './placement.entity.js';
import { UnitStatusChange } from './unit-status-change.entity.js';
import { Unit } from './unit.entity.js';
import { StatsTally } from './vacancy-stats.js';

/**
 * The vacancy aggregations, as visible SQL (QueryBuilder, portable between SQLite and PostgreSQL).
 * Areas come back as integer m² × 100 (SUM(ROUND(area * 100))) so sums are exact on both databases.
 * Archived buildings are left out.
 */
export interface Scope {
  buildingIds?: string[];
  zone?: string;
}

interface AreaRow {
  buildingId: string;
  status: UnitStatus;
  units: unknown;
  area100: unknown;
}
interface TenantRow {
  buildingId: string;
  tenantId: string | null;
  industry: string | null;
}
interface JingjiRow {
  buildingId: string;
  area100: unknown;
}

function scoped<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, scope: Scope): SelectQueryBuilder<T> {
  qb.andWhere('b.archivedAt IS NULL');
  if (scope.buildingIds) qb.andWhere('b.id IN (:...scopeIds)', { scopeIds: scope.buildingIds.length ? scope.buildingIds : [''] });
  if (scope.zone) qb.andWhere('b.zoneCode = :scopeZone', { scopeZone: scope.zone });
  return qb;
}

function tallyOf(tallies: Map<string, StatsTally>, buildingId: string): StatsTally {
  let t = tallies.get(buildingId);
  if (!t) tallies.set(buildingId, (t = new StatsTally()));
  return t;
}

/** Area of the active placements of (non-archived) Beijing–Hebei projects per building, at `asOf` or now. */
async function jingjiAreas(em: EntityManager, scope: Scope, asOf?: string): Promise<JingjiRow[]> {
  const qb = em
    .getRepository(Placement)
    .createQueryBuilder('pl')
    .innerJoin('pl.project', 'p')
    .innerJoin('pl.unit', 'u')
    .innerJoin('u.building', 'b')
    .select('u.buildingId', 'buildingId')
    .addSelect('SUM(ROUND(pl.area * 100))', 'area100')
    .where('p.jingji = :jingji', { jingji: true })
    .andWhere('p.archivedAt IS NULL')
    .groupBy('u.buildingId');
  if (asOf) {
    qb.andWhere('pl.startDate <= :asOf AND (pl.endDate IS NULL OR pl.endDate > :asOf)', { asOf });
  } else {
    qb.andWhere('pl.activeUnitId IS NOT NULL');
  }
  return scoped(qb, scope).getRawMany<JingjiRow>();
}

/** Today's figures per building, from the units as they are. */
export async function liveTallies(em: EntityManager, scope: Scope): Promise<Map<string, StatsTally>> {
  const units = () => em.getRepository(Unit).createQueryBuilder('u').innerJoin('u.building', 'b');
  const [areas, tenants, jingji] = await Promise.all([
    scoped(units(), scope)
      .select('u.buildingId', 'buildingId')
      .addSelect('u.status', 'status')
      .addSelect('COUNT(*)', 'units')
      .addSelect('SUM(ROUND(u.area * 100))', 'area100')
      .groupBy('u.buildingId')
      .addGroupBy('u.status')
      .getRawMany<AreaRow>(),
    scoped(units().leftJoin('u.tenant', 'c'), scope)
      .select('u.buildingId', 'buildingId')
      .addSelect('u.tenantCompanyId', 'tenantId')
      .addSelect('c.industryCode', 'industry')
      .distinct(true)
      .andWhere('u.status = :leased', { leased: 'LEASED' })
      .andWhere('u.tenantCompanyId IS NOT NULL')
      .getRawMany<TenantRow>(),
    jingjiAreas(em, scope),
  ]);
  const tallies = new Map<string, StatsTally>();
  for (const r of areas) tallyOf(tallies, r.buildingId).addUnits(r.status, Number(r.units), Number(r.area100));
  for (const r of tenants) if (r.tenantId) tallyOf(tallies, r.buildingId).addTenant(r.tenantId, r.industry);
  for (const r of jingji) tallyOf(tallies, r.buildingId).addJingji(Number(r.area100));
  return tallies;
}

/**
 * The figures per building at the end of `asOf`, rebuilt from the status history: each unit as its
 * latest change on or before that day left it (units created later are not counted). Areas are the
 * units' current areas.
 */
export async function talliesAsOf(em: EntityManager, asOf: string, scope: Scope): Promise<Map<string, StatsTally>> {
  const latest = scoped(
    em
      .getRepository(UnitStatusChange)
      .createQueryBuilder('h')
      .innerJoin(
        (sub) =>
          sub
            .select('x.unitId', 'unit_id')
            .addSelect('MAX(x.id)', 'last_id')
            .from(UnitStatusChange, 'x')
            .where('x.onDate <= :asOf')
            .groupBy('x.unitId'),
        'l',
        'l.last_id = h.id',
      )
      .innerJoin('h.unit', 'u')
      .innerJoin('h.building', 'b')
      .leftJoin(Company, 'c', 'c.id = h.tenantCompanyId'),
    scope,
  )
    .select('h.buildingId', 'buildingId')
    .addSelect('h.toStatus', 'status')
    .addSelect('h.tenantCompanyId', 'tenantId')
    .addSelect('c.industryCode', 'industry')
    .addSelect('ROUND(u.area * 100)', 'area100')
    .setParameter('asOf', asOf);
  const [rows, jingji] = await Promise.all([
    latest.getRawMany<{ buildingId: string; status: UnitStatus; tenantId: string | null; industry: string | null; area100: unknown }>(),
    jingjiAreas(em, scope, asOf),
  ]);
  const tallies = new Map<string, StatsTally>();
  for (const r of rows) {
    const t = tallyOf(tallies, r.buildingId).addUnits(r.status, 1, Number(r.area100));
    if (r.status === 'LEASED' && r.tenantId) t.addTenant(r.tenantId, r.industry);
  }
  for (const r of jingji) tallyOf(tallies, r.buildingId).addJingji(Number(r.area100));
  return tallies;
}
