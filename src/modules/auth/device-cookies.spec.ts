import { createSecretKey, randomBytes } from 'node:crypto';
import { DeviceCookies } from './device-cookies.js';

describe('device cookies', () => {
  const cookies = new DeviceCookies(createSecretKey(randomBytes(32)));

  it('verifies a token for its own account until it expires', () => {
    const token = cookies.issue('wang.li', 60_000, 'dev1', 1_000_000);
    expect(cookies.verify(token, 'wang.li', 1_000_000)).toBe('dev1');
    expect(cookies.verify(token, 'li.na', 1_000_000)).toBeNull();
    expect(cookies.verify(token, 'wang.li', 1_000_000 + 61_000)).toBeNull();
  });

  it('refuses a forged or foreign token', () => {
    const token = cookies.issue('wang.li', 60_000);
    const [payload] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ u: 'admin', d: 'x', e: 9e9 })).toString('base64url')}.${token.split('.')[1]}`;
    expect(cookies.verify(forged, 'admin')).toBeNull();
    expect(cookies.verify(`${payload}.AAAA`, 'wang.li')).toBeNull();
    expect(new DeviceCookies(createSecretKey(randomBytes(32))).verify(token, 'wang.li')).toBeNull();
    expect(cookies.verify('garbage', 'wang.li')).toBeNull();
    expect(cookies.verify(undefined, 'wang.li')).toBeNull();
  });
});
