import { statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Hashed file names never change content, so browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: browsers must check it on every load. */
const REVALIDATE = 'no-cache';

// The application's files hold no data: the login page must load before anyone has signed in.
const PUBLIC = { access: 'public' as const } as FastifyContextConfig;

/** The path of a request, decoded; undefined when it cannot name a file under the root (`..`, NUL, bad escapes). */
function requestPath(url: string): string | undefined {
  try {
    const path = decodeURIComponent(url.split('?')[0] ?? '/');
    if (path.includes('\0') || path.split('/').includes('..')) return undefined;
    return path;
  } catch {
    return undefined;
  }
}

/** Whether a GET that names no file is a page of the single-page application (not the API, not an asset). */
function isAppRoute(path: string): boolean {
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/')) return false;
  // Catalog ids never contain a dot, so a last segment with one asks for a file that is not there.
  return !path.slice(path.lastIndexOf('/') + 1).includes('.');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built web application (web/dist) with a single-page fallback: any GET that is not under /api/ and
 * not a file answers index.html, so shared URLs such as /services/online-banking work; /api/* keeps its JSON 404.
 * Files are looked up per request, so a rebuild is served without a restart.
 */
export async function registerWebApp(app: FastifyInstance, options: { root: string }): Promise<void> {
  // `serve: false`: only reply.sendFile (which refuses paths outside the root); the routes below decide.
  await app.register(fastifyStatic, { root: options.root, serve: false, cacheControl: false, index: false });

  const serve = (request: FastifyRequest, reply: FastifyReply) => {
    const path = requestPath(request.url);
    if (path === undefined) return reply.callNotFound();
    const relative = normalize(path).replace(/^[/\\]+/, '');
    if (relative !== '' && isFile(join(options.root, relative))) {
      const hashed = relative.startsWith(`assets${sep}`) || relative.startsWith('assets/');
      return reply.header('cache-control', hashed ? IMMUTABLE : REVALIDATE).sendFile(relative);
    }
    if (!isAppRoute(path)) return reply.callNotFound();
    if (!isFile(join(options.root, 'index.html'))) {
      return reply
        .code(503)
        .header('cache-control', REVALIDATE)
        .type('text/plain; charset=utf-8')
        .send(
          'The Lifeboat web application is not built. Run `npm run build` (npm install does it for you).\n',
        );
    }
    return reply.header('cache-control', REVALIDATE).sendFile('index.html');
  };
  app.get('/', { config: PUBLIC, schema: { hide: true } }, serve);
  app.get('/*', { config: PUBLIC, schema: { hide: true } }, serve);
}
