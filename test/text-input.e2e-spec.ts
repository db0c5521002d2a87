import { createBuilding } from './factories/buildings.factory.js';
import { createCompany, createLead, createProject } from './factories/records.factory.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

interface Detail {
  field: string;
  code?: string;
}

/** The detail of a 400 for `field`. */
const detailOf = (body: { details?: Detail[] }, field: string): Detail | undefined => body.details?.find((d) => d.field === field);

describe('text input: NUL and control characters, invisible characters, normal forms', () => {
  let t: TestApp;
  let officer: TestUser;
  const tag = Date.now().toString(36).replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]);

  beforeAll(async () => {
    t = await createTestApp();
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('a NUL byte is refused with 400 naming the field, never a 500 or a match-all', () => {
    it('in text query parameters of lists', async () => {
      await createCompany(officer.api, { name: `${tag}空字节测试有限公司` });
      for (const [path, field] of [
        ['/api/v1/companies?q=%00', 'q'],
        ['/api/v1/companies?q=abc%00def', 'q'],
        ['/api/v1/companies?industry=%00', 'industry'],
        ['/api/v1/projects?q=%00', 'q'],
        ['/api/v1/projects?zone=%00', 'zone'],
        ['/api/v1/leads?q=%00', 'q'],
        ['/api/v1/buildings?q=%00', 'q'],
        ['/api/v1/buildings?zone=%00', 'zone'],
        ['/api/v1/audit?entity=%00', 'entity'],
        ['/api/v1/audit?action=x%00', 'action'],
      ] as const) {
        const res = await t.admin.api.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 400 });
        expect(res.body).toMatchObject({ code: 'VALIDATION' });
        expect(detailOf(res.body, field)).toMatchObject({ code: 'noControlCharacters' });
      }
    });

    it('in body fields, nested ones and arrays included, and nothing is written', async () => {
      const before = (await t.admin.api.get('/api/v1/companies?limit=200').expect(200)).body.items.length;
      const name = await officer.api.post('/api/v1/companies').send({ name: `和平\u0000科技${tag}` }).expect(400);
      expect(detailOf(name.body, 'name')).toMatchObject({ code: 'noControlCharacters' });
      const segments = await officer.api.post('/api/v1/companies').send({ name: `和平科技${tag}`, segments: ['BANKING\u0000'] }).expect(400);
      expect(detailOf(segments.body, 'segments.0')).toMatchObject({ code: 'noControlCharacters' });
      const company = await createCompany(officer.api);
      const nested = await officer.api
        .post('/api/v1/projects')
        .send({ name: '迁入项目', companyId: company.id, industry: 'FINANCE', relocation: { originProvince: 'BEIJING', originCity: '北京\u0000', function: 'HQ' } })
        .expect(400);
      expect(detailOf(nested.body, 'relocation.originCity')).toMatchObject({ code: 'noControlCharacters' });
      const notes = await officer.api.post('/api/v1/leads').send({ companyName: `线索${tag}`, source: 'FAIR', notes: '第一行\u0000' }).expect(400);
      expect(detailOf(notes.body, 'notes')).toMatchObject({ code: 'noControlCharacters' });
      const login = await officer.api.post('/api/v1/auth/login').send({ username: 'admin\u0000', password: 'x' }).expect(400);
      expect(detailOf(login.body, 'username')).toMatchObject({ code: 'noControlCharacters' });
      const after = (await t.admin.api.get('/api/v1/companies?limit=200').expect(200)).body.items.length;
      expect(after).toBe(before + 1);
    });

    it('in route parameters', async () => {
      const res = await t.admin.api.get('/api/v1/companies/%00').expect(400);
      expect(res.body.details?.[0]?.field).toBe('id');
    });
  });

  describe('names are normalised in one place: controls refused, invisible characters dropped, width folded', () => {
    it('refuses control characters in names and accepts tabs and newlines only as spaces', async () => {
      const bell = await officer.api.post('/api/v1/companies').send({ name: `和平\u0007科技${tag}` }).expect(400);
      expect(detailOf(bell.body, 'name')).toMatchObject({ code: 'noControlCharacters' });
      const c1 = await officer.api.post('/api/v1/companies').send({ name: `和平\u009b科技${tag}` }).expect(400);
      expect(detailOf(c1.body, 'name')).toMatchObject({ code: 'noControlCharacters' });
      const spaced = await officer.api.post('/api/v1/companies').send({ name: ` 和平\t金融\n科技  ${tag}　有限公司 ` }).expect(201);
      expect(spaced.body.name).toBe(`和平 金融 科技 ${tag} 有限公司`);
    });

    it('refuses names of zero-width characters only, as it refuses blanks', async () => {
      for (const name of ['\u200B\u200B', '\u200B \u200C', '\u202E', '\uFEFF', '   ', '\u3000']) {
        const res = await officer.api.post('/api/v1/companies').send({ name });
        expect({ name: JSON.stringify(name), status: res.status }).toEqual({ name: JSON.stringify(name), status: 400 });
        expect(detailOf(res.body, 'name')).toMatchObject({ code: 'isNotBlank' });
      }
      const building = await t.admin.api.post('/api/v1/buildings').send({ name: '\u200B\u200D', zone: 'JIEFANG_NORTH' }).expect(400);
      expect(detailOf(building.body, 'name')).toMatchObject({ code: 'isNotBlank' });
      const user = await t.admin.api.post('/api/v1/users').send({ username: 'blank.name', password: 'harbour-lantern-pine-47', displayName: '\u2060\u2060', role: 'OFFICER' }).expect(400);
      expect(detailOf(user.body, 'displayName')).toMatchObject({ code: 'isNotBlank' });
    });

    it('drops bidi overrides and zero-width characters from names, so they cannot hide a duplicate', async () => {
      const first = await officer.api.post('/api/v1/companies').send({ name: `北京${tag}数据科技有限公司` }).expect(201);
      const hidden = await officer.api.post('/api/v1/companies').send({ name: `${tag}数\u200B据\u200D科\u202E技有限公司` }).expect(201);
      expect(hidden.body.name).toBe(`${tag}数据科技有限公司`);
      expect(hidden.body.warnings).toEqual([expect.objectContaining({ code: 'LIKELY_DUPLICATE', companyId: first.body.id, score: 1 })]);
      const found = await officer.api.get('/api/v1/companies').query({ q: `${tag}数\u200B据` }).expect(200);
      expect(found.body.items.map((c: { id: string }) => c.id).sort()).toEqual([first.body.id, hidden.body.id].sort());
    });

    it('clears the stale name keys of companies stored with invisible characters, so old rows are found as duplicates too', async () => {
      // A row from before the normalisation: its name and its key still hold a zero-width space.
      const old = await createCompany(officer.api, { name: `${tag}暂存文化传媒有限公司`, uscc: null });
      await t.dataSource
        .createQueryBuilder()
        .update('companies')
        .set({ name: `${tag}旧\u200B档案馆藏有限公司`, nameKey: `${tag}旧\u200B档案馆藏` })
        .where('id = :id', { id: old.id })
        .execute();
      const { NameKeysInvisible1764712000000 } = await import('../src/database/migrations/1764712000000-name-keys-invisible.js');
      const runner = t.dataSource.createQueryRunner();
      try {
        await new NameKeysInvisible1764712000000().up(runner);
      } finally {
        await runner.release();
      }
      const dup = await officer.api.post('/api/v1/companies').send({ name: `天津${tag}旧档案馆藏有限公司` }).expect(201);
      expect(dup.body.warnings).toEqual([expect.objectContaining({ code: 'LIKELY_DUPLICATE', companyId: old.id, score: 1 })]);
    });

    it('folds full-width letters and digits in names but keeps full-width brackets, as registered names use them', async () => {
      const res = await officer.api.post('/api/v1/companies').send({ name: `ＡＢＣ１２３${tag}（天津）科技有限公司` }).expect(201);
      expect(res.body.name).toBe(`ABC123${tag}（天津）科技有限公司`);
      const project = await createProject(officer.api, { name: `\u202E${tag}一期：Ｂ座` });
      expect(project.name).toBe(`${tag}一期：B座`);
    });

    it('keeps line breaks and tabs in free text, drops invisible characters there and refuses other controls', async () => {
      const lead = await createLead(officer.api, { notes: '第一行\r\n第二行\t缩进\u200B，面积１００㎡' });
      expect(lead.notes).toBe('第一行\n第二行\t缩进，面积１００㎡');
      const bell = await officer.api.post('/api/v1/leads').send({ companyName: `线索${tag}`, source: 'FAIR', notes: '响铃\u0007' }).expect(400);
      expect(detailOf(bell.body, 'notes')).toMatchObject({ code: 'noControlCharacters' });
      const building = await createBuilding(t.admin.api);
      const unit = await t.admin.api
        .post(`/api/v1/buildings/${building.id}/units`)
        .send({ code: '１２０５\u200B', floor: 12, area: 100, note: '首次\n登记' })
        .expect(201);
      expect(unit.body.code).toBe('1205');
    });
  });
});
