import { MatchCandidate, MatchProject, rankUnits, scoreUnit } from './unit-matching.js';

const today = '2025-06-01';
const jiefang = { code: 'JIEFANG_NORTH_ROAD', nameZh: '解放北路金融创新运营示范区', focusIndustries: ['FINANCE'] };
const goldenStreet = { code: 'GOLDEN_STREET', nameZh: '金街高品位商业步行街区', focusIndustries: ['TRADE', 'CULTURE_TOURISM'] };
const project: MatchProject = { id: 'p1', industry: 'FINANCE', zone: null, areaMin: 800, areaMax: 1000 };

function candidate(over: { unit?: Partial<MatchCandidate['unit']>; building?: Partial<MatchCandidate['building']>; zone?: MatchCandidate['zone'] } = {}): MatchCandidate {
  return {
    unit: { id: 'u1', area: 900, status: 'VACANT', askingRent: 450n, availableFrom: null, reservedForProjectId: null, ...over.unit },
    building: { name: '中国人寿天津金融中心', zoneCode: 'JIEFANG_NORTH_ROAD', specialtyIndustries: ['FINANCE'], ...over.building },
    zone: over.zone === undefined ? jiefang : over.zone,
  };
}

describe('matching units to a project', () => {
  it('gives a perfect fit in a finance zone and finance building a high score with reasons in words', () => {
    const { score, reasons } = scoreUnit(project, candidate(), { today, maxRent: 500n });
    expect(score).toBe(90); // all but the preferred-zone bonus
    expect(reasons).toEqual([
      'Zone 解放北路金融创新运营示范区 focuses on FINANCE',
      'Building 中国人寿天津金融中心 is a specialty building (专业特色楼宇) for FINANCE',
      'Area 900 m² fits the requirement of 800 m²–1000 m²',
      'Asking rent 4.50 元/㎡·天 is within the budget of 5.00 元/㎡·天',
      'Available now',
    ]);
  });

  it('ranks the industry’s zone and specialty building above a better-sized unit elsewhere', () => {
    const elsewhere = candidate({ unit: { id: 'u2', area: 900 }, building: { name: '印象城', zoneCode: 'GOLDEN_STREET', specialtyIndustries: ['TRADE'] }, zone: goldenStreet });
    const home = candidate({ unit: { id: 'u3', area: 700 } });
    const ranked = rankUnits(project, [elsewhere, home], { today }, 10);
    expect(ranked.map((r) => r.candidate.unit.id)).toEqual(['u3', 'u2']);
    expect(ranked[1].reasons[0]).toBe('Zone 金街高品位商业步行街区 focuses on TRADE, CULTURE_TOURISM, not FINANCE');
  });

  it('scores area and rent down the further they miss, to nothing past the tolerance', () => {
    const at = (area: number): number => scoreUnit(project, candidate({ unit: { area } }), { today }).score;
    expect(at(900)).toBeGreaterThan(at(700));
    expect(at(700)).toBeGreaterThan(at(500));
    expect(at(300)).toBe(at(100)); // both past the 50% tolerance
    const rent = (askingRent: bigint): number => scoreUnit(project, candidate({ unit: { askingRent } }), { today, maxRent: 400n }).score;
    expect(rent(400n)).toBeGreaterThan(rent(440n));
    expect(rent(440n)).toBeGreaterThan(rent(600n));
    const over = scoreUnit(project, candidate({ unit: { askingRent: 440n } }), { today, maxRent: 400n }).reasons;
    expect(over).toContain('Asking rent 4.40 元/㎡·天 is 10% over the budget of 4.00 元/㎡·天');
  });

  it('prefers units free now over units free later', () => {
    const later = scoreUnit(project, candidate({ unit: { availableFrom: '2025-07-31' } }), { today });
    expect(later.reasons).toContain('Available from 2025-07-31 (in 60 days)');
    expect(later.score).toBeLessThan(scoreUnit(project, candidate(), { today }).score);
  });

  it('never offers a leased, unavailable, far-off or someone else’s reserved unit, but offers one reserved for this project first', () => {
    const offered = rankUnits(
      project,
      [
        candidate({ unit: { id: 'leased', status: 'LEASED' } }),
        candidate({ unit: { id: 'unavailable', status: 'UNAVAILABLE' } }),
        candidate({ unit: { id: 'far', availableFrom: '2026-06-01' } }),
        candidate({ unit: { id: 'theirs', status: 'RESERVED', reservedForProjectId: 'p2' } }),
        candidate({ unit: { id: 'ours', status: 'RESERVED', reservedForProjectId: 'p1', area: 750 } }),
        candidate({ unit: { id: 'vacant' } }),
      ],
      { today },
      10,
    );
    expect(offered.map((r) => r.candidate.unit.id)).toEqual(['ours', 'vacant']);
    expect(offered[0].reasons[0]).toBe('Reserved for this project');
  });

  it('scores without a requirement, a zone or a budget, and keeps the score within 0–100', () => {
    const preferring = { ...project, zone: 'JIEFANG_NORTH_ROAD' };
    const best = scoreUnit(preferring, candidate({ unit: { status: 'RESERVED', reservedForProjectId: 'p1' } }), { today, maxRent: 500n });
    expect(best.score).toBe(100);
    const open = { ...preferring, areaMin: null, areaMax: null };
    const bare = scoreUnit(open, candidate({ zone: null, building: { specialtyIndustries: [], zoneCode: 'X' } }), { today });
    expect(bare.score).toBeGreaterThan(0);
    expect(bare.reasons).toContain('Area 900 m²; the project states no area requirement');
  });
});
