import { MatchCandidate, MatchProject, rankUnits, scoreUnit } from './unit-matching.js';

const today = '2025-06-01';
const industryNames = new Map([
  ['FINANCE', '创新金融'],
  ['TRADE', '全球商贸'],
  ['CULTURE_TOURISM', '国际文旅'],
  ['BUSINESS_SERVICES', '现代商服'],
]);
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
  it('gives a perfect fit in a finance zone and finance building a high score with reasons in Chinese', () => {
    const { score, reasons } = scoreUnit(project, candidate(), { today, maxRent: 500n, industryNames });
    expect(score).toBe(90); // all but the preferred-zone bonus
    expect(reasons).toEqual([
      '功能区“解放北路金融创新运营示范区”重点发展创新金融',
      '专业特色楼宇（创新金融）',
      '面积 900㎡，符合 800–1000㎡ 的需求',
      '租金 4.50 元/㎡·天，在 5.00 元/㎡·天 的预算内',
      '现可入驻',
    ]);
  });

  it('writes areas as users write them', () => {
    const shipping = { ...project, industry: 'BUSINESS_SERVICES', areaMin: 300, areaMax: 500 };
    const xiaobailou = { code: 'XIAOBAILOU', nameZh: '小白楼国际航运服务业集聚区', focusIndustries: ['BUSINESS_SERVICES', 'FINANCE'] };
    const { reasons } = scoreUnit(shipping, candidate({ unit: { area: 356.8 }, zone: xiaobailou, building: { specialtyIndustries: [] } }), { today, industryNames });
    expect(reasons).toEqual(['功能区“小白楼国际航运服务业集聚区”重点发展现代商服', '面积 356.8㎡，符合 300–500㎡ 的需求', '租金 4.50 元/㎡·天', '现可入驻']);
  });

  it('ranks the industry’s zone and specialty building above a better-sized unit elsewhere', () => {
    const elsewhere = candidate({ unit: { id: 'u2', area: 900 }, building: { name: '印象城', zoneCode: 'GOLDEN_STREET', specialtyIndustries: ['TRADE'] }, zone: goldenStreet });
    const home = candidate({ unit: { id: 'u3', area: 700 } });
    const ranked = rankUnits(project, [elsewhere, home], { today, industryNames }, 10);
    expect(ranked.map((r) => r.candidate.unit.id)).toEqual(['u3', 'u2']);
    expect(ranked[1].reasons[0]).toBe('功能区“金街高品位商业步行街区”重点发展全球商贸、国际文旅，与项目产业（创新金融）不符');
  });

  it('scores area and rent down the further they miss, to nothing past the tolerance', () => {
    const at = (area: number): number => scoreUnit(project, candidate({ unit: { area } }), { today }).score;
    expect(at(900)).toBeGreaterThan(at(700));
    expect(at(700)).toBeGreaterThan(at(500));
    expect(at(300)).toBe(at(100)); // both past the 50% tolerance
    expect(scoreUnit(project, candidate({ unit: { area: 700 } }), { today }).reasons).toContain('面积 700㎡，比需求下限少 13%（需求 800–1000㎡）');
    expect(scoreUnit(project, candidate({ unit: { area: 1200 } }), { today }).reasons).toContain('面积 1200㎡，比需求上限多 20%（需求 800–1000㎡）');
    const rent = (askingRent: bigint): number => scoreUnit(project, candidate({ unit: { askingRent } }), { today, maxRent: 400n }).score;
    expect(rent(400n)).toBeGreaterThan(rent(440n));
    expect(rent(440n)).toBeGreaterThan(rent(600n));
    const over = scoreUnit(project, candidate({ unit: { askingRent: 440n } }), { today, maxRent: 400n }).reasons;
    expect(over).toContain('租金 4.40 元/㎡·天，超出 4.00 元/㎡·天 的预算 10%');
    expect(scoreUnit(project, candidate({ unit: { askingRent: null } }), { today, maxRent: 400n }).reasons).toContain('未标明租金');
  });

  it('prefers units free now over units free later', () => {
    const later = scoreUnit(project, candidate({ unit: { availableFrom: '2025-07-31' } }), { today });
    expect(later.reasons).toContain('2025-07-31 起可入驻（60 天后）');
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
    expect(offered[0].reasons[0]).toBe('已为本项目预留');
  });

  it('scores without a requirement, a zone or a budget, and keeps the score within 0–100', () => {
    const preferring = { ...project, zone: 'JIEFANG_NORTH_ROAD' };
    const best = scoreUnit(preferring, candidate({ unit: { status: 'RESERVED', reservedForProjectId: 'p1' } }), { today, maxRent: 500n });
    expect(best.score).toBe(100);
    expect(best.reasons).toContain('位于项目意向功能区“解放北路金融创新运营示范区”');
    const open = { ...preferring, areaMin: null, areaMax: null };
    const bare = scoreUnit(open, candidate({ zone: null, building: { specialtyIndustries: [], zoneCode: 'X' } }), { today });
    expect(bare.score).toBeGreaterThan(0);
    expect(bare.reasons).toContain('面积 900㎡（项目未提面积需求）');
  });

  it('writes no English in any reason', () => {
    const all = [
      scoreUnit(project, candidate({ unit: { area: 500, availableFrom: '2025-07-01', askingRent: 900n } }), { today, maxRent: 400n, industryNames }),
      scoreUnit(project, candidate({ zone: goldenStreet, building: { zoneCode: 'GOLDEN_STREET' } }), { today, industryNames }),
    ].flatMap((r) => r.reasons);
    for (const reason of all) expect(reason).not.toMatch(/[A-Za-z]{2,}/);
  });
});
