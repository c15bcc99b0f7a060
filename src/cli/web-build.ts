import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web application's source folder. */
export const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));

/** Where the production build goes (what `lifeboat serve` serves). */
export const WEB_DIST = join(WEB_ROOT, 'dist');

/** Catalog code outside web/ that the web application bundles. */
const SHARED_CATALOG = fileURLToPath(new URL('../catalog/vocabulary.ts', import.meta.url));

/** The newest modification time of the sources the build reads: index.html, vite.config.ts, src/**. */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of ['index.html', 'vite.config.ts', 'tsconfig.json', 'src']) {
    const path = join(WEB_ROOT, entry);
    if (existsSync(path)) visit(path);
  }
  // The web application also bundles the catalog's shared word lists (src/catalog/vocabulary.ts).
  visit(SHARED_CATALOG);
  return newest;
}

/** Whether web/dist is missing or older than any source file. */
export function webBuildIsStale(): boolean {
  const index = join(WEB_DIST, 'index.html');
  return !existsSync(index) || statSync(index).mtimeMs < newestSource();
}

/** Builds web/ into web/dist with Vite, whether or not it is stale. */
export async function buildWeb(): Promise<void> {
  // Vite is loaded only when a build is needed: `lifeboat serve` on a fresh build never pays for it.
  const { build } = await import('vite');
  await build({
    root: WEB_ROOT,
    configFile: join(WEB_ROOT, 'vite.config.ts'),
    // Only errors: a user starting the server needs no bundler timing notes.
    logLevel: 'error',
  });
}

/** Builds web/ into web/dist with Vite when the build is missing or stale; prints one line while it builds. */
export async function ensureWebBuild(): Promise<void> {
  if (!webBuildIsStale()) return;
  process.stdout.write('Building the web application into web/dist (missing or older than web/src)...\n');
  await buildWeb();
}
