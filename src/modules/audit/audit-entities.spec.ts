import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_ENTITY_NAMES, auditEntityOf } from './audit-entities.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('audit entity names', () => {
  it('lists every entity an audit row is written with, so GET /audit?entity= can find it', () => {
    const used = new Set<string>();
    for (const file of sources('src')) {
      // `entity: 'Project'` in audit records; `label: 'Lead', key:` in the records a company merge moves.
      for (const m of readFileSync(file, 'utf8').matchAll(/\bentity: '([A-Z][A-Za-z]+)'|\blabel: '([A-Z][A-Za-z]+)', key:/g)) used.add(m[1] ?? m[2]);
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((e) => !AUDIT_ENTITY_NAMES.includes(e));
    expect(missing).toEqual([]);
  });

  it('reads the names the routes use, in any case', () => {
    expect(auditEntityOf('project')).toBe('Project');
    expect(auditEntityOf('Projects')).toBe('Project');
    expect(auditEntityOf('PROJECT')).toBe('Project');
    expect(auditEntityOf('notification-channels')).toBe('NotificationChannel');
    expect(auditEntityOf('notificationchannel')).toBe('NotificationChannel');
    expect(auditEntityOf('companies')).toBe('Company');
    expect(auditEntityOf('projekt')).toBeUndefined();
  });
});
