import ipaddr from 'ipaddr.js';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/**
 * Which addresses a channel (a WeCom or DingTalk robot, a webhook) may be sent to. Only public
 * unicast addresses: loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, where
 * cloud metadata answers), unique-local (fc00::/7), unspecified, carrier-grade NAT, multicast,
 * broadcast, reserved and documentation ranges, and IPv6 forms that embed an IPv4 address (NAT64,
 * 6to4, Teredo) are refused, as are names that only exist inside a network (localhost, *.local,
 * *.internal, metadata.google.internal). ALLOWED_WEBHOOK_HOSTS lets an intranet deployment name its
 * own robots: host names (exactly, or `*.corp.example` for a domain and its hosts) and IP addresses
 * or CIDR ranges.
 */
export interface WebhookTargetPolicy {
  names: string[];
  domains: string[];
  ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

/** Names that only mean something inside a network, refused whatever they resolve to. */
const INTERNAL_NAMES = ['localhost', 'metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data'];
const INTERNAL_SUFFIXES = ['.localhost', '.local', '.internal', '.localdomain', '.home.arpa'];

/** A refused target; `message` is safe to show to the admin who set the channel up. */
export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetError';
  }
}

/** Parses ALLOWED_WEBHOOK_HOSTS; throws with the entries it cannot read. */
export function parseWebhookTargetPolicy(raw: string): WebhookTargetPolicy {
  const policy: WebhookTargetPolicy = { names: [], domains: [], ranges: [] };
  const bad: string[] = [];
  for (const entry of raw.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    const bare = entry.replace(/^\[(.*)\]$/, '$1');
    if (ipaddr.isValidCIDR(bare)) policy.ranges.push(ipaddr.parseCIDR(bare));
    else if (ipaddr.isValid(bare) && isIP(bare)) {
      const addr = ipaddr.parse(bare);
      policy.ranges.push([addr, addr.kind() === 'ipv4' ? 32 : 128]);
    } else if (/^\*\.[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(entry)) policy.domains.push(entry.slice(1));
    else if (/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(entry)) policy.names.push(entry);
    else bad.push(entry);
  }
  if (bad.length) throw new Error(`ALLOWED_WEBHOOK_HOSTS: not a host name, IP address or CIDR range: ${bad.join(', ')}`);
  return policy;
}

/** Whether the URL's host name is one the deployment named as its own. */
function nameAllowed(host: string, policy: WebhookTargetPolicy): boolean {
  return policy.names.includes(host) || policy.domains.some((d) => host.endsWith(d));
}

/** Why an address may not be a target (e.g. "loopback", "private"), or null when it may. */
export function refusedRange(address: string, policy: WebhookTargetPolicy): string | null {
  if (!ipaddr.isValid(address)) return 'unreadable';
  // ::ffff:127.0.0.1 is 127.0.0.1.
  const addr = ipaddr.process(address);
  if (policy.ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits))) return null;
  const range = addr.range();
  return range === 'unicast' ? null : range;
}

/** The URL's host without IPv6 brackets, lower case. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

function assertAddresses(host: string, addresses: string[], policy: WebhookTargetPolicy): void {
  for (const address of addresses) {
    const range = refusedRange(address, policy);
    if (range) {
      throw new WebhookTargetError(
        `${host} ${isIP(host) ? 'is' : 'resolves to'} a ${range} address; only public addresses are allowed (an intranet robot can be named in ALLOWED_WEBHOOK_HOSTS)`,
      );
    }
  }
}

function resolveAll(host: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))));
}

/**
 * The check when a channel is created or its address changed: literal addresses and internal names
 * are refused, names are resolved and every address checked. A name that does not resolve now is
 * accepted (a robot's DNS may be down for a moment): every delivery checks again before it connects.
 */
/**
 * What the host alone says: a name the deployment allows, a literal address (checked here), or a
 * name to resolve. Internal names are refused whatever they resolve to.
 */
function screenHost(host: string, policy: WebhookTargetPolicy): 'allowed' | 'resolve' {
  if (nameAllowed(host, policy)) return 'allowed';
  if (isIP(host)) {
    assertAddresses(host, [host], policy);
    return 'allowed';
  }
  if (INTERNAL_NAMES.includes(host) || INTERNAL_SUFFIXES.some((s) => host.endsWith(s)) || !host.includes('.')) {
    throw new WebhookTargetError(`${host} is a name inside a network; only public hosts are allowed (an intranet robot can be named in ALLOWED_WEBHOOK_HOSTS)`);
  }
  return 'resolve';
}

/**
 * The check when a channel is created or its address changed: literal addresses and internal names
 * are refused, names are resolved and every address checked. A name that does not resolve now is
 * accepted (a robot's DNS may be down for a moment): every delivery checks again before it connects.
 */
export async function assertTargetAllowed(rawUrl: string, policy: WebhookTargetPolicy): Promise<void> {
  const host = hostOf(new URL(rawUrl));
  if (screenHost(host, policy) === 'allowed') return;
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(host);
  } catch {
    return;
  }
  assertAddresses(host, addresses.map((a) => a.address), policy);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * How a delivery connects: the URL checked like a new channel's, and for a name a `lookup` for the
 * socket that resolves once, checks every address and hands the socket exactly the addresses it
 * checked, so a DNS answer that changes between check and connect (rebinding) cannot slip through.
 * Returns undefined when the socket needs no lookup (a literal address, or a name the deployment allows).
 */
export function guardedLookup(url: URL, policy: WebhookTargetPolicy): ((host: string, options: { all?: boolean }, callback: LookupCallback) => void) | undefined {
  if (screenHost(hostOf(url), policy) === 'allowed') return undefined;
  return (hostname, options, callback) => {
    resolveAll(hostname).then(
      (addresses) => {
        try {
          assertAddresses(hostname, addresses.map((a) => a.address), policy);
        } catch (e) {
          callback(e as NodeJS.ErrnoException, '', 0);
          return;
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}
