import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD_CODE_ZH, RULE_ZH, toApiError } from './errors';

/** Every .ts file under a folder of the service. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('the Chinese words for API errors', () => {
  const server = sources('src').map((p) => readFileSync(p, 'utf8')).join('\n');

  it('has a sentence for every rule the service can answer a 409 with', () => {
    const rules = new Set<string>();
    for (const m of server.matchAll(/DomainError\.conflict\(\s*(?:[^,'"]*\?\s*)?'([A-Z_]+)'(?:\s*:\s*'([A-Z_]+)')?/g)) {
      rules.add(m[1]);
      if (m[2]) rules.add(m[2]);
    }
    for (const m of server.matchAll(/rule:\s*'([A-Z_]+)'/g)) rules.add(m[1]);
    const transition = /export type TransitionRule =([^;]+);/.exec(server)?.[1] ?? '';
    for (const m of transition.matchAll(/'([A-Z_]+)'/g)) rules.add(m[1]);
    expect(rules.size).toBeGreaterThan(10);
    expect([...rules].filter((r) => !RULE_ZH[r]).sort()).toEqual([]);
  });

  it('has words for every field code the service names', () => {
    const codes = new Set<string>();
    for (const m of server.matchAll(/DomainError\.invalid\([^;]*?,\s*'([a-z][A-Za-z]+)'\)/g)) codes.add(m[1]);
    for (const m of server.matchAll(/\bcode:\s*'([a-z][A-Za-z]+)'/g)) codes.add(m[1]);
    expect([...codes].filter((c) => !FIELD_CODE_ZH[c]).sort()).toEqual([]);
  });

  it('says a stale version, a refused stage and a bad field in Chinese, never the English message', () => {
    expect(toApiError(409, { statusCode: 409, code: 'STALE_VERSION', message: 'Project x was changed by someone else' }).message).toContain('其他人修改');
    expect(toApiError(409, { statusCode: 409, code: 'ILLEGAL_TRANSITION', rule: 'BACKWARD', message: 'BACKWARD: ...' }).message).toBe(RULE_ZH.BACKWARD);
    const bad = toApiError(400, { statusCode: 400, code: 'VALIDATION', details: [{ field: 'uscc', code: 'isUscc', message: 'check character is wrong' }] });
    expect(bad.message).toBe('统一社会信用代码不正确（应为 18 位，且校验位正确）。');
    expect(bad.fields).toEqual({ uscc: FIELD_CODE_ZH.isUscc });
    expect(toApiError(500, null).message).toContain('系统出错');
  });
});
