import { changedFields, nextUnitState, UnitState, VACANT_STATE } from './unit-rules.js';

const leased: UnitState = {
  ...VACANT_STATE,
  status: 'LEASED',
  area: 120,
  floor: 12,
  askingRent: 450n,
  tenantCompanyId: 'c1',
  leaseStart: '2024-01-01',
  leaseEnd: '2026-12-31',
};

describe('unit status rules', () => {
  it('clears the tenant and lease dates when a leased unit becomes vacant', () => {
    const { next, problems } = nextUnitState(leased, { status: 'VACANT' });
    expect(problems).toEqual([]);
    expect(next).toMatchObject({ status: 'VACANT', tenantCompanyId: null, leaseStart: null, leaseEnd: null, askingRent: 450n });
    expect(changedFields(leased, next).sort()).toEqual(['leaseEnd', 'leaseStart', 'status', 'tenantCompanyId']);
  });

  it('refuses a tenant or lease dates on a unit that is not leased', () => {
    const { problems } = nextUnitState(VACANT_STATE, { tenantCompanyId: 'c1', leaseEnd: '2025-01-01' });
    expect(problems.map((p) => p.field)).toEqual(['tenantCompanyId', 'leaseEnd']);
  });

  it('keeps a reservation only while the unit is RESERVED', () => {
    const reserved = nextUnitState(VACANT_STATE, { status: 'RESERVED', reservedForProjectId: 'p1' });
    expect(reserved.problems).toEqual([]);
    const leasedAfter = nextUnitState(reserved.next, { status: 'LEASED', tenantCompanyId: 'c1' });
    expect(leasedAfter.next.reservedForProjectId).toBeNull();
    expect(nextUnitState(VACANT_STATE, { reservedForProjectId: 'p1' }).problems[0].field).toBe('reservedForProjectId');
  });

  it('refuses a lease that ends before it starts', () => {
    const { problems } = nextUnitState(leased, { leaseEnd: '2023-12-31' });
    expect(problems).toEqual([{ field: 'leaseEnd', code: 'notBeforeLeaseStart', message: expect.stringMatching(/before leaseStart/) }]);
  });

  it('changes nothing when the change repeats the current state', () => {
    const { next } = nextUnitState(leased, { status: 'LEASED', askingRent: 450n, tenantCompanyId: 'c1' });
    expect(changedFields(leased, next)).toEqual([]);
  });
});
