import type { Client } from '../support/test-app.js';
import { validUscc } from './uscc.factory.js';

type Body = Record<string, unknown>;

export async function createCompany(api: Client, overrides: Body = {}): Promise<Body & { id: string }> {
  const res = await api
    .post('/api/v1/companies')
    .send({ name: `天津测试企业${Math.random().toString(36).slice(2, 8)}有限公司`, uscc: validUscc(), industry: 'FINANCE', ...overrides });
  if (res.status !== 201) throw new Error(`createCompany: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createProject(api: Client, overrides: Body = {}): Promise<Body & { id: string; version: number }> {
  const companyId = overrides.companyId ?? (await createCompany(api)).id;
  const res = await api
    .post('/api/v1/projects')
    .send({ name: '测试招商项目', industry: 'FINANCE', ...overrides, companyId });
  if (res.status !== 201) throw new Error(`createProject: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function moveProject(api: Client, id: string, to: string, extra: Body = {}): Promise<Body> {
  const res = await api.post(`/api/v1/projects/${id}/transitions`).send({ to, ...extra });
  if (res.status !== 200) throw new Error(`moveProject ${to}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createLead(api: Client, overrides: Body = {}): Promise<Body & { id: string }> {
  const res = await api
    .post('/api/v1/leads')
    .send({ companyName: `北京线索企业${Math.random().toString(36).slice(2, 8)}有限公司`, source: 'MATCHMAKING_EVENT', ...overrides });
  if (res.status !== 201) throw new Error(`createLead: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
