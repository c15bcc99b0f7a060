import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';
import type { Command } from 'commander';
import { buildApp } from '../server/app.ts';
import { startMetricsServer } from '../server/metrics-server.ts';
import { ConfigError, parsePort, serverConfigFromEnv } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { AuthError } from '../server/auth/auth-error.ts';
import { createAuthService, FIRST_ADMIN_EMAIL } from '../server/auth/auth.service.ts';
import { oidcConfigFromEnv } from '../server/auth/oidc.ts';
import { loadExampleIfEmpty } from './import.command.ts';
import { fail } from './output.ts';
import { ensureWebBuild, WEB_DIST } from './web-build.ts';

/** JSON log lines; readable lines on a terminal when pino-pretty is installed (it is a development dependency). */
function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (!process.stdout.isTTY) return { level };
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
  } catch {
    return { level };
  }
  return {
    level,
    transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } },
  };
}

/** `lifeboat serve`: the HTTP server, on the database the environment names. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the API and web application (what `npm start` runs)')
    .option('--port <port>', 'port to listen on (env PORT, default 8080; 0 picks a free one)')
    .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
    .action(async (flags: { port?: string; host?: string }) => {
      let config;
      try {
        config = serverConfigFromEnv();
        if (flags.port !== undefined) config.port = parsePort(flags.port, '--port');
        if (flags.host !== undefined) config.host = flags.host;
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        process.stderr.write(`lifeboat serve: error: ${error.message}\n`);
        process.exit(2);
      }
      const database = await openDatabase(config.database).catch((error: unknown) => {
        const where = config.database.dialect === 'sqlite' ? config.database.file : 'DATABASE_URL';
        process.stderr.write(
          `lifeboat serve: error: cannot open the database (${where}): ${String(error)}\n`,
        );
        process.exit(1);
      });
      if (process.env.LIFEBOAT_NO_DEMO !== '1') {
        const loaded = await loadExampleIfEmpty(database);
        if (loaded) {
          process.stdout.write(
            `Loaded the example organisation (Northbank, ${loaded.created} documents) into the empty database; set LIFEBOAT_NO_DEMO=1 to start empty.\n`,
          );
        }
      }
      const auth = createAuthService({ database, now: () => new Date() });
      try {
        const admin = await auth.ensureFirstAdmin(config.adminPassword);
        if (admin.generated) {
          process.stdout.write(
            `Created the first user ${FIRST_ADMIN_EMAIL} with the password ${admin.generated}\n(shown once: sign in and keep it safe, or set LIFEBOAT_ADMIN_PASSWORD before the first start)\n`,
          );
        } else if (admin.created) {
          process.stdout.write(
            `Created the first user ${FIRST_ADMIN_EMAIL} with the password from LIFEBOAT_ADMIN_PASSWORD\n`,
          );
        }
      } catch (error) {
        if (error instanceof AuthError) fail('serve', `LIFEBOAT_ADMIN_PASSWORD: ${error.detail}`, 2);
        throw error;
      }
      let oidc;
      try {
        oidc = oidcConfigFromEnv(process.env, config.publicUrl ?? `http://localhost:${config.port}`);
      } catch (error) {
        fail('serve', (error as Error).message, 2);
      }
      await ensureWebBuild();
      const app = await buildApp({
        database,
        logger: loggerOptions(config.logLevel),
        webRoot: WEB_DIST,
        publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
        startJobs: true,
        metricsToken: config.metricsToken,
        ...(config.trustProxy !== undefined && { trustProxy: config.trustProxy }),
        ...(oidc && { auth: { oidc } }),
      });
      const shutdown = (signal: string) => {
        app.log.info({ signal }, 'shutting down');
        void app
          .close()
          .then(() => database.close())
          .finally(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      try {
        await app.listen({ port: config.port, host: config.host });
      } catch (error) {
        process.stderr.write(
          `lifeboat serve: error: cannot listen on ${config.host}:${config.port}: ${String(error)}\n`,
        );
        await database.close();
        process.exit(1);
      }
      if (config.metricsPort !== undefined) {
        const metrics = await startMetricsServer(config.metricsPort).catch((error: unknown) => {
          process.stderr.write(
            `lifeboat serve: error: cannot serve metrics on 127.0.0.1:${config.metricsPort}: ${String(error)}\n`,
          );
          process.exit(1);
        });
        const metricsAddress = metrics.address();
        const metricsPort = typeof metricsAddress === 'object' && metricsAddress ? metricsAddress.port : 0;
        process.stdout.write(`Metrics are served on http://127.0.0.1:${metricsPort}/metrics\n`);
      }
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const where = config.database.dialect === 'sqlite' ? config.database.file : 'PostgreSQL (DATABASE_URL)';
      process.stdout.write(`Lifeboat is listening on http://${config.host}:${port} (database: ${where})\n`);
    });
}
