import ExcelJS from 'exceljs';
import { createCompany, createProject, moveProject } from './factories/records.factory.js';
import { Client, createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * Plan arithmetic on hand-made data. Each test file has its own database, so the figures below are
 * exactly what this file puts in.
 */
describe('plan progress', () => {
  let t: TestApp;
  let officer: TestUser;
  let api: Client;
  let leader: TestUser;
  const ids: Record<string, string> = {};
  const fundingIds: Record<string, string> = {};

  const indicator = async (code: string, asOf: string, who: Client = leader.api) => {
    const res = await who.get('/api/v1/progress').query({ plan: 'FYP14', asOf }).expect(200);
    return res.body.indicators.find((i: { code: string }) => i.code === code);
  };
  const fund = async (project: string, date: string, amount: string, currency = 'CNY'): Promise<string> =>
    (await api.post(`/api/v1/projects/${project}/fundings`).send({ date, amount, currency }).expect(201)).body.id;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
    api = officer.api;
    leader = await t.newUser('LEADER');
    const beijing = { originProvince: 'BEIJING', originCity: '北京市', function: 'HQ' };
    const hebei = { originProvince: 'HEBEI', function: 'BRANCH' };
    // Signed the day before the plan began: does not count for FYP14.
    ids.before = (await createProject(api, { name: '十三五末签约项目', startedAt: '2020-06-01', relocation: beijing })).id;
    await moveProject(api, ids.before, 'SIGNED', { at: '2020-12-31' });
    // Signed on the plan's first day: counts.
    ids.first = (await createProject(api, { name: '十四五首日签约项目', startedAt: '2020-06-01', industry: 'SMART_TECH', zone: 'HAIHE_BELT', relocation: hebei })).id;
    await moveProject(api, ids.first, 'SIGNED', { at: '2021-01-01' });
    // Not from Beijing or Hebei.
    ids.local = (await createProject(api, { name: '本地项目', startedAt: '2021-05-01', industry: 'TRADE' })).id;
    await moveProject(api, ids.local, 'SIGNED', { at: '2022-03-01' });
    fundingIds.a = await fund(ids.first, '2021-03-01', '0.10');
    fundingIds.b = await fund(ids.first, '2022-05-01', '0.20');
    fundingIds.usd = await fund(ids.first, '2023-01-01', '100.00', 'USD');
    fundingIds.local = await fund(ids.local, '2022-06-01', '1000.00');
    fundingIds.old = await fund(ids.before, '2020-12-31', '5.00');
    await createCompany(api, { name: '高新技术企业甲', qualificationRecords: [{ code: 'HIGH_TECH', obtainedOn: '2023-05-10' }] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts a Beijing–Hebei project signed on 2021-01-01 but not one signed on 2020-12-31', async () => {
    const ind = await indicator('JINGJI_PROJECTS', '2025-12-31');
    expect(ind).toMatchObject({ actual: 1, target: 1000, unit: 'PROJECTS', nameZh: '引进京冀项目' });
    expect(ind.byYear).toEqual([
      { year: 2021, value: 1 },
      { year: 2022, value: 0 },
      { year: 2023, value: 0 },
      { year: 2024, value: 0 },
      { year: 2025, value: 0 },
    ]);
  });

  it('sums money exactly, keeps USD apart, and cuts off at asOf', async () => {
    const end = await t.admin.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf: '2025-12-31' }).expect(200);
    const by = Object.fromEntries(end.body.indicators.map((i: { code: string }) => [i.code, i]));
    expect(by.JINGJI_INVESTMENT).toMatchObject({ actual: '0.30', target: '20000000000.00', unit: 'CNY' });
    expect(by.DOMESTIC_CAPITAL.actual).toBe('1000.30');
    expect(by.FOREIGN_CAPITAL).toMatchObject({ actual: '100.00', unit: 'USD', target: '300000000.00' });
    expect(by.HIGH_TECH_ENTERPRISES.actual).toBe(1);

    const early = await indicator('DOMESTIC_CAPITAL', '2021-12-31');
    expect(early.actual).toBe('0.10');
    expect((await indicator('FOREIGN_CAPITAL', '2022-12-31')).actual).toBe('0.00');
    expect((await indicator('JINGJI_PROJECTS', '2020-12-31')).actual).toBe(0);
  });

  it('makes byYear sum to actual for the flows', async () => {
    const res = await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf: '2025-12-31' }).expect(200);
    for (const ind of res.body.indicators.filter((i: { code: string }) => ['JINGJI_INVESTMENT', 'DOMESTIC_CAPITAL', 'FOREIGN_CAPITAL'].includes(i.code))) {
      const cents = ind.byYear.reduce((s: bigint, y: { value: string }) => s + BigInt(y.value.replace('.', '')), 0n);
      expect(cents).toBe(BigInt(ind.actual.replace('.', '')));
    }
    const dom = res.body.indicators.find((i: { code: string }) => i.code === 'DOMESTIC_CAPITAL');
    expect(dom.byYear.slice(0, 2)).toEqual([
      { year: 2021, value: '0.10' },
      { year: 2022, value: '1000.20' },
    ]);
  });

  it('gives expected-by-now linearly, a run-rate forecast and a status', async () => {
    const ind = await indicator('JINGJI_PROJECTS', '2023-07-02');
    expect(ind.expectedByNow).toBe(500);
    expect(ind.forecast).toBe(2);
    expect(ind.status).toBe('BEHIND');
    expect(ind.percent).toBe(0.1);
  });

  it('breaks each figure down so the rows sum to the total', async () => {
    for (const by of ['industry', 'zone', 'origin', 'source', 'owner', 'year']) {
      const res = await leader.api
        .get('/api/v1/progress/breakdown')
        .query({ plan: 'FYP14', indicator: 'DOMESTIC_CAPITAL', by, asOf: '2025-12-31' })
        .expect(200);
      const cents = res.body.rows.reduce((s: bigint, r: { value: string }) => s + BigInt(r.value.replace('.', '')), 0n);
      expect({ by, sum: cents }).toEqual({ by, sum: 100030n });
      expect(res.body.total).toBe('1000.30');
    }
    const industry = await leader.api
      .get('/api/v1/progress/breakdown')
      .query({ plan: 'FYP14', indicator: 'DOMESTIC_CAPITAL', by: 'industry', asOf: '2025-12-31' })
      .expect(200);
    expect(industry.body.rows).toEqual([
      { key: 'TRADE', labelZh: '全球商贸', value: '1000.00' },
      { key: 'SMART_TECH', labelZh: '智能科技', value: '0.30' },
    ]);
    const origin = await leader.api
      .get('/api/v1/progress/breakdown')
      .query({ plan: 'FYP14', indicator: 'JINGJI_PROJECTS', by: 'origin', asOf: '2025-12-31' })
      .expect(200);
    expect(origin.body.rows).toEqual([{ key: 'HEBEI', labelZh: '河北省', value: 1 }]);
    const owner = await leader.api
      .get('/api/v1/progress/breakdown')
      .query({ plan: 'FYP14', indicator: 'JINGJI_INVESTMENT', by: 'owner', asOf: '2025-12-31' })
      .expect(200);
    expect(owner.body.rows).toEqual([{ key: officer.id, labelZh: '测试OFFICER', value: '0.30' }]);
    const bad = await leader.api.get('/api/v1/progress/breakdown').query({ plan: 'FYP14', indicator: 'MARKET_ENTITIES', by: 'zone' }).expect(400);
    expect(bad.body.details[0].field).toBe('by');
    await leader.api.get('/api/v1/progress/breakdown').query({ plan: 'FYP14', indicator: 'JINGJI_PROJECTS', by: 'colour' }).expect(400);
  });

  it('lists the records behind a figure', async () => {
    const res = await leader.api.get('/api/v1/progress/records').query({ plan: 'FYP14', indicator: 'JINGJI_INVESTMENT', asOf: '2025-12-31', limit: 1 }).expect(200);
    expect(res.body.items).toHaveLength(1);
    const next = await leader.api
      .get('/api/v1/progress/records')
      .query({ plan: 'FYP14', indicator: 'JINGJI_INVESTMENT', asOf: '2025-12-31', limit: 1, cursor: res.body.nextCursor })
      .expect(200);
    const amounts = [...res.body.items, ...next.body.items].map((r: { amount: string }) => r.amount).sort();
    expect(amounts).toEqual(['0.10', '0.20']);
    expect(next.body.nextCursor).toBeNull();
    const projects = await leader.api.get('/api/v1/progress/records').query({ indicator: 'JINGJI_PROJECTS', asOf: '2025-12-31' }).expect(200);
    expect(projects.body.items.map((p: { name: string }) => p.name)).toEqual(['十四五首日签约项目']);
  });

  it('shows verified money apart from reported, after an admin verifies with evidence', async () => {
    await api.post(`/api/v1/fundings/${fundingIds.b}/verify`).send({ evidenceRef: '和平商务〔2022〕7号' }).expect(403);
    const res = await t.admin.api.post(`/api/v1/fundings/${fundingIds.b}/verify`).send({ evidenceRef: '和平商务〔2022〕7号' }).expect(200);
    expect(res.body).toMatchObject({ status: 'VERIFIED', verifiedById: t.admin.id, evidenceRef: '和平商务〔2022〕7号' });
    await t.admin.api.post(`/api/v1/fundings/${fundingIds.b}/verify`).send({ evidenceRef: 'again' }).expect(409);
    await t.admin.api.post(`/api/v1/fundings/${fundingIds.a}/verify`).send({}).expect(400);
    const ind = await indicator('JINGJI_INVESTMENT', '2025-12-31');
    expect(ind).toMatchObject({ actual: '0.30', verified: '0.20' });
  });

  it('moves money out of the Beijing–Hebei figures when a project stops being a relocation, and back', async () => {
    const project = (await api.get(`/api/v1/projects/${ids.first}`).expect(200)).body;
    await api.patch(`/api/v1/projects/${ids.first}`).send({ version: project.version, relocation: null }).expect(200);
    expect((await indicator('JINGJI_INVESTMENT', '2025-12-31')).actual).toBe('0.00');
    expect((await indicator('DOMESTIC_CAPITAL', '2025-12-31')).actual).toBe('1000.30');
    await api
      .patch(`/api/v1/projects/${ids.first}`)
      .send({ version: project.version + 1, relocation: { originProvince: 'HEBEI', function: 'BRANCH' } })
      .expect(200);
    expect((await indicator('JINGJI_INVESTMENT', '2025-12-31')).actual).toBe('0.30');
  });

  it('drops an archived project from the figures and restores it on unarchive', async () => {
    await api.post(`/api/v1/projects/${ids.local}/archive`).expect(200);
    expect((await indicator('DOMESTIC_CAPITAL', '2025-12-31')).actual).toBe('0.30');
    await api.post(`/api/v1/projects/${ids.local}/unarchive`).expect(200);
    expect((await indicator('DOMESTIC_CAPITAL', '2025-12-31')).actual).toBe('1000.30');
  });

  it('serves figures that follow every write, also on another instance sharing the database', async () => {
    const other = await t.restart();
    try {
      const read = async (app: TestApp) =>
        (await app.admin.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf: '2025-12-31' }).expect(200)).body.indicators.find(
          (i: { code: string }) => i.code === 'DOMESTIC_CAPITAL',
        ).actual;
      const funnelCount = async (app: TestApp) =>
        (await app.admin.api.get('/api/v1/pipeline/funnel').query({ from: '2021-01-01', to: '2021-12-31' }).expect(200)).body.stages[0].count;
      // Both instances have computed (and kept) the figures.
      expect(await read(other)).toBe('1000.30');
      expect(await read(t)).toBe('1000.30');
      const funnelBefore = await funnelCount(other);
      // Writes on the first instance show on the second at once, and on the first too.
      const extra = (await createProject(api, { name: '缓存验证项目', startedAt: '2021-07-01' })).id;
      expect(await funnelCount(other)).toBe(funnelBefore + 1);
      await moveProject(api, extra, 'SIGNED', { at: '2021-08-01' });
      await fund(extra, '2024-02-29', '0.01');
      expect(await read(other)).toBe('1000.31');
      expect(await read(t)).toBe('1000.31');
      // A refused write changes nothing.
      await api.post(`/api/v1/projects/${extra}/fundings`).send({ date: '2024-02-30', amount: '1.00', currency: 'CNY' }).expect(400);
      expect(await read(other)).toBe('1000.31');
      await api.post(`/api/v1/projects/${extra}/archive`).expect(200);
      expect(await read(other)).toBe('1000.30');
      expect(await funnelCount(other)).toBe(funnelBefore);
    } finally {
      await other.stop();
    }
  });

  it('keeps the maintained daily totals equal to the ledger', async () => {
    const fromTotals = await t.dataSource.query('SELECT currency, SUM(amount) AS s FROM funding_day_totals GROUP BY currency ORDER BY currency');
    const fromLedger = await t.dataSource.query(
      'SELECT f.currency, SUM(f.amount) AS s FROM fundings f JOIN projects p ON p.id = f.project_id WHERE p.archived_at IS NULL GROUP BY f.currency ORDER BY f.currency',
    );
    expect(fromTotals.map((r: { s: unknown }) => String(r.s))).toEqual(fromLedger.map((r: { s: unknown }) => String(r.s)));
  });

  it('takes hand-entered market-entity figures, and only for that indicator', async () => {
    await t.admin.api.post('/api/v1/plans/FYP14/indicators/MARKET_ENTITIES/values').send({ date: '2023-12-31', value: '39000' }).expect(201);
    await t.admin.api.post('/api/v1/plans/FYP14/indicators/MARKET_ENTITIES/values').send({ date: '2024-12-31', value: '41250', note: '年报' }).expect(201);
    const ind = await indicator('MARKET_ENTITIES', '2025-06-30');
    expect(ind).toMatchObject({ actual: 41250, target: 54000, baseline: 36000 });
    expect(ind.byYear).toEqual([
      { year: 2023, value: 39000 },
      { year: 2024, value: 41250 },
    ]);
    expect((await indicator('MARKET_ENTITIES', '2024-06-30')).actual).toBe(39000);
    await t.admin.api.post('/api/v1/plans/FYP14/indicators/DOMESTIC_CAPITAL/values').send({ date: '2024-12-31', value: '1' }).expect(409);
    await t.admin.api.post('/api/v1/plans/FYP14/indicators/MARKET_ENTITIES/values').send({ date: '2024-12-31', value: '-4' }).expect(400);
    await api.post('/api/v1/plans/FYP14/indicators/MARKET_ENTITIES/values').send({ date: '2024-12-31', value: '4' }).expect(403);
  });

  it('lets an admin enter the next plan, with its own period and targets', async () => {
    const body = {
      code: 'FYP15',
      name: '和平区第十五个五年规划',
      startDate: '2026-01-01',
      endDate: '2030-12-31',
      indicators: [
        { code: 'JINGJI_PROJECTS', target: '1200', unit: 'PROJECTS' },
        { code: 'DOMESTIC_CAPITAL', target: '50000000000', unit: 'CNY', milestones: [{ year: 2026, value: '10000000000' }] },
      ],
    };
    await api.post('/api/v1/plans').send(body).expect(403);
    await t.admin.api.post('/api/v1/plans').send(body).expect(201);
    await t.admin.api.post('/api/v1/plans').send(body).expect(409);
    const wrong = await t.admin.api
      .post('/api/v1/plans')
      .send({ ...body, code: 'FYP16', endDate: '2025-01-01', indicators: [{ code: 'FOREIGN_CAPITAL', target: '1', unit: 'CNY' }] })
      .expect(400);
    expect(wrong.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['endDate', 'indicators.0.unit']);
    const plans = await leader.api.get('/api/v1/plans').expect(200);
    expect(plans.body.map((p: { code: string }) => p.code)).toEqual(['FYP14', 'FYP15']);
    const progress = await leader.api.get('/api/v1/progress').query({ plan: 'FYP15', asOf: '2026-06-30' }).expect(200);
    expect(progress.body.indicators.map((i: { code: string }) => i.code)).toEqual(['JINGJI_PROJECTS', 'DOMESTIC_CAPITAL']);
    await leader.api.get('/api/v1/progress').query({ plan: 'FYP99' }).expect(404);
    await leader.api.get('/api/v1/progress').query({ asOf: '2024-02-30' }).expect(400);
  });

  it('shows the pipeline funnel with conversion and median days', async () => {
    const res = await leader.api.get('/api/v1/pipeline/funnel').query({ from: '2020-01-01', to: '2021-12-31' }).expect(200);
    const [negotiating, siteVisit, signed, registered] = res.body.stages;
    expect(negotiating).toMatchObject({ stage: 'NEGOTIATING', count: 3, conversionToNext: 1 });
    expect(siteVisit).toMatchObject({ stage: 'SITE_VISIT', count: 3, medianDays: null });
    expect(signed).toMatchObject({ stage: 'SIGNED', count: 3, conversionToNext: 0 });
    expect(registered.count).toBe(0);
    const narrow = await leader.api.get('/api/v1/pipeline/funnel').query({ from: '2021-01-01', to: '2021-12-31' }).expect(200);
    expect(narrow.body.stages[0].count).toBe(1);
    await leader.api.get('/api/v1/pipeline/funnel').query({ from: '2022-01-01', to: '2021-01-01' }).expect(400);
  });

  it('downloads the same numbers as a workbook with Chinese headers', async () => {
    const res = await leader.api
      .get('/api/v1/reports/progress.xlsx')
      .query({ plan: 'FYP14', asOf: '2025-12-31' })
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    const bytes = res.body as Buffer;
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).slice(0, 8)).toEqual(['指标进度', '精确值', '统计口径', '按产业', '按功能区', '按来源地', '按线索来源', '按负责人']);
    const sheet = wb.getWorksheet('指标进度')!;
    expect(sheet.getRow(3).values).toEqual(expect.arrayContaining(['指标', '目标值', '完成值', '完成率(%)']));
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const domestic = rows.find((r) => r[1] === '内资到位额')!;
    expect(domestic[2]).toBe('亿元');
    expect(domestic[4]).toBe(0.000010003);
    const projects = rows.find((r) => r[1] === '引进京冀项目')!;
    expect(projects[3]).toBe(1000);
    expect(projects[4]).toBe(1);
    const exact = (wb.getWorksheet('精确值')!.getSheetValues().filter(Boolean) as unknown[][]).find((r) => r[1] === '内资到位额')!;
    expect(exact[2]).toBe('元');
    expect(exact[4]).toBe(1000.3);
  });
});
