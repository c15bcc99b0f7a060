import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless an admin allows it: a request from the server to one of them could
 * read the server's own services or a cloud provider's instance metadata (credentials) — server-side request
 * forgery. Private ranges (10/8, 192.168/16...) are allowed: an on-premises chat server lives there.
 */
const BLOCKED = new BlockList();
BLOCKED.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network": 0.0.0.0 reaches the local host
BLOCKED.addSubnet('127.0.0.0', 8, 'ipv4'); // loopback
BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, with 169.254.169.254 (AWS, GCP, Azure metadata)
BLOCKED.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
BLOCKED.addAddress('168.63.129.16', 'ipv4'); // Azure platform endpoint
BLOCKED.addAddress('::', 'ipv6'); // unspecified
BLOCKED.addAddress('::1', 'ipv6'); // loopback
BLOCKED.addSubnet('fe80::', 10, 'ipv6'); // link-local
BLOCKED.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6

/** Host names of metadata services, refused whatever they resolve to. */
const BLOCKED_NAMES = new Set([
  'metadata.google.internal',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** Why `address` (an IP address) may not be reached, or undefined when it may. */
export function blockedAddressReason(address: string): string | undefined {
  let ip = address.startsWith('[') ? address.slice(1, -1) : address;
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
  if (mappedHex) {
    const [high, low] = [parseInt(mappedHex[1]!, 16), parseInt(mappedHex[2]!, 16)];
    ip = [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  const family = isIP(ip);
  if (family === 0) return `"${address}" is not an IP address`;
  if (!BLOCKED.check(ip, family === 4 ? 'ipv4' : 'ipv6')) return undefined;
  if (ip.startsWith('127.') || ip === '::1') return `${ip} is a loopback address (this server itself)`;
  if (
    ip === '169.254.169.254' ||
    ip === 'fd00:ec2::254' ||
    ip === '100.100.100.200' ||
    ip === '168.63.129.16'
  )
    return `${ip} is a cloud metadata address`;
  if (ip.startsWith('169.254.') || ip.toLowerCase().startsWith('fe')) return `${ip} is a link-local address`;
  return `${ip} is not a routable address`;
}

/** Thrown when a webhook URL is not acceptable; `message` says why, for a problem's detail. */
export class WebhookTargetError extends Error {}

/** Resolves a host name to every address it has. */
export type Resolver = (hostname: string) => Promise<string[]>;

/** The system resolver (what a connection would use). */
export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Checks a webhook URL: http or https, no credentials, and (unless `allowPrivate`) a host whose every address may
 * be reached. Returns the addresses found, in resolver order. Throws WebhookTargetError naming the problem.
 */
export async function checkWebhookTarget(
  url: string,
  options: { allowPrivate: boolean; resolve?: Resolver },
): Promise<string[]> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new WebhookTargetError(`"${url}" is not a URL: expected https://host/path`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new WebhookTargetError(`the URL must start with https:// or http://, got "${parsed.protocol}"`);
  if (parsed.username || parsed.password)
    throw new WebhookTargetError(
      'the URL must not hold a user name or password: the signature authenticates',
    );
  const host = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const hostName = host.toLowerCase().replace(/\.$/, '');
  if (!options.allowPrivate && BLOCKED_NAMES.has(hostName))
    throw new WebhookTargetError(`${hostName} is a cloud metadata service; set allowPrivate to allow it`);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch {
      throw new WebhookTargetError(`the host name "${host}" does not resolve`);
    }
    if (addresses.length === 0) throw new WebhookTargetError(`the host name "${host}" does not resolve`);
  }
  if (!options.allowPrivate) {
    for (const address of addresses) {
      const reason = blockedAddressReason(address);
      if (reason)
        throw new WebhookTargetError(
          `${host === address ? '' : `${host} resolves to ${address}: `}${reason}; an admin may allow it with allowPrivate`,
        );
    }
  }
  return addresses;
}
