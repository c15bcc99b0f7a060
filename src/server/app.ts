import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { createAuthService } from './auth/auth.service.ts';
import type { AuthSettings } from './auth/auth.service.ts';
import { createOidc } from './auth/oidc.ts';
import type { OidcConfig } from './auth/oidc.ts';
import { mailConfigFromEnv } from './config.ts';
import type { TrustProxy } from './config.ts';
import type { LifeboatDatabase } from './db/database.ts';
import { registerAuthorization } from './http/authorization.ts';
import { registerProblemHandlers, sendProblem } from './http/problem.ts';
import { registerTextGuard } from './http/text-guard.ts';
import { requestLogFields } from './http/log-redaction.ts';
import { registerWebApp } from './http/web-static.ts';
import { registerAnalysisRoutes } from './routes/analysis.routes.ts';
import { registerAssessmentRoutes } from './routes/assessment.routes.ts';
import { registerCampaignRoutes } from './routes/campaign.routes.ts';
import { registerComplianceRoutes } from './routes/compliance.routes.ts';
import { registerComplianceReportRoutes } from './routes/compliance-report.routes.ts';
import { registerAuditRoutes } from './routes/audit.routes.ts';
import { registerAuthRoutes } from './routes/auth.routes.ts';
import { registerAccountRoutes } from './routes/account.routes.ts';
import { registerUserRoutes } from './routes/users.routes.ts';
import { createAccountService } from './services/account.service.ts';
import { registerNotificationPreferenceRoutes } from './routes/notification-preferences.routes.ts';
import { createReminderService } from './services/reminder.service.ts';
import { createUserAdminService } from './services/user-admin.service.ts';
import { registerBiaRoutes } from './routes/bia.routes.ts';
import { registerRiskRoutes } from './routes/risk.routes.ts';
import { registerSupplierRoutes } from './routes/supplier.routes.ts';
import { registerDoraRoutes } from './routes/dora.routes.ts';
import { registerExerciseRoutes } from './routes/exercise.routes.ts';
import { registerExerciseCalibrationRoutes } from './routes/exercise-calibration.routes.ts';
import { registerExerciseReportRoutes } from './routes/exercise-report.routes.ts';
import { createExerciseReportService } from './services/exercise-report.service.ts';
import { createExerciseCalibration } from './services/exercise-calibration.ts';
import { createExerciseRecording } from './services/exercise-recording.ts';
import { createExerciseService } from './services/exercise.service.ts';
import { registerCatalogIoRoutes } from './routes/catalog-io.routes.ts';
import { registerSourceImportRoutes } from './routes/source-import.routes.ts';
import { registerCatalogRoutes } from './routes/catalog.routes.ts';
import { registerNotificationRoutes } from './routes/notification.routes.ts';
import { createWebhookService } from './notify/webhook.service.ts';
import { registerHealthRoutes } from './routes/health.routes.ts';
import { registerMetricsRoutes } from './routes/metrics.routes.ts';
import { registerIncidentRoutes } from './routes/incident.routes.ts';
import { registerCallTreeRoutes } from './routes/call-tree.routes.ts';
import { createCallTreeService } from './services/call-tree.service.ts';
import type { JobQueue } from './jobs/types.ts';
import type { Notifier } from './notify/types.ts';
import { registerPlanRoutes } from './routes/plan.routes.ts';
import { createAnalysisService } from './services/analysis.service.ts';
import { createAssessmentService } from './services/assessment.service.ts';
import { createBiaService } from './services/bia.service.ts';
import { createRiskService } from './services/risk.service.ts';
import { createSupplierService } from './services/supplier.service.ts';
import { createCatalogService } from './services/catalog.service.ts';
import { createComplianceService } from './services/compliance.service.ts';
import { createComplianceReportService } from './services/compliance-report.service.ts';
import { createGraphProvider } from './services/graph-provider.ts';
import { createHeavyWork, heavyWorkOptionsFromEnv } from './services/heavy-work.ts';
import type { HeavyWork } from './services/heavy-work.ts';
import { createIncidentService } from './services/incident.service.ts';
import { createPlanService } from './services/plan.service.ts';
import { createJobQueue } from './jobs/queue.ts';
import { createNotifier } from './notify/notifier.ts';

/** What the application is built from; tests pass their own database, clock and auth settings. */
export interface AppOptions {
  database: LifeboatDatabase;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  auth?: { settings?: Partial<AuthSettings>; oidc?: OidcConfig };
  /** The built web application to serve (web/dist); API-only when absent. */
  webRoot?: string;
  /** The reverse proxies to believe about the client's address and protocol (LIFEBOAT_TRUST_PROXY). */
  trustProxy?: TrustProxy;
  /** The pool heavy work runs in; by default one sized by LIFEBOAT_WORKERS, closed with the app. */
  heavyWork?: HeavyWork;
  /** Email and webhooks (the call tree's notifications); without one, nothing is sent and the timeline says so. */
  notifier?: Notifier;
  /** The job queue escalation timers go to; without one, the scheduled escalation job finds them. */
  jobs?: JobQueue;
  /** Where users reach the server, for absolute links in emails (LIFEBOAT_PUBLIC_URL). */
  publicUrl?: string;
  /** Starts the job queue's schedules and workers when the app is ready (`lifeboat serve`); tests leave it off. */
  startJobs?: boolean;
  /** The bearer token GET /metrics asks for (LIFEBOAT_METRICS_TOKEN); without one /metrics answers 404. */
  metricsToken?: string | undefined;
}

/**
 * Fastify's `trustProxy` for a setting. Fastify refuses a bare hop count (it cannot tell a proxy from a client
 * that connects directly), so a count becomes a function trusting that many hops: documented as safe only when
 * nothing but the proxy can reach the server.
 */
function trustProxyOption(setting: TrustProxy): FastifyServerOptions['trustProxy'] {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/** The largest request body accepted: a catalog document is a few kilobytes. */
export const BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP application, wired once: routes -> services -> repositories -> database. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? false;
  const app = Fastify({
    // Credentials never reach the logs, whatever a serializer is later taught to print.
    logger:
      logger === false || logger === true || logger === undefined
        ? logger
        : {
            ...logger,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            serializers: { req: requestLogFields },
          },
    bodyLimit: BODY_LIMIT,
    // Without a setting, X-Forwarded-* headers are ignored: any client could write them.
    ...(options.trustProxy !== undefined && { trustProxy: trustProxyOption(options.trustProxy) }),
    // Errors found while routing (a malformed or over-long URL) are problem+json like every other error.
    frameworkErrors: (error, _request, reply) => {
      const detail =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'A value in the URL path is too long: an id has at most 63 characters'
          : 'The URL is not valid: it holds a malformed percent-encoding or character';
      void sendProblem(reply, error.statusCode ?? 400, { detail });
    },
    // Requests carry their id into every log line; a client may pass its own.
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  // Answers are built from stored, already-validated documents: the schemas document them, plain JSON sends them.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerProblemHandlers(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Component libraries set style attributes; no script runs from them.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(fastifyCookie);

  const auth = createAuthService({
    database: options.database,
    now,
    ...(options.auth?.settings && { settings: options.auth.settings }),
  });
  registerAuthorization(app, auth);
  registerTextGuard(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Lifeboat API',
        version: '1',
        description:
          'The continuity catalog: services, components, sites, vendors, teams and people. Errors are RFC 9457 problem+json. ' +
          'Authenticate with the session cookie of POST /api/v1/auth/login, or with `Authorization: Bearer <token>` (lifeboat token create).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'lifeboat_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());

  const { database } = options;
  // One view of the catalog for analysis and one pool for heavy work, shared by every service below.
  const graphs = createGraphProvider({ database });
  const work = options.heavyWork ?? createHeavyWork(heavyWorkOptionsFromEnv());
  if (!options.heavyWork) app.addHook('onClose', () => work.close());
  // Background jobs and notifications: the notifier sends through the queue, and jobs notify, so the queue
  // resolves the notifier when a job runs. By default: email through LIFEBOAT_SMTP_URL (else the outbox), pg-boss
  // on PostgreSQL and an in-process queue on SQLite, started only when asked (`lifeboat serve`).
  const publicUrl = options.publicUrl ?? (process.env.LIFEBOAT_PUBLIC_URL?.trim() || 'http://localhost:8080');
  const jobs: JobQueue =
    options.jobs ?? createJobQueue({ database, notifier: () => notifier, publicUrl, logger: app.log });
  const notifier: Notifier =
    options.notifier ??
    createNotifier({
      database,
      jobs,
      ...mailConfigFromEnv(),
      publicUrl,
      now,
    });
  if (options.startJobs) app.addHook('onReady', () => jobs.start());
  if (!options.jobs || options.startJobs) app.addHook('onClose', () => jobs.stop());
  // Webhook events raised where things happen; a failure to publish is logged, never the user's error.
  const events = {
    notifier,
    publicUrl,
    onError: (error: unknown) => app.log.warn({ err: error }, 'a webhook event could not be published'),
  };
  const catalog = createCatalogService({ database, now, events });
  registerHealthRoutes(app, database);
  registerMetricsRoutes(app, { token: options.metricsToken });
  registerAuthRoutes(app, auth, options.auth?.oidc ? createOidc(options.auth.oidc) : undefined);
  registerCatalogRoutes(app, catalog, { ownerScope: graphs.ownerScope });
  registerCatalogIoRoutes(app, { database, now, work });
  registerSourceImportRoutes(app, { database, now, work });
  registerAuditRoutes(app, database);
  registerNotificationRoutes(app, { database, webhooks: createWebhookService({ database, notifier, now }) });
  registerAnalysisRoutes(app, createAnalysisService({ database, graphs, work }));
  registerBiaRoutes(app, createBiaService({ database, graphs }));
  registerRiskRoutes(app, createRiskService({ database, now, graphs, work }));
  registerSupplierRoutes(app, createSupplierService({ database, now, graphs, work }));
  registerDoraRoutes(app, { database, now });
  registerExerciseRoutes(
    app,
    createExerciseService({ database, graphs, now }),
    createExerciseRecording({ catalog, events }),
    { ownerScope: graphs.ownerScope },
  );
  registerExerciseCalibrationRoutes(app, createExerciseCalibration({ graphs, catalog }));
  registerExerciseReportRoutes(app, createExerciseReportService({ database, now, graphs, work }));
  registerPlanRoutes(app, createPlanService({ database, now, graphs, work, events }));
  const assessments = createAssessmentService({ database, now });
  registerAssessmentRoutes(app, assessments, { ownerScope: graphs.ownerScope });
  registerCampaignRoutes(app, assessments);
  registerIncidentRoutes(app, createIncidentService({ database, now, graphs }));
  // One compliance service: its reports are cached per catalog state, date and framework.
  const compliance = createComplianceService({ database, now, graphs, work });
  registerComplianceRoutes(app, compliance);
  registerComplianceReportRoutes(
    app,
    createComplianceReportService({ database, compliance, graphs, work, now }),
  );
  registerCallTreeRoutes(
    app,
    createCallTreeService({
      database,
      catalog,
      notifier,
      jobs,
      publicUrl,
      now,
    }),
    { ownerScope: graphs.ownerScope },
  );
  registerUserRoutes(
    app,
    createUserAdminService({
      database,
      now,
      auth,
      notifier: () => notifier,
      publicUrl,
    }),
  );
  registerAccountRoutes(app, createAccountService({ database, now, auth }));
  registerNotificationPreferenceRoutes(app, createReminderService({ database }), now);
  if (options.webRoot) await registerWebApp(app, { root: options.webRoot });
  return app;
}
