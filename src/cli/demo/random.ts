/**
 * Seeded randomness for the demo-data generator: the same seed gives the same district, run after
 * run. Never Math.random or crypto here.
 */

/** 32-bit FNV-1a of a string: turns a stream name (and the seed) into a sub-seed. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, fast PRNG with a 32-bit state; plenty for demo data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** An independent stream for one purpose, so adding rows of one kind never reshuffles another. */
  static stream(seed: number, name: string): Rng {
    return new Rng(hash32(name, hash32(String(seed))));
  }

  u32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Log-uniform in [lo, hi]. */
  logUniform(lo: number, hi: number): number {
    return Math.exp(Math.log(lo) + this.next() * (Math.log(hi) - Math.log(lo)));
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** k distinct items of `items`, in random order (partial Fisher–Yates on a copy). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i];
      copy[i] = copy[j];
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }
}

/** Picks among a few weighted choices (linear scan; for short lists). */
export class Weighted<T> {
  private readonly values: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    this.values = entries.map((e) => e[0]);
    let sum = 0;
    this.cumulative = entries.map((e) => (sum += e[1]));
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    const c = this.cumulative;
    for (let i = 0; i < c.length; i++) if (x < c[i]) return this.values[i];
    return this.values[this.values.length - 1];
  }
}

/**
 * Spreads `total` items over buckets in proportion to their weights (a multinomial draw): each
 * item picks its bucket by binary search in the cumulative weights.
 */
export function spread(rng: Rng, weights: Float64Array, total: number): Int32Array {
  const n = weights.length;
  const counts = new Int32Array(n);
  if (n === 0 || total <= 0) return counts;
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += weights[i];
  if (sum <= 0) return counts;
  for (let k = 0; k < total; k++) {
    const x = rng.next() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    counts[lo]++;
  }
  return counts;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(x: number): string {
  return HEX[x >>> 24] + HEX[(x >>> 16) & 0xff] + HEX[(x >>> 8) & 0xff] + HEX[x & 0xff];
}

function hex16(x: number): string {
  return HEX[(x >>> 8) & 0xff] + HEX[x & 0xff];
}

/**
 * A UUID version 7 (RFC 9562) for an instant, with its 74 random bits from `rng`: time-ordered like
 * the service's own ids, but reproducible from the seed.
 */
export function uuidV7(ms: number, rng: Rng): string {
  const high = Math.floor(ms / 0x10000);
  const low = ms - high * 0x10000;
  const a = rng.u32();
  const b = rng.u32();
  const c = rng.u32();
  return (
    hex32(high) +
    '-' +
    hex16(low) +
    '-' +
    hex16(0x7000 | (a & 0x0fff)) +
    '-' +
    hex16(0x8000 | ((a >>> 12) & 0x3fff)) +
    '-' +
    hex16(b >>> 16) +
    hex32(c)
  );
}
