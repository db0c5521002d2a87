import { validUscc } from './factories/uscc.factory.js';
import { csv } from './support/sheets.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/** Imports with small limits (own file: the app reads its environment once per test file). */
describe('import limits and batches', () => {
  let t: TestApp;
  let officer: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ IMPORT_BATCH_SIZE: '3', IMPORT_MAX_FILE_MB: '1', IMPORT_MAX_ERRORS: '2' });
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes a batch all or nothing: the batch with a bad row is rolled back, the others are imported', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => [`批次测试企业${i + 1}号有限公司`, validUscc()]);
    rows[4][1] = 'NOT-A-CODE';
    const res = await officer.api.post('/api/v1/imports/companies').attach('file', Buffer.from(csv([['企业名称', '统一社会信用代码'], ...rows])), 'b.csv').expect(200);
    // Rows 2–4, 5–7 and 8 in batches of three: the second holds the bad row 6.
    expect(res.body).toMatchObject({ total: 7, created: 4, failed: 1, skipped: 2, batchSize: 3 });
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 6, field: 'uscc' })]);
    const names = (await officer.api.get('/api/v1/companies?q=批次测试企业&sort=name&limit=20').expect(200)).body.items.map((c: { name: string }) => c.name);
    expect(names).toEqual(['批次测试企业1号有限公司', '批次测试企业2号有限公司', '批次测试企业3号有限公司', '批次测试企业7号有限公司']);
  });

  it('lists at most IMPORT_MAX_ERRORS problems and counts the rest', async () => {
    const res = await officer.api
      .post('/api/v1/imports/companies?dryRun=true')
      .attach('file', Buffer.from(csv([['企业名称', '统一社会信用代码'], ['甲', 'x'], ['乙', 'y'], ['丙', 'z']])), 'e.csv')
      .expect(200);
    expect(res.body).toMatchObject({ failed: 3, errorsOmitted: 1 });
    expect(res.body.errors).toHaveLength(2);
  });

  it('answers 413 for a file over IMPORT_MAX_FILE_MB', async () => {
    const big = Buffer.from(`企业名称\n${'大文件测试企业有限公司\n'.repeat(60_000)}`);
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const res = await officer.api.post('/api/v1/imports/companies').attach('file', big, 'big.csv');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
