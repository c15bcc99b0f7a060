#!/usr/bin/env node
// The `lifeboat` command. It runs the compiled JavaScript in dist/ (built by `npm run build`, which `npm install`
// runs too) when dist/ is at least as new as every file in src/, so a deployment needs neither tsx nor a
// compiler at start. In a development checkout whose sources changed since the last build, it runs the
// TypeScript sources through tsx instead (a development dependency), so an edit takes effect without a build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Written by scripts/build.mjs with the time the build started: a source saved after it is not in dist/. */
const STAMP = join(ROOT, 'dist', '.build-stamp');
const SOURCES = join(ROOT, 'src');

/** Whether a file or folder under `path` was modified after `time` (milliseconds); tests are not compiled. */
function changedSince(path, time) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return !path.endsWith('.test.ts') && stat.mtimeMs > time;
  return readdirSync(path).some((entry) => changedSince(join(path, entry), time));
}

/** Whether dist/ holds a build of the sources as they are now (or there are no sources to compare with). */
function builtIsCurrent() {
  if (process.env.LIFEBOAT_FROM_SOURCE === '1' || !existsSync(STAMP)) return false;
  return !existsSync(SOURCES) || !changedSince(SOURCES, statSync(STAMP).mtimeMs);
}

if (builtIsCurrent()) {
  await import('../dist/cli/main.js');
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      'lifeboat: error: dist/ is missing or older than src/, and tsx (a development dependency) is not installed: run `npm run build` in a checkout with its development dependencies\n',
    );
    process.exit(1);
  }
  register();
  await import('../src/cli/main.ts');
}
