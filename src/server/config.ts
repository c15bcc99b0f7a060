import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { DatabaseConfig } from './db/database.ts';

/** Everything the server reads from its environment, resolved once at start-up. */
export interface ServerConfig {
  database: DatabaseConfig;
  host: string;
  port: number;
  logLevel: string;
  /** Where users reach the server (for single sign-on redirects): LIFEBOAT_PUBLIC_URL, default http://localhost:<port>. */
  publicUrl: string | undefined;
  /** The first admin's password (LIFEBOAT_ADMIN_PASSWORD); generated and printed once when unset. */
  adminPassword: string | undefined;
  /** Which reverse proxies to believe about the client (LIFEBOAT_TRUST_PROXY); none when unset. */
  trustProxy: TrustProxy | undefined;
  /** The SMTP server email goes through (LIFEBOAT_SMTP_URL); without one, emails stay in the outbox. */
  smtpUrl: string | undefined;
  /** The sender of every email (LIFEBOAT_MAIL_FROM). */
  mailFrom: string;
  /** The bearer token a scraper sends to GET /metrics (LIFEBOAT_METRICS_TOKEN); /metrics answers 404 without one. */
  metricsToken: string | undefined;
  /** A port of 127.0.0.1 serving /metrics without a token (LIFEBOAT_METRICS_PORT). */
  metricsPort: number | undefined;
}

/**
 * The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: a comma list of addresses and
 * CIDR ranges (`10.0.0.5, 192.168.0.0/16`), or a hop count (how many proxies stand in front).
 */
export type TrustProxy = string | number;

/** Names proxy-addr (Fastify's trust check) accepts for address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) ? Number(bits) <= (family === 4 ? 32 : 128) : isIP(bits) === 4;
}

/** LIFEBOAT_TRUST_PROXY as a TrustProxy, or a ConfigError saying what is expected. */
export function parseTrustProxy(text: string | undefined): TrustProxy | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops === 0 ? undefined : hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isAddressOrRange(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      `LIFEBOAT_TRUST_PROXY must be a hop count (1) or a comma list of proxy addresses and CIDR ranges (10.0.0.5, 192.168.0.0/16), got "${bad}"`,
    );
  }
  return entries.join(',');
}

/** Thrown for a setting that cannot be used, with the variable's name and what is expected. */
export class ConfigError extends Error {}

/** The database named by `DATABASE_URL` (PostgreSQL) or `LIFEBOAT_DB` (SQLite file, default ./data/lifeboat.db). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigError(
        `DATABASE_URL must start with postgres:// or postgresql://, got "${url.split(':')[0]}:..."`,
      );
    }
    return { dialect: 'postgres', url };
  }
  const file = env.LIFEBOAT_DB?.trim() || './data/lifeboat.db';
  return { dialect: 'sqlite', file: file === ':memory:' ? file : resolve(file) };
}

/** The port in `text`, or a ConfigError naming `source`. */
export function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError(`${source} must be a port number from 0 to 65535, got "${text}"`);
  }
  return port;
}

/** How email leaves: LIFEBOAT_SMTP_URL (none: kept in the outbox) and LIFEBOAT_MAIL_FROM. */
export interface MailConfig {
  smtpUrl: string | undefined;
  mailFrom: string;
}

/** The sender when LIFEBOAT_MAIL_FROM is unset. */
export const DEFAULT_MAIL_FROM = 'Lifeboat <lifeboat@localhost>';

/** LIFEBOAT_SMTP_URL and LIFEBOAT_MAIL_FROM, checked, or a ConfigError saying what is expected. */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const smtpUrl = env.LIFEBOAT_SMTP_URL?.trim() || undefined;
  if (smtpUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(smtpUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
      // The value may hold a password: only its scheme is repeated.
      throw new ConfigError(
        `LIFEBOAT_SMTP_URL must be smtp://[user:password@]host[:port] or smtps://host[:port], got "${smtpUrl.split(':')[0]}:..."`,
      );
    }
  }
  const mailFrom = env.LIFEBOAT_MAIL_FROM?.trim() || DEFAULT_MAIL_FROM;
  if (!/^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(mailFrom)) {
    throw new ConfigError(
      `LIFEBOAT_MAIL_FROM must be an address (lifeboat@example.com) or a name and address (Lifeboat <lifeboat@example.com>), got "${mailFrom}"`,
    );
  }
  return { smtpUrl, mailFrom };
}

/** The server's configuration from the environment; command-line flags override host and port. */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    database: databaseConfigFromEnv(env),
    host: env.HOST?.trim() || '127.0.0.1',
    port: env.PORT ? parsePort(env.PORT, 'PORT') : 8080,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    publicUrl: env.LIFEBOAT_PUBLIC_URL?.trim() || undefined,
    adminPassword: env.LIFEBOAT_ADMIN_PASSWORD || undefined,
    trustProxy: parseTrustProxy(env.LIFEBOAT_TRUST_PROXY),
    ...mailConfigFromEnv(env),
    metricsToken: metricsTokenFromEnv(env),
    metricsPort: env.LIFEBOAT_METRICS_PORT?.trim()
      ? parsePort(env.LIFEBOAT_METRICS_PORT.trim(), 'LIFEBOAT_METRICS_PORT')
      : undefined,
  };
}

/** LIFEBOAT_METRICS_TOKEN: long enough not to be guessed, as it is the only guard on /metrics. */
function metricsTokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.LIFEBOAT_METRICS_TOKEN?.trim() || undefined;
  if (token !== undefined && (token.length < 16 || /\s/.test(token))) {
    throw new ConfigError(
      'LIFEBOAT_METRICS_TOKEN must be at least 16 characters without spaces (for example the output of `openssl rand -hex 32`)',
    );
  }
  return token;
}
