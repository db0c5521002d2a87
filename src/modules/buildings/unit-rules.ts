import type { FieldIssue } from '../../common/errors/domain-error.js';
import type { UnitStatus } from '../reference/enums.js';

/** The fields of a unit that its status governs. */
export interface UnitState {
  status: UnitStatus;
  area: number;
  floor: number;
  askingRent: bigint | null;
  availableFrom: string | null;
  tenantCompanyId: string | null;
  leaseStart: string | null;
  leaseEnd: string | null;
  reservedForProjectId: string | null;
}

/** A requested change: `undefined` leaves a field as it is, `null` clears it. */
export type UnitChange = Partial<UnitState>;

export const VACANT_STATE: UnitState = {
  status: 'VACANT',
  area: 0,
  floor: 0,
  askingRent: null,
  availableFrom: null,
  tenantCompanyId: null,
  leaseStart: null,
  leaseEnd: null,
  reservedForProjectId: null,
};

/**
 * Applies a change to a unit under the status rules, in one place for the unit form, the vacancy
 * sheet and placements:
 * - a tenant and lease dates belong to a LEASED unit; leaving LEASED clears them unless the change
 *   sets them (which is then an error);
 * - a reservation (the project the unit is held for) belongs to a RESERVED unit, likewise;
 * - a lease does not end before it starts.
 * Problems name the field; the caller prefixes them (`units.3.`) where needed.
 */
export function nextUnitState(current: UnitState, change: UnitChange): { next: UnitState; problems: FieldIssue[] } {
  const status = change.status ?? current.status;
  const keep = <K extends keyof UnitState>(key: K, belongsTo: UnitStatus | null): UnitState[K] => {
    const given = change[key];
    if (given !== undefined) return given as UnitState[K];
    if (belongsTo && status !== belongsTo) return null as UnitState[K];
    return current[key];
  };
  const next: UnitState = {
    status,
    area: change.area ?? current.area,
    floor: change.floor ?? current.floor,
    askingRent: keep('askingRent', null),
    availableFrom: keep('availableFrom', null),
    tenantCompanyId: keep('tenantCompanyId', 'LEASED'),
    leaseStart: keep('leaseStart', 'LEASED'),
    leaseEnd: keep('leaseEnd', 'LEASED'),
    reservedForProjectId: keep('reservedForProjectId', 'RESERVED'),
  };
  const problems: FieldIssue[] = [];
  if (status !== 'LEASED') {
    for (const field of ['tenantCompanyId', 'leaseStart', 'leaseEnd'] as const) {
      if (next[field] !== null) problems.push({ field, code: 'onlyWhenLeased', message: `${field} is kept only for a LEASED unit (status is ${status})` });
    }
  }
  if (status !== 'RESERVED' && next.reservedForProjectId !== null) {
    problems.push({ field: 'reservedForProjectId', code: 'onlyWhenReserved', message: `reservedForProjectId is kept only for a RESERVED unit (status is ${status})` });
  }
  if (next.leaseStart && next.leaseEnd && next.leaseEnd < next.leaseStart) {
    problems.push({ field: 'leaseEnd', code: 'notBeforeLeaseStart', message: `leaseEnd (${next.leaseEnd}) must not be before leaseStart (${next.leaseStart})` });
  }
  return { next, problems };
}

/** The fields that differ between two states. */
export function changedFields(a: UnitState, b: UnitState): (keyof UnitState)[] {
  return (Object.keys(a) as (keyof UnitState)[]).filter((k) => a[k] !== b[k]);
}
