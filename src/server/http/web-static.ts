import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Hashed file names never change content, so browsers may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: browsers must check it on every load. */
const REVALIDATE = 'no-cache';

/** Whether a GET that matched no route is a page of the single-page application (not the API, not a file). */
function isAppRoute(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/')) return false;
  // Catalog ids never contain a dot, so a last segment with one asks for a file that is not there.
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/**
 * Serves the built web application (web/dist) with a single-page fallback: any GET that is not under /api/ and
 * not a file answers index.html, so shared URLs such as /services/online-banking work; /api/* keeps its JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, options: { root: string }): Promise<void> {
  const index = join(options.root, 'index.html');
  if (!existsSync(index)) {
    app.log.warn({ root: options.root }, 'the web application is not built; run npm run build:web');
    const notBuilt = (request: FastifyRequest, reply: FastifyReply) => {
      if (!isAppRoute(request.url)) return reply.callNotFound();
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The Lifeboat web application is not built. Run `npm run build:web` (npm start does it for you).\n',
        );
    };
    app.get('/', { schema: { hide: true } }, notBuilt);
    app.get('/*', { schema: { hide: true } }, notBuilt);
    return;
  }

  await app.register(fastifyStatic, {
    root: options.root,
    prefix: '/',
    // One route per file found now (the build is made before the server starts); the SPA route below takes
    // every other path, which a wildcard static route would answer with a 404 instead.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.includes(`${sep}assets${sep}`) ? IMMUTABLE : REVALIDATE);
    },
  });

  const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
    if (!isAppRoute(request.url)) return reply.callNotFound();
    return reply.header('cache-control', REVALIDATE).sendFile('index.html');
  };
  app.get('/', { schema: { hide: true } }, sendIndex);
  app.get('/*', { schema: { hide: true } }, sendIndex);
}
