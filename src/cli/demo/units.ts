import { UnitStatusChange } from '../../modules/buildings/unit-status-change.entity.js';
import { Unit } from '../../modules/buildings/unit.entity.js';
import type { Calendar } from './calendar.js';
import type { EntityRow } from './entity-rows.js';
import type { UnitModel } from './space.js';
import type { DemoTables } from './tables.js';

/**
 * The units (space.ts plans them) and one history row each: the status it was recorded with, which
 * the month-end vacancy snapshots rebuild from; a placement's row names its project.
 */
export async function writeUnits(tables: DemoTables, cal: Calendar, units: UnitModel[]): Promise<void> {
  const date = (day: number | null): string | null => (day === null ? null : cal.date(day));
  await tables.write(Unit, units.length, (i): EntityRow<Unit> => {
    const u = units[i];
    const stamp = cal.stamp(u.recordMs);
    return {
      id: u.id,
      buildingId: u.building.id,
      code: u.code,
      floor: u.floor,
      area: u.area100 / 100,
      status: u.status,
      askingRent: u.askingRent === null ? null : BigInt(u.askingRent),
      availableFrom: date(u.availableFrom),
      tenantCompanyId: u.tenantId,
      leaseStart: date(u.leaseStart),
      leaseEnd: date(u.leaseEnd),
      reservedForProjectId: u.reservedFor,
      projectId: u.projectId,
      createdAt: stamp,
      updatedAt: stamp,
      version: 1,
    };
  });
  await tables.write(UnitStatusChange, units.length, (i): EntityRow<UnitStatusChange> => {
    const u = units[i];
    return {
      id: u.historyId,
      unitId: u.id,
      buildingId: u.building.id,
      fromStatus: null,
      toStatus: u.status,
      tenantCompanyId: u.tenantId,
      onDate: cal.date(cal.dayOf(u.recordMs)),
      note: u.note,
      projectId: u.historyProjectId,
      actorId: u.actor,
      createdAt: cal.stamp(u.recordMs),
    };
  });
}
