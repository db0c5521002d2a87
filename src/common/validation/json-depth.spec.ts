import { jsonDepthExceeds } from './json-depth.js';

describe('JSON depth', () => {
  const nested = (n: number): Buffer => Buffer.from(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);

  it('allows 32 levels and refuses 33', () => {
    expect(jsonDepthExceeds(nested(32))).toBe(false);
    expect(jsonDepthExceeds(nested(33))).toBe(true);
    expect(jsonDepthExceeds(Buffer.from(`${'['.repeat(33)}${']'.repeat(33)}`))).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(Buffer.from(JSON.stringify({ name: '{'.repeat(100), note: '\\"[[[[' + '['.repeat(100) })))).toBe(false);
  });

  it('answers a 100,000-deep body at once', () => {
    const started = performance.now();
    expect(jsonDepthExceeds(nested(100_000))).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });
});
