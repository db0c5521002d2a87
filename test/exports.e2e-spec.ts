import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createCompany, createLead, createProject, moveProject } from './factories/records.factory.js';
import { binary, readXlsx } from './support/sheets.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

describe('exports', () => {
  let t: TestApp;
  let officer: TestUser;
  const tag = `导出${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  it('exports the filtered company list as .xlsx with Chinese headers, not mistaking export.xlsx for an id', async () => {
    await createCompany(officer.api, { name: `${tag}金融甲有限公司`, industry: 'FINANCE', segments: ['FINANCE_FINTECH'], originProvince: 'BEIJING' });
    await createCompany(officer.api, { name: `${tag}商贸乙有限公司`, industry: 'TRADE' });
    const res = await officer.api.get(`/api/v1/companies/export.xlsx?industry=FINANCE&q=${encodeURIComponent(tag)}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('企业'));
    const rows = await readXlsx(res.body as Buffer);
    expect(rows[0]).toEqual(expect.arrayContaining(['ID', '企业名称', '统一社会信用代码', '来源地省份', '所属产业', '细分领域']));
    const header = rows[0] as string[];
    expect(rows.length).toBe(2);
    expect(rows[1][header.indexOf('企业名称')]).toBe(`${tag}金融甲有限公司`);
    expect(rows[1][header.indexOf('所属产业')]).toBe('创新金融');
    expect(rows[1][header.indexOf('细分领域')]).toBe('金融科技');
    expect(rows[1][header.indexOf('来源地省份')]).toBe('北京市');
    // The id route still refuses a non-UUID with 400, so the export route must have been matched first.
    await officer.api.get('/api/v1/companies/not-an-id').expect(400);
  });

  it('re-imports its own export as unchanged rows', async () => {
    const res = await officer.api.get(`/api/v1/companies/export.xlsx?q=${encodeURIComponent(tag)}`).buffer(true).parse(binary).expect(200);
    const back = await officer.api.post('/api/v1/imports/companies').attach('file', res.body as Buffer, 'export.xlsx').expect(200);
    expect(back.body).toMatchObject({ total: 2, unchanged: 2, created: 0, updated: 0, failed: 0 });
    expect(back.body.ignoredColumns).toEqual(expect.arrayContaining(['创建时间', '已归档']));
  });

  it('exports projects as CSV with a BOM, money in yuan and the list’s filters', async () => {
    const company = await createCompany(officer.api);
    const signed = await createProject(officer.api, { companyId: company.id, name: `${tag}签约项目`, plannedInvestment: { amount: '1250000.5', currency: 'CNY' } });
    await moveProject(officer.api, signed.id, 'SIGNED');
    await createProject(officer.api, { companyId: company.id, name: `${tag}洽谈项目` });
    const res = await officer.api.get(`/api/v1/projects/export.csv?stage=SIGNED&q=${encodeURIComponent(tag)}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = (res.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    const header = lines[0].split(',');
    const cells = lines[1].split(',');
    expect(cells[header.indexOf('项目名称')]).toBe(`${tag}签约项目`);
    expect(cells[header.indexOf('阶段')]).toBe('签约');
    expect(cells[header.indexOf('计划投资额（元）')]).toBe('1250000.50');
    expect(cells[header.indexOf('币种')]).toBe('人民币');
    await officer.api.get('/api/v1/projects/export.csv?stage=FLYING').expect(400);
  });

  it('exports leads and the units of a building', async () => {
    await createLead(officer.api, { companyName: `${tag}线索企业`, source: 'FAIR' });
    const leads = await officer.api.get(`/api/v1/leads/export.csv?q=${encodeURIComponent(tag)}`).buffer(true).parse(binary).expect(200);
    expect((leads.body as Buffer).toString('utf8')).toContain(`${tag}线索企业,展会,新线索`);
    const building = await createBuilding(t.admin.api, { name: `${tag}大厦` });
    await createUnit(t.admin.api, building.id, { code: '0801', floor: 8, area: 120.5, askingRent: '4.5' });
    const units = await officer.api.get(`/api/v1/units/export.xlsx?buildingId=${building.id}`).buffer(true).parse(binary).expect(200);
    const rows = await readXlsx(units.body as Buffer);
    const header = rows[0] as string[];
    expect(rows).toHaveLength(2);
    expect([rows[1][header.indexOf('楼宇')], rows[1][header.indexOf('单元号')], rows[1][header.indexOf('面积（㎡）')], rows[1][header.indexOf('报价（元/㎡·天）')], rows[1][header.indexOf('状态')]]).toEqual([
      `${tag}大厦`,
      '0801',
      120.5,
      4.5,
      '空置',
    ]);
    await officer.api.get('/api/v1/units/export.xlsx?buildingId=00000000-0000-7000-8000-000000000000').expect(404);
  });

  it('streams a long list page by page', async () => {
    const company = await createCompany(officer.api);
    await t.dataSource.transaction(async (em) => {
      const { newId } = await import('../src/common/identity/ids.js');
      for (let i = 0; i < 1200; i++) {
        const params = [newId(), `${tag}批量${i}`, company.id];
        const sql = t.dataSource.options.type === 'postgres'
          ? `INSERT INTO leads (id, company_name, source, status, version) VALUES ($1, $2, 'FAIR', 'NEW', 1)`
          : `INSERT INTO leads (id, company_name, source, status, version) VALUES (?, ?, 'FAIR', 'NEW', 1)`;
        await em.query(sql, params.slice(0, 2));
      }
    });
    const res = await officer.api.get(`/api/v1/leads/export.csv?q=${encodeURIComponent(`${tag}批量`)}`).buffer(true).parse(binary).expect(200);
    expect((res.body as Buffer).toString('utf8').trim().split('\r\n')).toHaveLength(1201);
  });
});
