import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import type { Actor } from '../../common/auth/actor.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { newId } from '../../common/identity/ids.js';
import { Page } from '../../common/pagination/cursor.js';
import { keysetPage } from '../../common/pagination/keyset.js';
import { districtDate } from '../../common/time/district-clock.js';
import { Transactions } from '../../database/transactions.js';
import { AuditService } from '../audit/audit.service.js';
import { assertCan } from '../auth/permissions.js';
import { ReferenceService } from '../reference/reference.service.js';
import { Building } from './building.entity.js';
import { monthEnd, monthOf, monthsFrom } from './calendar.js';
import {
  SnapshotResult,
  TakeSnapshotsDto,
  VacancyHistoryQuery,
  VacancySnapshotResponse,
  VacancySummary,
  VacancySummaryQuery,
  toSnapshotResponse,
} from './dto/vacancy.dto.js';
import { VacancySnapshot } from './vacancy-snapshot.entity.js';
import { StatsTally, VacancyStats } from './vacancy-stats.js';
import { liveTallies, talliesAsOf } from './vacancy.queries.js';

/** Back-filling more months than this in one call is refused (ten years). */
const MAX_BACKFILL_MONTHS = 120;

/** Vacancy figures: live per building, zone and district, and month-end snapshots for charts. */
@Injectable()
export class VacancyService {
  constructor(
    @InjectRepository(Building) private readonly buildings: Repository<Building>,
    @InjectRepository(VacancySnapshot) private readonly snapshots: Repository<VacancySnapshot>,
    private readonly reference: ReferenceService,
    private readonly tx: Transactions,
    private readonly audit: AuditService,
  ) {}

  emptyStats(): VacancyStats {
    return new StatsTally().toStats();
  }

  /** Today's figures of the given buildings. */
  async statsOf(buildingIds: string[]): Promise<Map<string, VacancyStats>> {
    const out = new Map<string, VacancyStats>();
    if (buildingIds.length === 0) return out;
    const tallies = await liveTallies(this.buildings.manager, { buildingIds });
    for (const [id, tally] of tallies) out.set(id, tally.toStats());
    return out;
  }

  /** Per building, per zone and for the district, as of now. A zone filter narrows buildings and zones, not the district. */
  async summary(query: VacancySummaryQuery): Promise<VacancySummary> {
    if (query.zone) await this.reference.assertTags({ zone: query.zone });
    const em = this.buildings.manager;
    const [tallies, buildings, zones] = await Promise.all([
      liveTallies(em, {}),
      this.buildings.find({ where: { archivedAt: IsNull() }, order: { zoneCode: 'ASC', name: 'ASC' } }),
      this.reference.listZones(),
    ]);
    const district = new StatsTally();
    const byZone = new Map<string, StatsTally>();
    for (const b of buildings) {
      const t = tallies.get(b.id) ?? new StatsTally();
      district.merge(t);
      byZone.set(b.zoneCode, (byZone.get(b.zoneCode) ?? new StatsTally()).merge(t));
    }
    return {
      asOf: districtDate(),
      district: district.toStats(),
      zones: zones
        .filter((z) => !query.zone || z.code === query.zone)
        .map((z) => ({ zone: { code: z.code, nameZh: z.nameZh, nameEn: z.nameEn }, ...(byZone.get(z.code) ?? new StatsTally()).toStats() })),
      buildings: buildings
        .filter((b) => !query.zone || b.zoneCode === query.zone)
        .map((b) => ({
          building: { id: b.id, name: b.name, zone: b.zoneCode },
          vacancyUpdatedAt: b.vacancyUpdatedAt,
          ...(tallies.get(b.id) ?? new StatsTally()).toStats(),
        })),
    };
  }

  /**
   * Takes the snapshot of one month for every building with units by then: the month's last day,
   * or today while the month runs. Idempotent: taking it again overwrites the same rows (one per
   * building and month), so the reminders' monthly job may run it as often as it likes.
   */
  async snapshotMonth(month: string, actor?: Actor): Promise<SnapshotResult> {
    const today = districtDate();
    if (month > monthOf(today)) throw DomainError.invalid('month', `month ${month} has not begun (today is ${today} in the district)`, 'notAfterThisMonth');
    const end = monthEnd(month);
    const asOf = end < today ? end : today;
    return this.tx.run(async (em) => {
      const tallies = await talliesAsOf(em, asOf, {});
      const takenAt = new Date();
      const rows = [...tallies.entries()].map(([buildingId, tally]) => {
        const s = tally.toStats();
        return {
          id: newId(),
          buildingId,
          month,
          asOf,
          unitCount: s.unitCount,
          leasableArea: s.leasableArea,
          vacantArea: s.vacantArea,
          reservedArea: s.reservedArea,
          leasedArea: s.leasedArea,
          jingjiArea: s.jingjiArea,
          tenantCount: s.tenantCount,
          tenantsByIndustry: s.tenantsByIndustry,
          takenAt,
        };
      });
      await this.upsert(em, rows);
      if (actor) {
        await this.audit.record(em, {
          actor,
          action: 'vacancy.snapshot',
          entity: 'VacancySnapshot',
          entityId: month,
          extra: { month: { before: null, after: month }, asOf: { before: null, after: asOf }, buildings: { before: null, after: rows.length } },
        });
      }
      return { month, asOf, buildings: rows.length };
    });
  }

  /** The admin route: one month, or every month from `from` through `month` (back-fill from the history). */
  async takeSnapshots(dto: TakeSnapshotsDto, actor: Actor): Promise<{ months: SnapshotResult[] }> {
    assertCan(actor, 'vacancy.snapshot');
    const months = dto.from ? monthsFrom(dto.from, dto.month) : [dto.month];
    if (months.length === 0) throw DomainError.invalid('from', 'from must not be after month', 'notAfterMonth');
    if (months.length > MAX_BACKFILL_MONTHS) throw DomainError.invalid('from', `at most ${MAX_BACKFILL_MONTHS} months at once`, 'tooManyMonths');
    const results: SnapshotResult[] = [];
    for (const month of months) results.push(await this.snapshotMonth(month, actor));
    return { months: results };
  }

  /** A building's month-end snapshots, newest month first. */
  async history(buildingId: string, query: VacancyHistoryQuery): Promise<Page<VacancySnapshotResponse>> {
    if (!(await this.buildings.existsBy({ id: buildingId }))) throw DomainError.notFound('Building', buildingId);
    const qb = this.snapshots.createQueryBuilder('s').where('s.buildingId = :buildingId', { buildingId });
    if (query.from) qb.andWhere('s.month >= :from', { from: query.from });
    if (query.to) qb.andWhere('s.month <= :to', { to: query.to });
    return keysetPage(qb, { alias: 's', sort: '-name', nameColumn: 'month', limit: query.limit, cursor: query.cursor, map: toSnapshotResponse });
  }

  private async upsert(em: EntityManager, rows: Omit<VacancySnapshot, 'building'>[]): Promise<void> {
    const overwrite = [
      'as_of',
      'unit_count',
      'leasable_area',
      'vacant_area',
      'reserved_area',
      'leased_area',
      'jingji_area',
      'tenant_count',
      'tenants_by_industry',
      'taken_at',
    ];
    for (let i = 0; i < rows.length; i += 200) {
      await em
        .createQueryBuilder()
        .insert()
        .into(VacancySnapshot)
        .values(rows.slice(i, i + 200))
        .orUpdate(overwrite, ['building_id', 'month'])
        .execute();
    }
  }
}
