import { User } from '../../modules/users/user.entity.js';
import { hashPassword } from '../../modules/users/password.js';
import type { Calendar } from './calendar.js';
import type { DemoUsers } from './context.js';
import type { EntityRow } from './entity-rows.js';
import { DEMO_PASSWORD } from './options.js';
import { Rng, uuidV7 } from './random.js';
import type { DemoTables } from './tables.js';
import * as V from './vocabulary.js';

/** officer01…officer10, leader01…02, manager01…03; skips usernames that exist. Ids derive from the username. */
export async function ensureUsers(tables: DemoTables, cal: Calendar): Promise<DemoUsers> {
  const { writer } = tables;
  const wanted: { username: string; displayName: string; role: User['role'] }[] = [
    ...V.OFFICER_NAMES.map((n, i) => ({ username: `officer${String(i + 1).padStart(2, '0')}`, displayName: n, role: 'OFFICER' as const })),
    ...V.LEADER_NAMES.map((n, i) => ({ username: `leader${String(i + 1).padStart(2, '0')}`, displayName: n, role: 'LEADER' as const })),
    ...V.MANAGER_NAMES.map((n, i) => ({ username: `manager${String(i + 1).padStart(2, '0')}`, displayName: n, role: 'BUILDING_MANAGER' as const })),
  ];
  const existing = new Map(
    (await writer.query<{ id: string; username: string }>(`SELECT id, username FROM ${writer.table('users')}`)).map((r) => [r.username, r.id]),
  );
  const missing = wanted.filter((u) => !existing.has(u.username));
  if (missing.length > 0) {
    const hash = await hashPassword(DEMO_PASSWORD);
    const base = Date.UTC(2020, 11, 1, 1, 0, 0);
    const rows: EntityRow<User>[] = [];
    for (const u of missing) {
      const ms = base + wanted.indexOf(u) * 60_000;
      const id = uuidV7(ms, Rng.stream(0, `user:${u.username}`));
      existing.set(u.username, id);
      const stamp = cal.stamp(ms);
      rows.push({ ...u, id, passwordHash: hash, active: true, tokenVersion: 0, mobile: null, createdAt: stamp, updatedAt: stamp, version: 1 });
    }
    await tables.insert(User, rows.length, (i) => rows[i]);
  }
  const idsOf = (role: string): string[] => wanted.filter((u) => u.role === role).map((u) => existing.get(u.username) as string);
  return { officers: idsOf('OFFICER'), leaders: idsOf('LEADER'), managers: idsOf('BUILDING_MANAGER'), created: missing.length };
}
