import { UUID_PATTERN } from '../../common/identity/ids.js';
import { Rng, spread, uuidV7 } from './random.js';

describe('demo randomness', () => {
  it('repeats its sequence for the same seed and stream, and differs between streams', () => {
    const a = Rng.stream(42, 'projects');
    const b = Rng.stream(42, 'projects');
    const c = Rng.stream(42, 'fundings');
    const take = (r: Rng): number[] => Array.from({ length: 5 }, () => r.u32());
    const first = take(a);
    expect(take(b)).toEqual(first);
    expect(take(c)).not.toEqual(first);
  });

  it('makes version-7 UUIDs that carry the instant and sort by it', () => {
    const rng = new Rng(1);
    const ms = Date.UTC(2024, 4, 6, 1, 2, 3, 456);
    const id = uuidV7(ms, rng);
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
    expect(uuidV7(ms + 1, rng) > id).toBe(true);
    expect(uuidV7(ms - 1, rng) < id).toBe(true);
  });

  it('spreads exactly the requested total over the buckets, in proportion to the weights', () => {
    const counts = spread(new Rng(7), Float64Array.from([1, 0, 3]), 40_000);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40_000);
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.8);
    expect(counts[2] / counts[0]).toBeLessThan(3.2);
  });
});
