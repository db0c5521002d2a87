import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createCompany } from './factories/records.factory.js';
import { validUscc } from './factories/uscc.factory.js';
import { districtDate } from '../src/common/time/district-clock.js';
import { addDays } from '../src/modules/buildings/calendar.js';
import { binary, csv, gbk, readXlsx, utf8WithBom, xlsx } from './support/sheets.js';
import type { ImportResult } from '../src/modules/data-exchange/dto/import.dto.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

type ImportReport = ImportResult;

describe('imports', () => {
  let t: TestApp;
  let officer: TestUser;
  let manager: TestUser;
  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const q = t.dataSource.options.type === 'postgres' ? sql.replace(/\?/g, (() => { let n = 0; return () => `$${++n}`; })()) : sql;
    return Number((await t.dataSource.query(q, params))[0].n);
  };
  const upload = (who: TestUser, path: string, file: Buffer, name: string) => who.api.post(path).attach('file', file, name);

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
    manager = await t.newUser('BUILDING_MANAGER');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('companies from a UTF-8 CSV', () => {
    const good1 = validUscc();
    const good2 = validUscc();
    const sheet = (wrongUscc: string) =>
      csv([
        ['企业名称', '统一社会信用代码', '来源地省份', '所属产业', '细分领域', '企业资质', '备注栏'],
        ['导入测试金融科技有限公司', good1, '北京', '创新金融', '金融科技、融资租赁', '国家高新技术企业', '随便写'],
        ['导入测试商贸有限公司', good2, 'HEBEI', 'TRADE', '', '', ''],
        ['', '', '', '', '', '', ''],
        ['导入测试错误企业', wrongUscc, '火星', '采矿业', '', '独角兽', ''],
      ]);

    it('dry-runs a sheet: reports every bad row by Excel row number, field and column, and writes nothing', async () => {
      const wrong = good1.slice(0, 17) + (good1[17] === 'A' ? 'B' : 'A');
      const before = await count('SELECT COUNT(*) AS n FROM companies');
      const res = await upload(officer, '/api/v1/imports/companies?dryRun=true', utf8WithBom(sheet(wrong)), '企业.csv').expect(200);
      const body = res.body as ImportReport;
      expect(body).toMatchObject({ total: 3, created: 0, failed: 1, skipped: 2, encoding: 'utf8', ignoredColumns: ['备注栏'] });
      const fields = body.errors.map((e) => [e.row, e.field, e.column]);
      expect(fields).toEqual(
        expect.arrayContaining([
          [5, 'uscc', '统一社会信用代码'],
          [5, 'originProvince', '来源地省份'],
          [5, 'industry', '所属产业'],
          [5, 'qualifications', '企业资质'],
        ]),
      );
      expect(body.errors.find((e) => e.field === 'uscc')?.message).toContain('check character');
      // Each problem has a stable code and the cell's text, for the page to say it in Chinese.
      const byField = Object.fromEntries(body.errors.map((e) => [e.field, [e.code, e.value]]));
      expect(byField).toMatchObject({
        uscc: ['isUscc', wrong],
        originProvince: ['notInList', '火星'],
        industry: ['notInList', '采矿业'],
        qualifications: ['notInList', '独角兽'],
      });
      expect(await count('SELECT COUNT(*) AS n FROM companies')).toBe(before);
    });

    it('imports the fixed sheet, and re-importing it changes nothing; a changed cell updates the company', async () => {
      const fixed = csv([
        ['企业名称', '统一社会信用代码', '来源地省份', '所属产业', '细分领域', '企业资质'],
        ['导入测试金融科技有限公司', good1, '北京', '创新金融', '金融科技、融资租赁', '国家高新技术企业'],
        ['导入测试商贸有限公司', good2, 'HEBEI', 'TRADE', '', ''],
      ]);
      const first = (await upload(officer, '/api/v1/imports/companies', utf8WithBom(fixed), 'a.csv').expect(200)).body as ImportReport;
      expect(first).toMatchObject({ total: 2, created: 2, updated: 0, failed: 0, errors: [] });
      const found = await officer.api.get(`/api/v1/companies?q=${good1}`).expect(200);
      expect(found.body.items[0]).toMatchObject({
        name: '导入测试金融科技有限公司',
        originProvince: 'BEIJING',
        industry: 'FINANCE',
        segments: ['FINANCE_FINTECH', 'FINANCE_FINANCING_LEASE'],
        qualifications: ['HIGH_TECH'],
        createdById: officer.id,
      });
      const again = (await upload(officer, '/api/v1/imports/companies', utf8WithBom(fixed), 'a.csv').expect(200)).body as ImportReport;
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
      const changed = fixed.replace('导入测试商贸有限公司', '导入测试国际商贸有限公司');
      const third = (await upload(officer, '/api/v1/imports/companies', Buffer.from(changed), 'a.csv').expect(200)).body as ImportReport;
      expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
      expect(await count('SELECT COUNT(*) AS n FROM companies WHERE uscc IN (?, ?)', [good1, good2])).toBe(2);
      const audit = await t.admin.api.get(`/api/v1/audit?entity=Company&action=company.update`).expect(200);
      expect(audit.body.items[0].changes.name).toEqual({ before: '导入测试商贸有限公司', after: '导入测试国际商贸有限公司' });
    });

    it('refuses a second row of the same company in one file, naming the first row', async () => {
      const uscc = validUscc();
      const res = await upload(
        officer,
        '/api/v1/imports/companies?dryRun=true',
        Buffer.from(csv([['name', 'uscc'], ['重复行企业甲', uscc], ['重复行企业乙', uscc]])),
        'dup.csv',
      ).expect(200);
      expect(res.body.errors).toEqual([{ row: 3, field: 'uscc', column: 'uscc', code: 'duplicateInFile', value: uscc, message: expect.stringContaining('row 2') }]);
    });
  });

  it('reads a GBK CSV without BOM, as Chinese Excel saves it, and quoted cells with commas and line breaks', async () => {
    const uscc = validUscc();
    const text = csv([
      ['企业名称', '统一社会信用代码', '来源地城市', '所属产业'],
      ['和平区GBK编码测试（天津）有限公司', uscc, '石家庄市,桥西区', '全民健康'],
      ['"引号"与换行\n测试有限公司', '', '', ''],
    ]);
    const res = await upload(officer, '/api/v1/imports/companies', gbk(text), 'gbk.csv').expect(200);
    expect(res.body).toMatchObject({ encoding: 'gb18030', created: 2, failed: 0 });
    const got = await officer.api.get(`/api/v1/companies?q=${uscc}`).expect(200);
    expect(got.body.items[0]).toMatchObject({ name: '和平区GBK编码测试（天津）有限公司', originCity: '石家庄市,桥西区', industry: 'HEALTH' });
    const quoted = await officer.api.get(`/api/v1/companies?q=${encodeURIComponent('"引号"与换行')}`).expect(200);
    // The cell's line break is read; a company name is one line, so it is stored as a space.
    expect(quoted.body.items[0].name).toBe('"引号"与换行 测试有限公司');
    // Excel's "Unicode text": UTF-16LE with a BOM, tab separated.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('企业名称\t所属产业\r\nUTF16测试有限公司\t国际文旅\r\n', 'utf16le')]);
    const res16 = await upload(officer, '/api/v1/imports/companies', utf16, 'unicode.txt').expect(200);
    expect(res16.body).toMatchObject({ encoding: 'utf16le', created: 1 });
  });

  describe('projects from an .xlsx made with exceljs', () => {
    it('finds the header below a title row and reads dates, 万/亿 units, thousands separators, formulas and labels', async () => {
      const company = await createCompany(officer.api);
      const other = await createCompany(officer.api, { uscc: null, name: `表格导入关联企业${Date.now()}` });
      const file = await xlsx((ws) => {
        ws.addRow(['2025年京冀项目台账']);
        ws.mergeCells('A1:D1');
        ws.addRow(['项目名称', '企业统一社会信用代码', '企业名称', '所属产业', '细分领域', '所属区域', '计划投资额（万元）', '币种', '迁出地', '迁移功能', '是否央企', '洽谈开始日期', '需求面积下限（㎡）', '需求面积上限（㎡）']);
        ws.addRow(['表格项目甲', company.uscc, null, '创新金融', '融资租赁', '解放北路金融创新运营示范区', 1250, '人民币', '北京', '区域总部', '是', new Date(Date.UTC(2024, 4, 1)), '1,200', '2,000']);
        ws.addRow(['表格项目乙', null, other.name, 'SMART_TECH', null, null, { formula: '100*3', result: 300 }, null, null, null, null, 45413, null, null]);
        ws.addRow(['表格项目丙', null, other.name, '智能科技', null, null, '1.5亿', '美元', null, null, null, '2024年5月1日', null, null]);
        ws.addRow(['表格项目丁', null, '不存在的企业', '火星产业', null, null, 'abc', null, '上海', null, null, '2024-02-30', 100, null]);
        ws.addRow(['表格项目戊', null, other.name, '智能科技', null, null, { formula: 'G3*2' }, null, null, null, null, null, null, null]);
      });
      const dry = await upload(officer, '/api/v1/imports/projects?dryRun=true', file, '项目.xlsx').expect(200);
      expect(dry.body).toMatchObject({ total: 5, failed: 2, skipped: 3, created: 0 });
      const byRow = (row: number): string[] => dry.body.errors.filter((e: { row: number }) => e.row === row).map((e: { field: string }) => e.field).sort();
      expect(byRow(6)).toEqual(['areaRequirement.max', 'companyId', 'industry', 'plannedInvestment.amount', 'relocation.originProvince', 'startedAt']);
      expect(byRow(7)).toEqual(['plannedInvestment.amount']);
      expect(dry.body.errors.find((e: { row: number; field: string }) => e.row === 7).message).toContain('formula');
      expect(dry.body.errors.find((e: { row: number; field: string }) => e.row === 6 && e.field === 'plannedInvestment.amount').column).toBe('计划投资额（万元）');
      const row6 = Object.fromEntries(
        dry.body.errors.filter((e: { row: number }) => e.row === 6).map((e: { field: string; column: string; code: string; value: string | null }) => [e.field, [e.column, e.code, e.value]]),
      );
      expect(row6).toEqual({
        companyId: ['企业名称', 'notFound', '不存在的企业'],
        industry: ['所属产业', 'notInList', '火星产业'],
        'plannedInvestment.amount': ['计划投资额（万元）', 'invalidNumber', 'abc'],
        'relocation.originProvince': ['迁出地', 'notInList', '上海'],
        startedAt: ['洽谈开始日期', 'invalidDate', '2024-02-30'],
        'areaRequirement.max': ['需求面积上限（㎡）', 'required', null],
      });
      // A formula Excel never computed has no text to show.
      expect(dry.body.errors.find((e: { row: number }) => e.row === 7)).toMatchObject({ code: 'cellError', value: null });

      const good = await xlsx((ws) => {
        ws.addRow(['项目名称', '企业统一社会信用代码', '企业名称', '所属产业', '细分领域', '所属区域', '计划投资额（万元）', '币种', '迁出地', '迁移功能', '是否央企', '洽谈开始日期', '需求面积下限（㎡）', '需求面积上限（㎡）']);
        ws.addRow(['表格项目甲', company.uscc, null, '创新金融', '融资租赁', '解放北路金融创新运营示范区', 1250, '人民币', '北京', '区域总部', '是', new Date(Date.UTC(2024, 4, 1)), '1,200', '2,000']);
        ws.addRow(['表格项目乙', null, other.name, 'SMART_TECH', null, null, { formula: '100*3', result: 300 }, null, null, null, null, 45413, null, null]);
        ws.addRow(['表格项目丙', null, other.name, '智能科技', null, null, '1.5亿', '美元', null, null, null, '2024年5月1日', null, null]);
      });
      const real = await upload(officer, '/api/v1/imports/projects', good, '项目.xlsx').expect(200);
      expect(real.body).toMatchObject({ total: 3, created: 3, failed: 0 });
      const list = await officer.api.get('/api/v1/projects?q=表格项目&sort=name&limit=10').expect(200);
      const byName = Object.fromEntries(list.body.items.map((p: { name: string }) => [p.name, p]));
      expect(byName['表格项目甲']).toMatchObject({
        companyId: company.id,
        industry: 'FINANCE',
        segments: ['FINANCE_FINANCING_LEASE'],
        zone: 'JIEFANG_NORTH_ROAD',
        plannedInvestment: { amount: '12500000.00', currency: 'CNY' },
        areaRequirement: { min: 1200, max: 2000 },
        relocation: { originProvince: 'BEIJING', function: 'REGIONAL_HQ', centralSoe: true },
        jingji: true,
        stageChangedAt: '2024-05-01',
        ownerId: officer.id,
      });
      expect(byName['表格项目乙']).toMatchObject({ companyId: other.id, plannedInvestment: { amount: '3000000.00', currency: 'CNY' }, stageChangedAt: '2024-05-01' });
      expect(byName['表格项目丙']).toMatchObject({ plannedInvestment: { amount: '150000000.00', currency: 'USD' } });
      const again = await upload(officer, '/api/v1/imports/projects', good, '项目.xlsx').expect(200);
      expect(again.body).toMatchObject({ created: 0, unchanged: 3 });
    });

    it("refuses rows that update another officer's project, as PATCH would", async () => {
      const company = await createCompany(officer.api);
      const file = await xlsx((ws) => {
        ws.addRow(['项目名称', '企业统一社会信用代码', '所属产业']);
        ws.addRow(['他人项目', company.uscc, 'FINANCE']);
      });
      await upload(officer, '/api/v1/imports/projects', file, 'p.xlsx').expect(200);
      const another = await t.newUser('OFFICER');
      const change = await xlsx((ws) => {
        ws.addRow(['项目名称', '企业统一社会信用代码', '所属产业']);
        ws.addRow(['他人项目', company.uscc, 'TRADE']);
      });
      const res = await upload(another, '/api/v1/imports/projects', change, 'p.xlsx').expect(200);
      expect(res.body).toMatchObject({ failed: 1, updated: 0 });
      expect(res.body.errors[0]).toMatchObject({ row: 2, field: 'name', code: 'forbidden', value: '他人项目', message: expect.stringContaining('owner') });
    });
  });

  it('names every problem with a stable code and the cell’s text (at most 100 characters): blank, too long, a service’s rule', async () => {
    const long = `超长企业名称${'很'.repeat(250)}有限公司`;
    const companies = await upload(
      officer,
      '/api/v1/imports/companies?dryRun=true',
      Buffer.from(csv([['企业名称', '统一社会信用代码', '所属产业'], ['', validUscc(), 'FINANCE'], [long, '', 'TRADE']])),
      'c.csv',
    ).expect(200);
    expect(companies.body.errors).toEqual([
      { row: 2, field: 'name', column: '企业名称', code: 'required', value: null, message: expect.any(String) },
      { row: 3, field: 'name', column: '企业名称', code: 'tooLong', value: [...long].slice(0, 100).join(''), message: expect.any(String) },
    ]);

    const company = await createCompany(officer.api);
    const future = addDays(districtDate(), 3);
    const projects = await upload(
      officer,
      '/api/v1/imports/projects?dryRun=true',
      Buffer.from(
        csv([
          ['项目名称', '企业统一社会信用代码', '所属产业', '洽谈开始日期', '需求面积下限（㎡）', '需求面积上限（㎡）'],
          ['未来项目', company.uscc as string, 'FINANCE', future, '', ''],
          ['面积颠倒项目', company.uscc as string, 'FINANCE', '', '500', '100'],
        ]),
      ),
      'p.csv',
    ).expect(200);
    expect(projects.body.errors).toEqual([
      expect.objectContaining({ row: 2, field: 'startedAt', column: '洽谈开始日期', code: 'notAfterToday', value: future }),
      expect.objectContaining({ row: 3, field: 'areaRequirement.max', column: '需求面积上限（㎡）', code: 'areaRange', value: '100' }),
    ]);

    const name = `已转化线索${Date.now()}有限公司`;
    const lead = (await officer.api.post('/api/v1/leads').send({ companyName: name, source: 'FAIR', industry: 'TRADE' }).expect(201)).body;
    await officer.api.post(`/api/v1/leads/${lead.id}/convert`).send({}).expect(201);
    const leads = await upload(officer, '/api/v1/imports/leads', Buffer.from(csv([['企业名称', '线索来源', '联系人'], [name, '展会', '李经理']])), 'l.csv').expect(200);
    expect(leads.body.errors).toEqual([expect.objectContaining({ row: 2, field: 'companyName', column: '企业名称', code: 'leadClosed', value: name })]);
  });

  it('imports leads with English headers, owned by the importer, and updates them by company name', async () => {
    const name = `英文表头线索${Date.now()}有限公司`;
    const file = Buffer.from(csv([['companyName', 'source', 'contact', 'phone', 'email'], [name, 'fair', '王经理', '+86 138-1234-5678', 'wang@example.com']]));
    const res = await upload(officer, '/api/v1/imports/leads', file, 'leads.csv').expect(200);
    expect(res.body).toMatchObject({ created: 1 });
    const lead = (await officer.api.get(`/api/v1/leads?q=${encodeURIComponent(name)}`).expect(200)).body.items[0];
    expect(lead).toMatchObject({ source: 'FAIR', status: 'NEW', contactPhone: '13812345678', ownerId: officer.id });
    const change = Buffer.from(csv([['企业名称', '线索来源', '联系人'], [name, '以商招商', '王经理']]));
    const updated = await upload(officer, '/api/v1/imports/leads', change, 'leads.csv').expect(200);
    expect(updated.body).toMatchObject({ updated: 1 });
    expect((await officer.api.get(`/api/v1/leads/${lead.id}`).expect(200)).body).toMatchObject({ source: 'REFERRAL', contactPhone: '13812345678', version: 2 });
  });

  describe('units', () => {
    it("lets a building manager import the units of their building, refusing rows of another's", async () => {
      const mine = await createBuilding(t.admin.api, { managerIds: [manager.id], name: `导入楼宇${Date.now()}` });
      const theirs = await createBuilding(t.admin.api, { name: `他人楼宇${Date.now()}` });
      const tenant = await createCompany(officer.api);
      await createUnit(t.admin.api, mine.id, { code: '1201', floor: 12, area: 150 });
      const file = Buffer.from(
        csv([
          ['楼宇', '单元号', '楼层', '面积（㎡）', '状态', '报价（元/㎡·天）', '租户统一社会信用代码', '租期开始', '租期结束'],
          [mine.name as string, '1201', '12', '150', '已租', '', tenant.uscc as string, '2024/3/1', '2027/2/28'],
          [mine.name as string, '1202', '12', '88.5㎡', '空置', '4.5', '', '', ''],
          [theirs.name as string, '901', '9', '100', '空置', '', '', '', ''],
        ]),
      );
      const res = await upload(manager, '/api/v1/imports/units', file, 'units.csv').expect(200);
      expect(res.body).toMatchObject({ total: 3, failed: 1, skipped: 2 });
      expect(res.body.errors[0]).toMatchObject({ row: 4, field: 'code' });
      const withoutTheirs = Buffer.from(file.toString('utf8').split('\r\n').slice(0, 3).join('\r\n'));
      const ok = await upload(manager, `/api/v1/imports/units?buildingId=${mine.id}`, withoutTheirs, 'units.csv').expect(200);
      expect(ok.body).toMatchObject({ created: 1, updated: 1, failed: 0 });
      const units = (await manager.api.get(`/api/v1/buildings/${mine.id}/units`).expect(200)).body.items;
      expect(units.map((u: { code: string; status: string; tenantCompanyId: string | null; askingRent: string | null; area: number }) => [u.code, u.status, u.tenantCompanyId, u.askingRent, u.area])).toEqual([
        ['1201', 'LEASED', tenant.id, null, 150],
        ['1202', 'VACANT', null, '4.50', 88.5],
      ]);
      await upload(manager, `/api/v1/imports/units?buildingId=${theirs.id}`, withoutTheirs, 'units.csv').expect(403);
    });
  });

  describe('in the background', () => {
    it('queues a large import as a job whose progress and report the importer polls', async () => {
      const rows = Array.from({ length: 1200 }, (_, i) => [`后台导入测试企业${i}号有限公司`, validUscc()]);
      const queued = await upload(officer, '/api/v1/imports/companies?background=true', Buffer.from(csv([['企业名称', '统一社会信用代码'], ...rows])), 'big.csv').expect(202);
      expect(queued.body).toMatchObject({ kind: 'companies', status: 'QUEUED', fileName: 'big.csv', actorId: officer.id, rowsRead: 0 });
      let job = queued.body;
      for (let i = 0; i < 100 && (job.status === 'QUEUED' || job.status === 'RUNNING'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await officer.api.get(`/api/v1/imports/jobs/${job.id}`).expect(200)).body;
      }
      expect(job).toMatchObject({ status: 'DONE', rowsRead: 1200, result: { total: 1200, created: 1200, failed: 0 } });
      expect(await count('SELECT COUNT(*) AS n FROM companies WHERE name LIKE ?', ['后台导入测试企业%'])).toBe(1200);
      const other = await t.newUser('OFFICER');
      await other.api.get(`/api/v1/imports/jobs/${job.id}`).expect(403);
      await t.admin.api.get(`/api/v1/imports/jobs/${job.id}`).expect(200);
    });

    it('reports a file it cannot read as a FAILED job', async () => {
      const queued = await upload(officer, '/api/v1/imports/companies?background=true', Buffer.from('甲,乙\n1,2'), 'x.csv').expect(202);
      let job = queued.body;
      for (let i = 0; i < 100 && (job.status === 'QUEUED' || job.status === 'RUNNING'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        job = (await officer.api.get(`/api/v1/imports/jobs/${job.id}`).expect(200)).body;
      }
      expect(job).toMatchObject({ status: 'FAILED', result: null, error: expect.stringContaining('no header row') });
    });
  });

  describe('bad files', () => {
    it('answers 400, never 500, for an empty file, a missing file, another file type, an .xls, a broken .xlsx or no header', async () => {
      const cases: [Buffer, string, RegExp][] = [
        [Buffer.alloc(0), 'empty.csv', /empty/],
        [Buffer.from('%PDF-1.7\n\u0000\u0001binary'), 'a.pdf', /neither/],
        [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.xls', /\.xls/],
        [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 'broken.xlsx', /could not be read/],
        [Buffer.from(csv([['甲', '乙'], ['1', '2']])), 'nohead.csv', /no header row/],
        [Buffer.from(csv([['统一社会信用代码', '所属产业'], [validUscc(), 'FINANCE']])), 'noname.csv', /企业名称/],
        [Buffer.from(csv([['企业名称', '统一社会信用代码']])), 'onlyhead.csv', /no data rows/],
      ];
      for (const [file, name, message] of cases) {
        const res = await upload(officer, '/api/v1/imports/companies', file, name);
        expect([name, res.status]).toEqual([name, 400]);
        expect(`${res.body.message} ${JSON.stringify(res.body.details ?? [])}`).toMatch(message);
      }
      const none = await officer.api.post('/api/v1/imports/companies').send({ file: 'x' }).expect(400);
      expect(none.body.details[0].field).toBe('file');
    });

    it('refuses roles that may not create the kind', async () => {
      const leader = await t.newUser('LEADER');
      await upload(leader, '/api/v1/imports/companies', Buffer.from('企业名称\n甲'), 'a.csv').expect(403);
      await upload(officer, '/api/v1/imports/units', Buffer.from('楼宇,单元号\n甲,1'), 'a.csv').expect(403);
    });
  });

  describe('templates', () => {
    it('gives a template per kind with Chinese headers and the allowed values of its enum columns', async () => {
      const res = await officer.api.get('/api/v1/imports/templates/leads.xlsx').buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const rows = await readXlsx(res.body as Buffer);
      expect(rows[0]).toEqual(expect.arrayContaining(['企业名称', '线索来源', '联系电话', '所属产业']));
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      const values = wb.getWorksheet('可选值');
      const sourceColumn = (values?.getRow(1).values as string[]).indexOf('线索来源');
      const listed = values?.getColumn(sourceColumn).values.slice(2);
      expect(listed).toEqual(expect.arrayContaining(['以商招商', '京冀对接会', '展会']));
      await officer.api.get('/api/v1/imports/templates/plans.xlsx').expect(400);
    });

    it('accepts its own template filled in', async () => {
      const res = await officer.api.get('/api/v1/imports/templates/companies.xlsx').buffer(true).parse(binary).expect(200);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      const ws = wb.worksheets[0];
      const headers = (ws.getRow(1).values as string[]).slice(1);
      const row = ws.getRow(2);
      row.getCell(headers.indexOf('企业名称') + 1).value = '模板填写测试有限公司';
      row.getCell(headers.indexOf('所属产业') + 1).value = '国际文旅';
      row.commit();
      const filled = Buffer.from(await wb.xlsx.writeBuffer());
      const imported = await upload(officer, '/api/v1/imports/companies', filled, 'template.xlsx').expect(200);
      expect(imported.body).toMatchObject({ total: 1, created: 1, ignoredColumns: [] });
    });
  });
});
