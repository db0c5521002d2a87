import { createTestApp, TestApp } from './support/test-app.js';

describe('reference data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the six industries with Chinese names, groups and sub-sectors', async () => {
    const res = await t.admin.api.get('/api/v1/industries').expect(200);
    expect(res.body.map((i: { code: string }) => i.code)).toEqual([
      'FINANCE',
      'TRADE',
      'BUSINESS_SERVICES',
      'SMART_TECH',
      'CULTURE_TOURISM',
      'HEALTH',
    ]);
    const finance = res.body[0];
    expect(finance).toMatchObject({ nameZh: '创新金融', group: 'ESTABLISHED' });
    expect(res.body[3]).toMatchObject({ nameZh: '智能科技', group: 'GROWTH' });
    const leasing = finance.segments.find((s: { nameZh: string }) => s.nameZh === '融资租赁');
    expect(leasing.keywords.length).toBeGreaterThan(0);
  });

  it('lists five zones and three belts with their focus industries', async () => {
    const res = await t.admin.api.get('/api/v1/zones').expect(200);
    expect(res.body.filter((z: { kind: string }) => z.kind === 'ZONE')).toHaveLength(5);
    expect(res.body.filter((z: { kind: string }) => z.kind === 'BELT')).toHaveLength(3);
    const jiefang = res.body.find((z: { code: string }) => z.code === 'JIEFANG_NORTH_ROAD');
    expect(jiefang).toMatchObject({ nameZh: '解放北路金融创新运营示范区', focusIndustries: ['FINANCE'] });
  });

  it('labels every enum in Chinese', async () => {
    const res = await t.admin.api.get('/api/v1/enums').expect(200);
    expect(res.body.ProjectStage.SIGNED.nameZh).toBe('签约');
    expect(res.body.LeadSource.MATCHMAKING_EVENT.nameZh).toBe('京冀对接会');
  });

  it('loads reference data idempotently: a restart neither duplicates nor loses rows', async () => {
    const count = async (table: string): Promise<number> =>
      Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    const tables = ['industries', 'industry_segments', 'zones', 'plans', 'plan_indicators', 'buildings', 'users'];
    const before = await Promise.all(tables.map(count));
    expect(before.every((n) => n > 0)).toBe(true);
    const buildingIds = await t.dataSource.query('SELECT id FROM buildings ORDER BY id');
    await t.stop();
    t = await t.restart();
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(await t.dataSource.query('SELECT id FROM buildings ORDER BY id')).toEqual(buildingIds);
  });

  it('seeds the 14th plan with its seven indicators and the targets of the plan', async () => {
    const rows: { code: string; target: string }[] = await t.dataSource.query(
      "SELECT code, target FROM plan_indicators WHERE plan_code = 'FYP14' ORDER BY sort_order",
    );
    expect(Object.fromEntries(rows.map((r) => [r.code, r.target]))).toMatchObject({
      JINGJI_PROJECTS: '1000',
      JINGJI_INVESTMENT: '20000000000.00',
      JINGJI_FLOOR_AREA: '400000',
      DOMESTIC_CAPITAL: '40000000000.00',
      FOREIGN_CAPITAL: '300000000.00',
    });
    expect(rows).toHaveLength(7);
  });
});
