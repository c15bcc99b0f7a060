import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idSchema } from '../../catalog/metadata.schema.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { actorOf } from '../http/authorization.ts';
import { problemSchema } from '../http/problem.ts';
import type { AssessmentService } from '../services/assessment.service.ts';
import type { AssessmentDocument } from '../services/assessment-versions.ts';
import type { Actor } from '../services/catalog.service.ts';
import { registerApprovalHooks, reviewedBody, reviewedVersion } from './approval.routes.ts';
import {
  assessmentApprovalSchema,
  assessmentHistorySchema,
  assessmentVersionSchema,
  assessmentVersionsSchema,
  requestedAssessmentsSchema,
  returnBodySchema,
} from './assessment.schema.ts';
import { documentSchemas } from '../../catalog/kinds.ts';

const idParams = z.object({ id: idSchema });
const tags = ['assessments'];
const errors = { 400: problemSchema, 403: problemSchema, 404: problemSchema };
const stepErrors = { ...errors, 409: problemSchema, 428: problemSchema };
const ifMatch = z.object({ 'if-match': z.string().optional() });
const versionRule =
  'Name the version you reviewed with If-Match or {"version": n}: 428 without one, 409 when the assessment has changed since.';

/**
 * The BIA workflow beside the generic `/api/v1/assessments` routes: submit, approve, return, versions and
 * history, and what the signed-in user is asked to assess. Status is derived: the hooks drop status claims from
 * writes and answer every assessment with the status its versions, submissions and returns give.
 */
export function registerAssessmentRoutes(
  app: FastifyInstance,
  assessments: AssessmentService,
  auth: Pick<AuthService, 'ownerScope'>,
): void {
  registerApprovalHooks<AssessmentDocument>(app, 'ImpactAssessment', (documents) =>
    assessments.views(documents),
  );

  /** A service owner submits within their scope: their Person and their teams. */
  async function submitter(request: FastifyRequest): Promise<Actor> {
    const name = actorOf(request);
    const principal = request.principal;
    if (principal?.role !== 'owner') return name;
    return { name, ownerScope: await auth.ownerScope(principal.email) };
  }

  const route = app.withTypeProvider<ZodTypeProvider>();

  route.get(
    '/api/v1/assessments/requested',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: 'The assessments open campaigns ask of the signed-in user (BIA requested)',
        description:
          'Services owned by your Person or a team you belong to, in every campaign that has opened (overdue ones too), whose assessment is not approved yet; soonest due first.',
        response: { 200: requestedAssessmentsSchema },
      },
    },
    async (request) => {
      const email = request.principal?.email;
      const owners = email === undefined ? new Set<string>() : await auth.ownerScope(email);
      return { items: await assessments.requested(owners) };
    },
  );

  route.post(
    '/api/v1/assessments/:id/submit',
    {
      // A service owner may submit the assessments of the services they own; managers and admins any.
      config: { access: 'catalog:write', kind: 'ImpactAssessment' },
      schema: {
        tags,
        summary: 'Submit an assessment for approval at the version you reviewed',
        description: versionRule,
        params: idParams,
        headers: ifMatch,
        body: reviewedBody,
        response: { 200: documentSchemas.ImpactAssessment, ...stepErrors },
      },
    },
    async (request) =>
      assessments.submit(
        request.params.id,
        await submitter(request),
        reviewedVersion(request.headers['if-match'], request.body),
      ),
  );

  route.post(
    '/api/v1/assessments/:id/approve',
    {
      // No `kind`: a service owner may write their assessments, but approving one is for a manager or an admin.
      config: { access: 'catalog:write' },
      schema: {
        tags,
        summary:
          'Approve an assessment at the version you reviewed and freeze it as the next numbered version',
        description: versionRule,
        params: idParams,
        headers: ifMatch,
        body: reviewedBody,
        response: { 200: assessmentApprovalSchema, ...stepErrors },
      },
    },
    async (request) =>
      assessments.approve(
        request.params.id,
        actorOf(request),
        reviewedVersion(request.headers['if-match'], request.body),
      ),
  );

  route.post(
    '/api/v1/assessments/:id/return',
    {
      config: { access: 'catalog:write' },
      schema: {
        tags,
        summary: 'Return a submitted assessment to its owner with a comment',
        description: `${versionRule} The comment is required; the owner reads it in the history.`,
        params: idParams,
        headers: ifMatch,
        body: returnBodySchema,
        response: { 200: documentSchemas.ImpactAssessment, ...stepErrors },
      },
    },
    async (request) =>
      assessments.return(
        request.params.id,
        actorOf(request),
        reviewedVersion(request.headers['if-match'], request.body),
        request.body.comment,
      ),
  );

  route.get(
    '/api/v1/assessments/:id/history',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: 'Submissions, returns (with their comments) and approvals of an assessment, in order',
        params: idParams,
        response: { 200: assessmentHistorySchema, ...errors },
      },
    },
    async (request) => ({ items: await assessments.history(request.params.id) }),
  );

  route.get(
    '/api/v1/assessments/:id/versions',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: 'The approved versions of an assessment',
        params: idParams,
        response: { 200: assessmentVersionsSchema, ...errors },
      },
    },
    async (request) => ({ items: await assessments.versions(request.params.id) }),
  );

  route.get(
    '/api/v1/assessments/:id/versions/:number',
    {
      config: { access: 'catalog:read' },
      schema: {
        tags,
        summary: 'One approved version of an assessment, as it was approved',
        params: z.object({ id: idSchema, number: z.coerce.number().int().min(1) }),
        response: { 200: assessmentVersionSchema, ...errors },
      },
    },
    async (request) => assessments.version(request.params.id, request.params.number),
  );
}
