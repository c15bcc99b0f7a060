import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuthError } from '../auth/auth-error.ts';
import { publicUser } from '../auth/auth.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { Oidc, PendingLogin } from '../auth/oidc.ts';
import { hostOfOrigin, SESSION_COOKIE } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';

const userSchema = z
  .object({ email: z.string(), name: z.string().nullable(), role: z.string() })
  .meta({ id: 'User' });
const OIDC_COOKIE = 'lifeboat_oidc';
const OIDC_PATH = '/api/v1/auth/oidc';

/** Served over HTTPS, directly or (with LIFEBOAT_TRUST_PROXY) behind a proxy that says so in X-Forwarded-Proto. */
function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

function setSession(
  request: FastifyRequest,
  reply: FastifyReply,
  sessionId: string,
  maxAgeSeconds: number,
): void {
  void reply.setCookie(SESSION_COOKIE, sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request),
    maxAge: maxAgeSeconds,
  });
}

/** Sign-in with a password or single sign-on, sign-out, and who am I. */
export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, oidc: Oidc | undefined): void {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const maxAge = auth.settings.sessionAbsoluteMinutes * 60;

  route.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: z.object({ email: z.string().max(320), password: z.string().max(1024) }),
        response: { 200: z.object({ user: userSchema }), 401: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const origin = request.headers.origin;
      // A malformed Origin is refused like a foreign one.
      if (origin && origin !== 'null' && hostOfOrigin(origin) !== request.host) {
        throw new AuthError(
          'forbidden',
          'Sign-in must come from a Lifeboat page (the Origin header does not match)',
        );
      }
      const { sessionId, user } = await auth.login(request.body.email, request.body.password, request.ip);
      setSession(request, reply, sessionId, maxAge);
      const { email, name, role } = publicUser(user);
      return { user: { email, name, role } };
    },
  );

  route.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId) await auth.logout(sessionId);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  route.get(
    '/api/v1/auth/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: z.object({ user: userSchema }), 401: problemSchema },
      },
    },
    (request) => {
      const principal = request.principal!;
      return { user: { email: principal.email, name: principal.name, role: principal.role } };
    },
  );

  route.get(
    '/api/v1/auth/config',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Which ways of signing in this server offers',
        response: { 200: z.object({ oidc: z.boolean() }) },
      },
    },
    () => ({ oidc: oidc !== undefined }),
  );

  route.get(
    `${OIDC_PATH}/login`,
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Start single sign-on (redirects to the provider)' },
    },
    async (request, reply) => {
      if (!oidc) throw new AuthError('not-found', 'Single sign-on is not configured on this server');
      const { url, pending } = await oidc.start();
      void reply.setCookie(OIDC_COOKIE, JSON.stringify(pending), {
        path: OIDC_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: secure(request),
        maxAge: 600,
      });
      return reply.redirect(url);
    },
  );

  route.get(
    `${OIDC_PATH}/callback`,
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Where the provider sends the browser back' },
    },
    async (request, reply) => {
      if (!oidc) throw new AuthError('not-found', 'Single sign-on is not configured on this server');
      let pending: PendingLogin;
      try {
        pending = JSON.parse(request.cookies[OIDC_COOKIE] ?? '') as PendingLogin;
      } catch {
        throw new AuthError(
          'unauthorized',
          'The single sign-on attempt expired or was started elsewhere; start again',
        );
      }
      void reply.clearCookie(OIDC_COOKIE, { path: OIDC_PATH });
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
      const identity = await oidc.finish(query, pending);
      const user = await auth.ssoUser(identity.email, identity.name, identity.role);
      setSession(request, reply, await auth.startSession(user), maxAge);
      return reply.redirect('/');
    },
  );
}
