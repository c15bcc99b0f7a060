import * as client from 'openid-client';
import { AuthError } from './auth-error.ts';
import { ROLES, isRole } from './roles.ts';
import type { Role } from './roles.ts';

/** Single sign-on settings: `LIFEBOAT_OIDC_*`. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: `<public url>/api/v1/auth/oidc/callback`. */
  redirectUri: string;
  /** The role of a new user when no claim maps to one. */
  defaultRole: Role;
  /** A claim (a role name, or a list of them) that sets the user's role on every sign-in. */
  roleClaim?: string;
}

/** What the browser keeps between the redirect to the provider and the callback. */
export interface PendingLogin {
  state: string;
  verifier: string;
}

/** The role a set of claims maps to: the most powerful valid role named by the role claim, else the default. */
export function roleFromClaims(
  claims: Record<string, unknown>,
  config: Pick<OidcConfig, 'roleClaim' | 'defaultRole'>,
): Role {
  if (!config.roleClaim) return config.defaultRole;
  const value = claims[config.roleClaim];
  const names = (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === 'string',
  );
  return (
    ROLES.find((role) => names.some((name) => name === role || name === `lifeboat-${role}`)) ??
    config.defaultRole
  );
}

/** OpenID Connect with the authorization code flow and PKCE (RFC 7636), through openid-client. */
export function createOidc(config: OidcConfig) {
  let discovered: Promise<client.Configuration> | undefined;
  // Plain http is accepted only for a provider on this machine (development and tests).
  const local = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(config.issuer);

  function configuration(): Promise<client.Configuration> {
    discovered ??= client
      .discovery(new URL(config.issuer), config.clientId, config.clientSecret, undefined, {
        ...(local && { execute: [client.allowInsecureRequests] }),
      })
      .catch((error: unknown) => {
        discovered = undefined;
        throw new AuthError(
          'unauthorized',
          `The single sign-on provider ${config.issuer} cannot be reached: ${(error as Error).message}`,
        );
      });
    return discovered;
  }

  return {
    /** The provider URL to send the browser to, and what to keep for the callback. */
    async start(): Promise<{ url: string; pending: PendingLogin }> {
      const oidc = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(oidc, {
        redirect_uri: config.redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      return { url: url.href, pending: { state, verifier } };
    },

    /** Exchanges the code in the callback's query string for the user's email, name and role. */
    async finish(
      query: string,
      pending: PendingLogin,
    ): Promise<{ email: string; name?: string; role: Role }> {
      const oidc = await configuration();
      let claims: Record<string, unknown> | undefined;
      try {
        // The registered redirect URI, not the Host header, so a proxy in front cannot change what is sent.
        const callbackUrl = new URL(`${config.redirectUri}?${query}`);
        const tokens = await client.authorizationCodeGrant(oidc, callbackUrl, {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
        });
        claims = tokens.claims();
      } catch (error) {
        throw new AuthError('unauthorized', `Single sign-on failed: ${(error as Error).message}`);
      }
      const email = claims?.email;
      if (typeof email !== 'string')
        throw new AuthError('unauthorized', 'The single sign-on provider did not give an email address');
      const name = typeof claims?.name === 'string' ? claims.name : undefined;
      return { email, ...(name !== undefined && { name }), role: roleFromClaims(claims ?? {}, config) };
    },
  };
}

/** The single sign-on client's interface. */
export type Oidc = ReturnType<typeof createOidc>;

/** Reads `LIFEBOAT_OIDC_*`; undefined when single sign-on is not configured. */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv, publicUrl: string): OidcConfig | undefined {
  const issuer = env.LIFEBOAT_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const clientId = env.LIFEBOAT_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.LIFEBOAT_OIDC_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) {
    throw new Error(
      'LIFEBOAT_OIDC_ISSUER is set: set LIFEBOAT_OIDC_CLIENT_ID and LIFEBOAT_OIDC_CLIENT_SECRET too',
    );
  }
  const defaultRole = env.LIFEBOAT_OIDC_DEFAULT_ROLE?.trim() || 'viewer';
  if (!isRole(defaultRole))
    throw new Error(`LIFEBOAT_OIDC_DEFAULT_ROLE must be one of ${ROLES.join(', ')}, got "${defaultRole}"`);
  const roleClaim = env.LIFEBOAT_OIDC_ROLE_CLAIM?.trim();
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri: new URL('/api/v1/auth/oidc/callback', publicUrl).href,
    defaultRole,
    ...(roleClaim && { roleClaim }),
  };
}
