import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The web application's source folder. */
export const WEB_ROOT = fileURLToPath(new URL('../../web/', import.meta.url));

/** Where the production build goes (what `lifeboat serve` serves). */
export const WEB_DIST = join(WEB_ROOT, 'dist');

/**
 * Code outside web/ that the web application bundles (the schemas and rules it shares with the server). Found
 * from web/ rather than from this file, which also runs compiled from dist/cli/.
 */
const SHARED_SOURCES = ['catalog', 'engine', 'plans'].map((folder) => join(WEB_ROOT, '..', 'src', folder));

/** The newest modification time of the sources the build reads: index.html, vite.config.ts, src/**. */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (!path.endsWith('.test.ts')) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of ['index.html', 'vite.config.ts', 'tsconfig.json', 'src']) {
    const path = join(WEB_ROOT, entry);
    if (existsSync(path)) visit(path);
  }
  for (const path of SHARED_SOURCES) if (existsSync(path)) visit(path);
  return newest;
}

/** Whether web/dist is missing or older than any source file. */
export function webBuildIsStale(): boolean {
  const index = join(WEB_DIST, 'index.html');
  return !existsSync(index) || statSync(index).mtimeMs < newestSource();
}

/** Whether Vite is installed: in a development checkout, not in a deployment installed without dev dependencies. */
export function canBuildWeb(): boolean {
  try {
    createRequire(import.meta.url).resolve('vite');
    return true;
  } catch {
    return false;
  }
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

/**
 * In a development checkout, rebuilds web/dist with Vite when it is missing or older than its sources (one line
 * while it builds). A deployment built by `npm run build` (or `npm install`) finds it current and compiles
 * nothing; one installed without development dependencies never builds and serves web/dist as it is.
 */
export async function ensureWebBuild(): Promise<void> {
  if (!webBuildIsStale() || !canBuildWeb()) return;
  process.stdout.write('Building the web application into web/dist (missing or older than web/src)...\n');
  await buildWeb();
}
