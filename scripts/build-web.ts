// `npm run build:web`: builds the web application into web/dist when it is missing or stale (`-- --force`: always).
import { buildWeb, ensureWebBuild, webBuildIsStale } from '../src/cli/web-build.ts';

if (process.argv.includes('--force')) {
  process.stdout.write('Building the web application into web/dist...\n');
  await buildWeb();
} else if (!webBuildIsStale()) {
  process.stdout.write('web/dist is up to date (pass --force to build anyway).\n');
} else {
  await ensureWebBuild();
}
