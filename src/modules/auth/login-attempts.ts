/**
 * Events per key in a sliding one-minute window, in memory: the login throttle's counters while
 * Redis is away (LoginThrottle keeps them in Redis otherwise, shared by every instance). After
 * `maxFailures` events the key is refused (429) until the oldest leaves the window.
 *
 * Not @nestjs/throttler: its 6.x line is CommonJS and require()s the ESM-only @nestjs/common 12,
 * which works under Node 20.19 but not in Jest, so the limit could not be tested on the real app.
 */
export class LoginAttempts {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Milliseconds until the key may try again, or 0. */
  retryAfterMs(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    if (recent.length < this.maxFailures) return 0;
    return recent[recent.length - this.maxFailures] + this.windowMs - now;
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.set(key, recent);
    if (this.failures.size > 100_000) this.sweep(now);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private sweep(now: number): void {
    for (const [key, times] of this.failures) {
      if (!times.some((t) => t > now - this.windowMs)) this.failures.delete(key);
    }
  }
}
