import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import type { LifeboatDatabase } from './db/database.ts';
import { registerProblemHandlers } from './http/problem.ts';
import { registerAnalysisRoutes } from './routes/analysis.routes.ts';
import { registerAuditRoutes } from './routes/audit.routes.ts';
import { registerCatalogRoutes } from './routes/catalog.routes.ts';
import { registerHealthRoutes } from './routes/health.routes.ts';
import { createAnalysisService } from './services/analysis.service.ts';
import { createCatalogService } from './services/catalog.service.ts';

/** What the application is built from; tests pass their own database and clock. */
export interface AppOptions {
  database: LifeboatDatabase;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
}

/** The largest request body accepted: a catalog document is a few kilobytes. */
export const BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP application, wired once: routes -> services -> repositories -> database. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    // Requests carry their id into every log line; a client may pass its own.
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  // Answers are built from stored, already-validated documents: the schemas document them, plain JSON sends them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerProblemHandlers(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lifeboat API',
        version: '1',
        description:
          'The continuity catalog: services, components, sites, vendors, teams and people. Errors are RFC 9457 problem+json.',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  const catalog = createCatalogService({
    database: options.database,
    now: options.now ?? (() => new Date()),
  });
  registerHealthRoutes(app, options.database);
  registerCatalogRoutes(app, catalog);
  registerAuditRoutes(app, options.database);
  registerAnalysisRoutes(app, createAnalysisService({ database: options.database }));
  return app;
}
