import { createHmac, KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie a browser keeps after a successful login, so its owner is not locked out by strangers. */
export const DEVICE_COOKIE = 'heping_device';

interface DevicePayload {
  /** The account (username) this device signed in to. */
  u: string;
  /** A random id of the device. */
  d: string;
  /** Expiry, seconds since the epoch. */
  e: number;
}

/**
 * Signed device tokens (the "device cookie" of OWASP's guidance on account lockout): issued at a
 * successful login, HMAC-SHA256 with a key derived from the JWT signing key, bound to one account.
 * Stateless: they work the same on every instance and while Redis is away.
 */
export class DeviceCookies {
  private readonly key: Buffer;

  constructor(signingKey: KeyObject) {
    this.key = createHmac('sha256', signingKey).update('heping device cookie v1').digest();
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }

  issue(account: string, ttlMs: number, deviceId: string = randomBytes(12).toString('base64url'), now = Date.now()): string {
    const payload = Buffer.from(JSON.stringify({ u: account, d: deviceId, e: Math.floor((now + ttlMs) / 1000) } satisfies DevicePayload)).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /** The device id of a valid, unexpired token for `account`, else null. */
  verify(token: string | undefined, account: string, now = Date.now()): string | null {
    if (!token || token.length > 512) return null;
    const [payload, mac, extra] = token.split('.');
    if (!payload || !mac || extra !== undefined) return null;
    const expected = this.mac(payload);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const p = parsed as Partial<DevicePayload>;
    if (typeof p.u !== 'string' || typeof p.d !== 'string' || typeof p.e !== 'number') return null;
    if (p.u !== account || p.e * 1000 <= now) return null;
    return p.d;
  }
}
