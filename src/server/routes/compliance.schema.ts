/**
 * The answers of the compliance routes, as zod schemas for validation and the OpenAPI document; they describe
 * the types of src/compliance/types.ts (`ComplianceReport`), which the web application reads. Only zod here.
 */
import { z } from 'zod';
import { KIND_NAMES } from '../../catalog/kinds.ts';
import { CHECK_IDS, FRAMEWORK_IDS, SEVERITIES } from '../../catalog/vocabulary.ts';

const checkIdSchema = z.enum(CHECK_IDS);
const frameworkIdSchema = z.enum(FRAMEWORK_IDS);
const checkStatusSchema = z.enum(['pass', 'fail', 'not-applicable']);

/** A link to what evidences an item or explains its failure. */
export const evidenceSchema = z
  .object({
    type: z.enum(['document', 'version', 'audit']),
    kind: z.enum(KIND_NAMES).optional(),
    id: z.string().meta({ description: "The document's id, or for `audit` the entry's sequence number." }),
    title: z.string(),
    path: z.string().optional().meta({ description: "The web application's path, from the root." }),
    version: z.int().optional(),
    checksum: z.string().optional(),
    date: z.string().optional(),
  })
  .meta({ id: 'ComplianceEvidence' });

/** One item a check applies to. */
export const checkItemSchema = z
  .object({
    id: z.string(),
    kind: z.enum([...KIND_NAMES, 'Catalog']),
    status: z.enum(['pass', 'fail']),
    message: z.string(),
    path: z.string().optional().meta({ description: 'The page that fixes a failure or shows the item.' }),
    evidence: z.array(evidenceSchema).optional(),
  })
  .meta({ id: 'ComplianceItem' });

const referenceSchema = z.object({ framework: frameworkIdSchema, clause: z.string() });

/** A check's result. */
export const checkResultSchema = z
  .object({
    id: checkIdSchema,
    title: z.string(),
    rule: z.string(),
    severity: z.enum(SEVERITIES),
    status: checkStatusSchema.meta({
      description: 'fail when an item fails, pass when every item passes, not-applicable when it has none.',
    }),
    passed: z.int(),
    failed: z.int(),
    items: z.array(checkItemSchema),
    references: z.array(referenceSchema),
  })
  .meta({ id: 'ComplianceCheck' });

/** A framework's requirement with the checks that evidence it. */
export const requirementSchema = z.object({
  clause: z.string(),
  title: z.string(),
  checks: z.array(checkIdSchema),
  status: z.enum(['pass', 'fail', 'not-applicable', 'manual']).meta({
    description:
      'From its checks: fail when one fails, pass when all that apply pass; manual when no check covers it.',
  }),
  statements: z
    .array(z.object({ id: z.string(), text: z.string(), madeBy: z.string(), date: z.string() }))
    .optional()
    .meta({ description: 'For a manual requirement: the Statements made about it, newest first.' }),
});

/** `GET /api/v1/analysis/compliance`. */
export const complianceReportSchema = z
  .object({
    at: z.string().meta({ description: 'The day the checks were evaluated at (YYYY-MM-DD).' }),
    score: z.number().nullable().meta({
      description: 'Passing items over all items of all checks (0 to 1); null when no check has an item.',
    }),
    checks: z.array(checkResultSchema),
    frameworks: z.array(
      z.object({ id: frameworkIdSchema, title: z.string(), requirements: z.array(requirementSchema) }),
    ),
  })
  .meta({ id: 'ComplianceReport' });

/** One day's snapshot in the trend. */
export const complianceSnapshotSchema = z
  .object({
    date: z.string(),
    score: z.number().nullable(),
    checks: z.array(
      z.object({ id: checkIdSchema, status: checkStatusSchema, passed: z.int(), failed: z.int() }),
    ),
  })
  .meta({ id: 'ComplianceSnapshot' });

/** `GET /api/v1/analysis/compliance/trend`. */
export const complianceTrendSchema = z.object({ snapshots: z.array(complianceSnapshotSchema) });
