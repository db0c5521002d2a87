import { districtDate } from '../src/common/time/district-clock.js';
import { createCompany } from './factories/records.factory.js';
import { csv, utf8WithBom } from './support/sheets.js';
import request from 'supertest';
import { type OpenApiDocument, ResponseChecker } from './support/openapi-responses.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * 国家高新技术企业 counted at the as-of date (issue 14, item 7): qualifications carry the date obtained
 * and an expiry (three years by default), and the companies import takes them.
 */
describe('qualifications with dates', () => {
  let t: TestApp;
  let officer: TestUser;
  let leader: TestUser;
  let documented: ResponseChecker;
  /** A response as the OpenAPI document describes it (closed schemas): the problems, none when right. */
  const asDocumented = (method: string, template: string, res: { status: number; body: unknown; headers: Record<string, string> }): string[] =>
    documented.problems(method, template, res);

  const highTech = async (asOf: string) =>
    (await leader.api.get('/api/v1/progress').query({ plan: 'FYP14', asOf }).expect(200)).body.indicators.find(
      (i: { code: string }) => i.code === 'HIGH_TECH_ENTERPRISES',
    );

  beforeAll(async () => {
    t = await createTestApp();
    documented = new ResponseChecker((await request(t.http).get('/docs-json').expect(200)).body as OpenApiDocument);
    officer = await t.newUser('OFFICER');
    leader = await t.newUser('LEADER');
  });
  afterAll(async () => {
    await t.close();
  });

  it('does not count a company recorded today with the HIGH_TECH code for a past date', async () => {
    const c = await createCompany(officer.api, { name: '今日高企', qualifications: ['HIGH_TECH'] });
    expect(c.qualifications).toEqual(['HIGH_TECH']);
    expect((await highTech('2021-06-30')).actual).toBe(0);
    expect((await highTech('2025-12-31')).actual).toBe(0);
    await officer.api.patch(`/api/v1/companies/${c.id}`).send({ version: c.version, qualifications: [] }).expect(200);
  });

  it('counts a company only while it holds the qualification at the as-of date', async () => {
    const a = await createCompany(officer.api, { name: '高企甲', industry: 'SMART_TECH', qualificationRecords: [{ code: 'HIGH_TECH', obtainedOn: '2021-01-15' }] });
    expect(a.qualificationRecords).toEqual([{ code: 'HIGH_TECH', obtainedOn: '2021-01-15', expiresOn: '2024-01-14', held: false }]);
    expect(a.qualifications).toEqual([]);
    const b = await createCompany(officer.api, {
      name: '高企乙',
      industry: 'HEALTH',
      qualificationRecords: [
        { code: 'HIGH_TECH', obtainedOn: '2023-05-10' },
        { code: 'GAZELLE', obtainedOn: '2024-01-01', expiresOn: '2024-12-31' },
      ],
    });
    // Obtained 2023-05-10, held through 2026-05-09: not any more today.
    expect(b.qualifications).toEqual([]);
    // Recorded today without a date: held from today, so not in any past figure.
    await createCompany(officer.api, { name: '高企丙', qualifications: ['HIGH_TECH'] });

    expect((await highTech('2020-12-31')).actual).toBe(0);
    expect((await highTech('2021-06-30')).actual).toBe(1);
    expect((await highTech('2023-12-31')).actual).toBe(2);
    expect((await highTech('2024-06-30')).actual).toBe(1);
    const end = await highTech('2025-12-31');
    expect(end.actual).toBe(1);
    expect(end.byYear).toEqual([
      { year: 2021, value: 1 },
      { year: 2022, value: 1 },
      { year: 2023, value: 2 },
      { year: 2024, value: 1 },
      { year: 2025, value: 1 },
    ]);
    const records = (await leader.api.get('/api/v1/progress/records').query({ indicator: 'HIGH_TECH_ENTERPRISES', asOf: '2023-12-31' }).expect(200)).body.items;
    expect(records.map((r: { name: string; obtainedOn: string; expiresOn: string }) => [r.name, r.obtainedOn, r.expiresOn]).sort()).toEqual([
      ['高企乙', '2023-05-10', '2026-05-09'],
      ['高企甲', '2021-01-15', '2024-01-14'],
    ]);
    const byIndustry = (await leader.api.get('/api/v1/progress/breakdown').query({ indicator: 'HIGH_TECH_ENTERPRISES', by: 'industry', asOf: '2023-12-31' }).expect(200)).body;
    expect(byIndustry.rows.map((r: { key: string; value: number }) => [r.key, r.value]).sort()).toEqual([
      ['HEALTH', 1],
      ['SMART_TECH', 1],
    ]);
  });

  it('changes the figure at once when a company’s qualifications change, and audits it', async () => {
    const c = await createCompany(officer.api, { name: '高企丁', qualificationRecords: [{ code: 'HIGH_TECH', obtainedOn: '2022-03-01' }] });
    const before = (await highTech('2023-12-31')).actual;
    const res = await officer.api.patch(`/api/v1/companies/${c.id}`).send({ version: c.version, qualificationRecords: [] }).expect(200);
    expect(asDocumented('PATCH', '/api/v1/companies/{id}', res)).toEqual([]);
    expect(asDocumented('GET', '/api/v1/companies', await officer.api.get('/api/v1/companies').query({ q: '高企' }))).toEqual([]);
    expect(asDocumented('GET', '/api/v1/progress/records', await leader.api.get('/api/v1/progress/records').query({ indicator: 'HIGH_TECH_ENTERPRISES', asOf: '2023-12-31' }))).toEqual([]);
    expect(res.body.qualificationRecords).toEqual([]);
    expect((await highTech('2023-12-31')).actual).toBe(before - 1);
    const audit = (await t.admin.api.get('/api/v1/audit').query({ entity: 'Company', entityId: c.id }).expect(200)).body.items;
    expect(audit[0].changes.qualificationRecords.before).toEqual([{ code: 'HIGH_TECH', obtainedOn: '2022-03-01', expiresOn: '2025-02-28', held: false }]);
  });

  it('ends a held qualification when a PATCH leaves its code out of `qualifications`', async () => {
    const c = await createCompany(officer.api, { name: '高企戊', qualificationRecords: [{ code: 'HIGH_TECH', obtainedOn: '2025-01-01' }] });
    expect(c.qualifications).toEqual(['HIGH_TECH']);
    const res = await officer.api.patch(`/api/v1/companies/${c.id}`).send({ version: c.version, qualifications: [] }).expect(200);
    expect(res.body.qualifications).toEqual([]);
    const [award] = res.body.qualificationRecords;
    expect(award.obtainedOn).toBe('2025-01-01');
    expect(award.expiresOn < districtDate()).toBe(true);
  });

  it('refuses impossible dates with field details', async () => {
    const tomorrow = districtDate(new Date(Date.now() + 86_400_000));
    const res = await officer.api
      .post('/api/v1/companies')
      .send({
        name: '日期错误企业',
        qualificationRecords: [
          { code: 'HIGH_TECH', obtainedOn: tomorrow },
          { code: 'TECH_SME', obtainedOn: '2024-05-01', expiresOn: '2024-04-01' },
          { code: 'NOBEL', obtainedOn: '2024-05-01' },
          { code: 'LEADER', obtainedOn: '2024-02-30' },
        ],
      })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['qualificationRecords.2.code', 'qualificationRecords.3.obtainedOn']);
    const dates = await officer.api
      .post('/api/v1/companies')
      .send({ name: '日期错误企业', qualificationRecords: [{ code: 'HIGH_TECH', obtainedOn: tomorrow }, { code: 'TECH_SME', obtainedOn: '2024-05-01', expiresOn: '2024-04-01' }] })
      .expect(400);
    expect(dates.body.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['qualificationRecords.0.obtainedOn', 'future'],
      ['qualificationRecords.1.expiresOn', 'beforeObtained'],
    ]);
    expect((await officer.api.get('/api/v1/companies').query({ q: '日期错误企业' }).expect(200)).body.items).toEqual([]);
  });

  it('imports qualifications with their dates from a sheet, and updates them on a second import', async () => {
    const sheet = csv([
      ['企业名称', '企业资质', '资质认定日期', '资质有效期至'],
      ['导入高企甲有限公司', '国家高新技术企业', '2022-11-20', ''],
      ['导入高企乙有限公司', '国家高新技术企业、瞪羚企业', '2021/6/1', '2024年5月31日'],
      ['导入无日期企业有限公司', '雏鹰企业', '', ''],
    ]);
    const res = await officer.api.post('/api/v1/imports/companies').attach('file', utf8WithBom(sheet), 'q.csv').expect(200);
    expect(res.body).toMatchObject({ total: 3, created: 3, failed: 0 });
    const bad = csv([
      ['企业名称', '企业资质', '资质认定日期'],
      ['导入坏日期企业有限公司', '', '2022-01-01'],
    ]);
    const refused = await officer.api.post('/api/v1/imports/companies').attach('file', utf8WithBom(bad), 'bad.csv').expect(200);
    expect(refused.body).toMatchObject({ total: 1, created: 0, failed: 1 });
    expect(refused.body.errors).toEqual([expect.objectContaining({ row: 2, field: 'qualifications' })]);
    const find = async (name: string) => (await officer.api.get('/api/v1/companies').query({ q: name }).expect(200)).body.items[0];
    expect((await find('导入高企甲')).qualificationRecords).toEqual([{ code: 'HIGH_TECH', obtainedOn: '2022-11-20', expiresOn: '2025-11-19', held: false }]);
    expect((await find('导入高企乙')).qualificationRecords).toEqual([
      { code: 'HIGH_TECH', obtainedOn: '2021-06-01', expiresOn: '2024-05-31', held: false },
      { code: 'GAZELLE', obtainedOn: '2021-06-01', expiresOn: '2024-05-31', held: false },
    ]);
    expect((await find('导入无日期')).qualifications).toEqual(['FLEDGLING']);

    // A renewal in a later sheet adds an award; the earlier one stays.
    const renewal = csv([
      ['企业名称', '企业资质', '资质认定日期'],
      ['导入高企乙有限公司', '国家高新技术企业', '2024-06-01'],
    ]);
    const again = await officer.api.post('/api/v1/imports/companies').attach('file', utf8WithBom(renewal), 'q2.csv').expect(200);
    expect(again.body).toMatchObject({ updated: 1, failed: 0 });
    expect((await find('导入高企乙')).qualificationRecords.map((r: { code: string; obtainedOn: string }) => `${r.code}@${r.obtainedOn}`)).toEqual([
      'HIGH_TECH@2021-06-01',
      'HIGH_TECH@2024-06-01',
      'GAZELLE@2021-06-01',
    ]);
    const unchanged = await officer.api.post('/api/v1/imports/companies').attach('file', utf8WithBom(renewal), 'q3.csv').expect(200);
    expect(unchanged.body).toMatchObject({ unchanged: 1, updated: 0 });
  });
});
