import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService, Principal } from '../auth/auth.service.ts';
import { isOwnerWritable } from '../../catalog/kinds.ts';
import { can } from '../auth/roles.ts';
import type { Access } from '../auth/roles.ts';
import { sendProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; every route must say (a route without a rule fails at start-up). */
    access?: Access;
    /** The document kind a catalog route writes, for the owner role's scope. */
    kind?: string;
    /** A write the owner role may make whatever the kind: the route's service enforces the owner's scope itself. */
    ownerScoped?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in user, when there is one. */
    principal?: Principal;
  }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'lifeboat_session';

/** Routes registered by plugins (the API reference page and its assets) are public. */
const PUBLIC_PREFIXES = ['/api/docs'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host part of an Origin or Referer header value, or undefined when it is absent, `null` or malformed. */
export function hostOfOrigin(value: string | undefined): string | undefined {
  if (!value || value === 'null') return undefined;
  try {
    return new URL(value).host || undefined;
  } catch {
    return undefined;
  }
}

/** The host part of an Origin or Referer header, or undefined. */
function originHost(request: FastifyRequest): string | undefined {
  return hostOfOrigin(request.headers.origin ?? request.headers.referer);
}

/**
 * A cookie-authenticated change must come from a page of this server: SameSite=Lax keeps the cookie off most
 * cross-site requests, and the Origin check refuses the rest (bearer-token clients are not affected).
 */
function crossSite(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const host = originHost(request);
  // request.host: the Host header, or X-Forwarded-Host when it comes from a trusted proxy.
  return host === undefined || host !== request.host;
}

/** The access rule of a route, public for plugin routes and for answers to unknown routes. */
function accessOf(request: FastifyRequest): Access {
  const access = request.routeOptions.config.access;
  if (access) return access;
  return 'public';
}

/** Identifies the caller (bearer token or session cookie) and enforces each route's access rule. */
export function registerAuthorization(app: FastifyInstance, auth: AuthService): void {
  app.addHook('onRoute', (route) => {
    if (route.config?.access) return;
    if (PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix))) {
      route.config = { ...route.config, access: 'public' };
      return;
    }
    throw new Error(`route ${String(route.method)} ${route.url} has no access rule (config.access)`);
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = accessOf(request);
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = match?.[1] ? await auth.tokenPrincipal(match[1]) : undefined;
      // A public route answers whatever credentials come with it (a stale token must not stop /healthz).
      if (!principal && access !== 'public') {
        return sendProblem(reply.header('www-authenticate', 'Bearer'), 401, {
          type: 'urn:lifeboat:problem:unauthenticated',
          detail: 'The bearer token is unknown, revoked or expired',
        });
      }
      if (principal) request.principal = principal;
    } else {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) {
        const principal = await auth.sessionPrincipal(sessionId);
        if (principal) {
          if (crossSite(request)) {
            return sendProblem(reply, 403, {
              type: 'urn:lifeboat:problem:cross-site',
              detail:
                'A change sent with a session cookie must come from a Lifeboat page (the Origin header does not match)',
            });
          }
          request.principal = principal;
        }
      }
    }
    if (access === 'public') return;
    const principal = request.principal;
    if (!principal) {
      return sendProblem(reply.header('www-authenticate', 'Bearer'), 401, {
        type: 'urn:lifeboat:problem:unauthenticated',
        detail:
          'Sign in first: send a session cookie (POST /api/v1/auth/login) or an Authorization: Bearer token',
      });
    }
    if (access === 'authenticated') return;
    const kind = request.routeOptions.config.kind;
    const allowed =
      can(principal.role, access) &&
      !(
        principal.role === 'owner' &&
        access === 'catalog:write' &&
        !request.routeOptions.config.ownerScoped &&
        (kind === undefined || !isOwnerWritable(kind))
      );
    if (!allowed) {
      return sendProblem(reply, 403, {
        type: 'urn:lifeboat:problem:not-permitted',
        detail: `Your role (${principal.role}) may not ${request.method} ${request.url.split('?')[0]}`,
      });
    }
  });
}

/** The audit actor for a request: the user's email, and the token's name when a token was used. */
export function actorOf(request: FastifyRequest): string {
  const principal = request.principal;
  if (!principal) return 'anonymous';
  return principal.via.kind === 'token'
    ? `${principal.email} (token ${principal.via.name})`
    : principal.email;
}
