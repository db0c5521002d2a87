import type { Client } from '../support/test-app.js';

type Body = Record<string, unknown>;

/** A building in the Haihe belt (FINANCE among its focus industries); `api` must be an admin's. */
export async function createBuilding(api: Client, overrides: Body = {}): Promise<Body & { id: string; version: number }> {
  const res = await api
    .post('/api/v1/buildings')
    .send({ name: `测试大厦${Math.random().toString(36).slice(2, 8)}`, zone: 'HAIHE_BELT', specialtyIndustries: ['FINANCE'], ...overrides });
  if (res.status !== 201) throw new Error(`createBuilding: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

let unitCounter = 0;

/** A VACANT unit of 100 m² on floor 10 with a fresh code, unless overridden. */
export async function createUnit(api: Client, buildingId: string, overrides: Body = {}): Promise<Body & { id: string; version: number; code: string }> {
  const res = await api
    .post(`/api/v1/buildings/${buildingId}/units`)
    .send({ code: `U${++unitCounter}`, floor: 10, area: 100, ...overrides });
  if (res.status !== 201) throw new Error(`createUnit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
