import { createBuilding, createUnit } from './factories/buildings.factory.js';
import { createProject } from './factories/records.factory.js';
import { createTestApp, TestApp, TestUser } from './support/test-app.js';

/**
 * The vacancy sheet reports every bad row at once (issue 14, item 16); the audit trail is found by the
 * names the API uses (item 17).
 */
describe('vacancy sheet errors and audit names', () => {
  let t: TestApp;
  let manager: TestUser;
  let officer: TestUser;

  beforeAll(async () => {
    t = await createTestApp();
    manager = await t.newUser('BUILDING_MANAGER');
    officer = await t.newUser('OFFICER');
  });
  afterAll(async () => {
    await t.close();
  });

  it('item 16: answers one error per bad row, all of them, in one answer, and applies none', async () => {
    const building = await createBuilding(t.admin.api, { managerIds: [manager.id] });
    await createUnit(t.admin.api, building.id, { code: '101' });
    await createUnit(t.admin.api, building.id, { code: '102' });
    await createUnit(t.admin.api, building.id, { code: '103' });
    const res = await manager.api
      .put(`/api/v1/buildings/${building.id}/vacancy`)
      .send({
        units: [
          { code: '101', status: 'OCCUPIED' },
          { code: '999', status: 'VACANT' },
          { code: '102', status: 'VACANT', tenantCompanyId: '01900000-0000-7000-8000-000000000000' },
          { code: '103', status: 'RESERVED' },
          { code: '998', status: 'SOLD', askingRent: -1 },
          'not a row',
        ],
      })
      .expect(400);
    expect(res.body.details.map((d: { field: string; code: string }) => [d.field, d.code])).toEqual([
      ['units.0.status', 'isIn'],
      ['units.1.code', 'unknownUnit'],
      ['units.2.tenantCompanyId', 'onlyWhenLeased'],
      ['units.4.code', 'unknownUnit'],
      ['units.5', 'isObject'],
    ]);
    // Every problem of a row is in its one message.
    const row4 = res.body.details.find((d: { field: string }) => d.field.startsWith('units.4'));
    expect(row4.message).toMatch(/status/);
    expect(row4.message).toMatch(/askingRent/);
    expect(row4.message).toMatch(/no unit 998/);
    const units = (await manager.api.get(`/api/v1/buildings/${building.id}/units`).expect(200)).body.items;
    expect(units.map((u: { status: string }) => u.status)).toEqual(['VACANT', 'VACANT', 'VACANT']);
    // A good sheet still goes through.
    await manager.api.put(`/api/v1/buildings/${building.id}/vacancy`).send({ units: [{ code: '103', status: 'RESERVED' }] }).expect(200);
  });

  it('item 17: finds audit rows by the names the routes use, in any case, and names the allowed values otherwise', async () => {
    const p = await createProject(officer.api);
    for (const entity of ['project', 'projects', 'PROJECT', 'Project']) {
      const res = await t.admin.api.get('/api/v1/audit').query({ entity, entityId: p.id }).expect(200);
      expect({ entity, actions: res.body.items.map((a: { action: string; entity: string }) => `${a.entity}:${a.action}`) }).toEqual({ entity, actions: ['Project:project.create'] });
    }
    const company = await t.admin.api.get('/api/v1/audit').query({ entity: 'companies', entityId: p.companyId }).expect(200);
    expect(company.body.items.map((a: { action: string }) => a.action)).toEqual(['company.create']);
    const bad = await t.admin.api.get('/api/v1/audit').query({ entity: 'projekt' }).expect(400);
    expect(bad.body.details[0]).toMatchObject({ field: 'entity', code: 'isIn' });
    expect(bad.body.details[0].message).toMatch(/Project.*Company|Company.*Project/);
  });
});
