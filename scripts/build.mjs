// `npm run build` (and `npm install`, through `prepare`): compiles src/ to JavaScript in dist/ with tsc and builds
// the web application into web/dist with Vite, so `lifeboat serve` starts without tsx or a bundler.
// Plain JavaScript: it runs before anything is compiled. `--if-tools`: skip with a notice when the development
// dependencies are not installed (`npm ci --omit=dev` of a tree that was built before).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const require = createRequire(import.meta.url);

/** The path of a package's file, or undefined when the package is not installed. */
function resolve(specifier) {
  try {
    return require.resolve(specifier);
  } catch {
    return undefined;
  }
}

const tsc = resolve('typescript/bin/tsc');
if (!tsc || !resolve('vite')) {
  if (process.argv.includes('--if-tools')) {
    process.stdout.write(
      'lifeboat: not building: typescript and vite (development dependencies) are not installed; dist/ and web/dist/ are used as they are.\n',
    );
    process.exit(0);
  }
  process.stderr.write(
    'lifeboat build: error: typescript and vite are not installed: run `npm install` first\n',
  );
  process.exit(1);
}

// A source saved while tsc runs may not be in its output: the stamp carries the time the build started, and
// bin/lifeboat.js runs dist/ only when no source is newer than it.
const started = new Date();
rmSync(DIST, { recursive: true, force: true });
const compiled = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
if (compiled.status !== 0) {
  process.stderr.write('lifeboat build: error: tsc could not compile src/ (see above)\n');
  process.exit(1);
}
mkdirSync(DIST, { recursive: true });
const stamp = join(DIST, '.build-stamp');
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started);

const { buildWeb } = await import('../dist/cli/web-build.js');
process.stdout.write('Building the web application into web/dist...\n');
await buildWeb();
process.stdout.write('Built dist/ (server and command line) and web/dist/ (web application).\n');
