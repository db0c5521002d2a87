import type { LookupAddress } from 'node:dns';
import { guardedLookup, parseWebhookTargetPolicy, refusedRange, WebhookTargetError } from './webhook-targets.js';

const none = parseWebhookTargetPolicy('');

describe('webhook targets', () => {
  it('classifies addresses: only public unicast passes', () => {
    for (const [address, range] of [
      ['127.0.0.1', 'loopback'],
      ['10.0.0.1', 'private'],
      ['172.16.0.1', 'private'],
      ['192.168.0.1', 'private'],
      ['169.254.169.254', 'linkLocal'],
      ['0.0.0.0', 'unspecified'],
      ['100.64.0.1', 'carrierGradeNat'],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fd00::1', 'uniqueLocal'],
      ['fe80::1', 'linkLocal'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['64:ff9b::7f00:1', 'rfc6052'],
      ['2002:7f00:1::', '6to4'],
    ]) {
      expect([address, refusedRange(address, none)]).toEqual([address, range]);
    }
    expect(refusedRange('8.8.8.8', none)).toBeNull();
    expect(refusedRange('2001:4860:4860::8888', none)).toBeNull();
  });

  it('lets ALLOWED_WEBHOOK_HOSTS name addresses, ranges and host names', () => {
    const policy = parseWebhookTargetPolicy('10.8.0.0/16, 192.168.1.5, robot.corp.example, *.intra.example, [fd12::1]');
    expect(refusedRange('10.8.3.4', policy)).toBeNull();
    expect(refusedRange('10.9.0.1', policy)).toBe('private');
    expect(refusedRange('192.168.1.5', policy)).toBeNull();
    expect(refusedRange('fd12::1', policy)).toBeNull();
    expect(guardedLookup(new URL('http://robot.corp.example/x'), policy)).toBeUndefined();
    expect(guardedLookup(new URL('http://wecom.intra.example/x'), policy)).toBeUndefined();
    expect(() => parseWebhookTargetPolicy('10.0.0.0/33, no spaces allowed')).toThrow(/ALLOWED_WEBHOOK_HOSTS.*10\.0\.0\.0\/33.*no spaces allowed/);
  });

  it('refuses literal internal addresses and internal names before connecting', () => {
    expect(() => guardedLookup(new URL('http://169.254.169.254/'), none)).toThrow(WebhookTargetError);
    expect(() => guardedLookup(new URL('http://[::1]:8080/'), none)).toThrow(/loopback/);
    expect(() => guardedLookup(new URL('http://metadata.google.internal/'), none)).toThrow(/inside a network/);
    expect(() => guardedLookup(new URL('http://localhost:6379/'), none)).toThrow(/inside a network/);
  });

  it('hands the socket only addresses it checked: an answer that turned internal is refused', async () => {
    const lookup = guardedLookup(new URL('https://robot.example.com/send'), none);
    expect(lookup).toBeDefined();
    // The name now resolves to loopback (simulated by resolving "localhost" for it).
    const result = await new Promise<{ err: Error | null; address: string | LookupAddress[] }>((resolve) =>
      lookup?.('localhost', { all: true }, (err, address) => resolve({ err, address })),
    );
    expect(result.err).toBeInstanceOf(WebhookTargetError);
    expect(result.err?.message).toMatch(/localhost resolves to a loopback address/);
  });
});
