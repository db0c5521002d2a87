import { StatsTally } from './vacancy-stats.js';

describe('vacancy figures', () => {
  it('counts RESERVED as vacant, leaves UNAVAILABLE out of the leasable area and keeps areas exact', () => {
    const stats = new StatsTally()
      .addUnits('VACANT', 2, 10_010) // 0.1 m² steps would drift as floats
      .addUnits('RESERVED', 1, 20_020)
      .addUnits('LEASED', 3, 69_970)
      .addUnits('UNAVAILABLE', 1, 50_000)
      .toStats();
    expect(stats).toMatchObject({
      unitCount: 7,
      leasableArea: 1000,
      vacantArea: 300.3,
      reservedArea: 200.2,
      leasedArea: 699.7,
      vacancyRate: 0.3003,
    });
  });

  it('has no vacancy rate without leasable area', () => {
    expect(new StatsTally().addUnits('UNAVAILABLE', 1, 100).toStats().vacancyRate).toBeNull();
  });

  it('counts a tenant once across buildings when tallies merge into a zone', () => {
    const a = new StatsTally().addTenant('c1', 'FINANCE').addTenant('c2', 'FINANCE').addJingji(12_345);
    const b = new StatsTally().addTenant('c1', 'FINANCE').addTenant('c3', null).addJingji(5);
    const zone = new StatsTally().merge(a).merge(b).toStats();
    expect(zone.tenantCount).toBe(3);
    expect(zone.tenantsByIndustry).toEqual([
      { industry: 'FINANCE', count: 2 },
      { industry: null, count: 1 },
    ]);
    expect(zone.jingjiArea).toBe(123.5);
  });
});
