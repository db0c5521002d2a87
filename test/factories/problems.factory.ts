import { districtDate } from '../../src/common/time/district-clock.js';
import type { Client, TestApp, TestUser } from '../support/test-app.js';

type Body = Record<string, unknown>;

/** A fresh department (责任单位) with `contacts` (DEPARTMENT users) as its contacts. */
export async function createDepartment(t: TestApp, contacts: TestUser[] = [], overrides: Body = {}): Promise<Body & { id: string; version: number }> {
  const code = `D_${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  const res = await t.admin.api
    .post('/api/v1/departments')
    .send({ code, nameZh: `测试责任单位${code.slice(2, 6)}`, contactUserIds: contacts.map((c) => c.id), ...overrides });
  if (res.status !== 201) throw new Error(`createDepartment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A department user who is a contact of a fresh department: `{ user, department }`. */
export async function departmentUser(t: TestApp): Promise<{ user: TestUser; department: Body & { id: string } }> {
  const user = await t.newUser('DEPARTMENT');
  return { user, department: await createDepartment(t, [user]) };
}

/** A problem on a project, due today unless `dueDate` says otherwise. */
export async function createProblem(api: Client, projectId: string, departmentId: string, overrides: Body = {}): Promise<Body & { id: string; version: number; status: string }> {
  const res = await api
    .post(`/api/v1/projects/${projectId}/problems`)
    .send({ title: '营业执照变更登记受阻', category: 'APPROVAL', departmentId, dueDate: districtDate(), ...overrides });
  if (res.status !== 201) throw new Error(`createProblem: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
