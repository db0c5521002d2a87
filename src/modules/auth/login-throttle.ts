import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import ipaddr from 'ipaddr.js';
import type { Env } from '../../config/env.js';
import { RedisConnections } from '../../queue/redis-connections.js';
import { LoginAttempts } from './login-attempts.js';

type Counter = 'device' | 'pair' | 'address' | 'account';

/** Every limit counts within this sliding window. */
const WINDOW_MS = 60_000;
/** Remembered addresses kept per account (the most recent). */
const KNOWN_ADDRESSES_KEPT = 50;

/**
 * Who is trying to sign in: the client's address and, when it sent a valid device cookie for this
 * account, the device's id (see DeviceCookies).
 */
export interface LoginClient {
  ip: string;
  deviceId: string | null;
}

/**
 * The login throttle (docs/users-and-security.md, "Login throttling"). It stops guessing without letting a stranger lock
 * the owner out:
 * - a device that signed in to the account before (a signed device cookie) is limited by its own
 *   failures only: LOGIN_MAX_FAILURES a minute;
 * - any other client: LOGIN_RATE_LIMIT attempts a minute per address (whatever the account),
 *   LOGIN_MAX_FAILURES failures a minute per account and address, and LOGIN_ACCOUNT_MAX_FAILURES
 *   failures a minute per account from all such clients together, a limit that does not hold an
 *   address the account signed in from within LOGIN_TRUST_DAYS.
 * Counters live in Redis under REDIS_PREFIX (instances share them), in memory while Redis is away.
 */
@Injectable()
export class LoginThrottle {
  /** Each counter's limit per window. */
  private readonly limits: Record<Counter, number>;
  /** The same counters in memory, for while Redis is away. */
  private readonly memory: Record<Counter, LoginAttempts>;
  private readonly knownInMemory = new Map<string, Map<string, number>>();
  private readonly prefix: string;
  private readonly trustMs: number;

  constructor(
    config: ConfigService<Env, true>,
    private readonly redis: RedisConnections,
  ) {
    this.prefix = `${config.get('REDIS_PREFIX', { infer: true })}:login`;
    const failures = config.get('LOGIN_MAX_FAILURES', { infer: true });
    this.limits = {
      device: failures,
      pair: failures,
      address: config.get('LOGIN_RATE_LIMIT', { infer: true }),
      account: config.get('LOGIN_ACCOUNT_MAX_FAILURES', { infer: true }),
    };
    this.memory = {
      device: new LoginAttempts(this.limits.device, WINDOW_MS),
      pair: new LoginAttempts(this.limits.pair, WINDOW_MS),
      address: new LoginAttempts(this.limits.address, WINDOW_MS),
      account: new LoginAttempts(this.limits.account, WINDOW_MS),
    };
    this.trustMs = config.get('LOGIN_TRUST_DAYS', { infer: true }) * 86_400_000;
  }

  /** How long the client must wait before this attempt (ms, 0: go ahead); an allowed attempt is counted against its address. */
  async admit(account: string, client: LoginClient): Promise<number> {
    if (client.deviceId) return this.retryAfterMs('device', client.deviceId);
    const address = addressKey(client.ip);
    const known = await this.isKnown(account, address);
    const wait = Math.max(
      await this.retryAfterMs('address', address),
      await this.retryAfterMs('pair', `${account}|${address}`),
      known ? 0 : await this.retryAfterMs('account', account),
    );
    if (wait === 0) await this.add('address', address);
    return wait;
  }

  async failed(account: string, client: LoginClient): Promise<void> {
    if (client.deviceId) {
      await this.add('device', client.deviceId);
      return;
    }
    const address = addressKey(client.ip);
    await this.add('pair', `${account}|${address}`);
    await this.add('account', account);
  }

  /** A success: this address is known to the account from now on, and its own failures are forgotten. */
  async succeeded(account: string, client: LoginClient): Promise<void> {
    if (client.deviceId) await this.clear('device', client.deviceId);
    const address = addressKey(client.ip);
    await this.clear('pair', `${account}|${address}`);
    await this.remember(account, address);
  }

  private key(name: string): string {
    return `${this.prefix}:${name}`;
  }

  /** Runs `op` on Redis when it is up; null (use memory) when it is not or the command fails. */
  private async onRedis<T>(op: () => Promise<T>): Promise<T | null> {
    if (!this.redis.ready) return null;
    try {
      return await op();
    } catch {
      return null;
    }
  }

  private async retryAfterMs(counter: Counter, id: string): Promise<number> {
    const now = Date.now();
    const limit = this.limits[counter];
    const fromRedis = await this.onRedis(async () => {
      const key = this.key(`${counter}:${id}`);
      const replies = await this.redis.producer
        .multi()
        .zremrangebyscore(key, '-inf', now - WINDOW_MS)
        .zrange(key, -limit, -limit, 'WITHSCORES')
        .exec();
      if (!replies || replies.some(([err]) => err)) throw new Error('redis');
      // The limit-th most recent event: once it leaves the window, one more attempt fits.
      const [, oldest] = replies[1][1] as string[];
      return oldest === undefined ? 0 : Math.max(0, Number(oldest) + WINDOW_MS - now);
    });
    return fromRedis ?? this.memory[counter].retryAfterMs(id, now);
  }

  private async add(counter: Counter, id: string): Promise<void> {
    const now = Date.now();
    const done = await this.onRedis(async () => {
      const key = this.key(`${counter}:${id}`);
      const replies = await this.redis.producer
        .multi()
        .zadd(key, now, `${now}-${Math.random().toString(36).slice(2, 10)}`)
        .pexpire(key, WINDOW_MS)
        .exec();
      if (!replies || replies.some(([err]) => err)) throw new Error('redis');
      return true;
    });
    if (!done) this.memory[counter].fail(id, now);
  }

  private async clear(counter: Counter, id: string): Promise<void> {
    this.memory[counter].clear(id);
    await this.onRedis(() => this.redis.producer.del(this.key(`${counter}:${id}`)));
  }

  private async isKnown(account: string, address: string): Promise<boolean> {
    const now = Date.now();
    const score = await this.onRedis(() => this.redis.producer.zscore(this.key(`known:${account}`), address));
    if (score !== null && Number(score) > now) return true;
    return (this.knownInMemory.get(account)?.get(address) ?? 0) > now;
  }

  private async remember(account: string, address: string): Promise<void> {
    const until = Date.now() + this.trustMs;
    const inMemory = this.knownInMemory.get(account) ?? new Map<string, number>();
    inMemory.set(address, until);
    if (inMemory.size > KNOWN_ADDRESSES_KEPT) inMemory.delete(inMemory.keys().next().value as string);
    this.knownInMemory.set(account, inMemory);
    await this.onRedis(async () => {
      const key = this.key(`known:${account}`);
      await this.redis.producer
        .multi()
        .zadd(key, until, address)
        .zremrangebyrank(key, 0, -KNOWN_ADDRESSES_KEPT - 1)
        .pexpire(key, this.trustMs)
        .exec();
      return true;
    });
  }
}

/**
 * The address a limit counts: IPv4 as is (also when it arrives IPv4-mapped, ::ffff:a.b.c.d), IPv6 by
 * its /64, which one client usually holds whole.
 */
export function addressKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const addr = ipaddr.process(ip);
  if (addr.kind() === 'ipv4') return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}
