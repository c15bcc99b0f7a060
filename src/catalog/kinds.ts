/**
 * The kind registry: every kind of catalog document, declared once in its own file under `kinds/`, and what
 * the server's routes, the checker, the OpenAPI document, the JSON Schema, the web application and the docs
 * derive from it. Adding a kind is a file in `kinds/`, a line in `DECLARATIONS` and its tests.
 */
import { z } from 'zod';
import { metadataSchema } from './metadata.schema.ts';
import type { FieldInfo, KindDeclaration } from './registry.ts';
import { describeField, shapeOf } from './registry.ts';
import { componentKind } from './kinds/component.kind.ts';
import { incidentKind } from './kinds/incident.kind.ts';
import { personKind } from './kinds/person.kind.ts';
import { planKind } from './kinds/plan.kind.ts';
import { serviceKind } from './kinds/service.kind.ts';
import { siteKind } from './kinds/site.kind.ts';
import { teamKind } from './kinds/team.kind.ts';
import { vendorKind } from './kinds/vendor.kind.ts';
import { policyKind } from './kinds/policy.kind.ts';
import { impactAssessmentKind } from './kinds/impact-assessment.kind.ts';
import { campaignKind } from './kinds/campaign.kind.ts';
import { riskKind } from './kinds/risk.kind.ts';
import { exerciseKind } from './kinds/exercise.kind.ts';
import { trainingKind } from './kinds/training.kind.ts';
import { contractKind } from './kinds/contract.kind.ts';
import { statementKind } from './kinds/statement.kind.ts';

/** The apiVersion of every catalog document. */
export const API_VERSION = 'lifeboat/v1';

/** Every kind, in the order the catalog, the navigation and the docs list them. */
const DECLARATIONS = [
  serviceKind,
  componentKind,
  siteKind,
  vendorKind,
  teamKind,
  personKind,
  planKind,
  incidentKind,
  policyKind,
  impactAssessmentKind,
  campaignKind,
  riskKind,
  exerciseKind,
  trainingKind,
  contractKind,
  statementKind,
] as const;

type Declared = (typeof DECLARATIONS)[number];

/** The name of a kind: `Service`, `Component`, ... */
export type Kind = Declared['kind'];

/** A kind's declaration, by name. */
export type DeclarationOf<K extends Kind> = Extract<Declared, { kind: K }>;

/** A filter of a kind's list: a spec field compared for equality, or `missing` (fields that are absent). */
export interface FilterInfo {
  name: string;
  label: string;
  /** Fixed choices (an enum, tiers, the fields that may be missing). */
  options?: readonly string[];
  /** Or the kinds whose documents it names. */
  kinds?: readonly Kind[];
}

/** A kind with everything derived from its declaration. */
export interface KindEntry extends KindDeclaration<Kind> {
  /** Every spec field, presented (label, input, required, referenced kinds), in schema order. */
  fields: readonly FieldInfo[];
  /** The form's fields, presented. */
  formFields: readonly FieldInfo[];
  /** The list filters, presented. */
  filterInfo: readonly FilterInfo[];
}

/** The kinds that can fail and be depended on. */
export const FAILURE_KINDS: readonly Kind[] = DECLARATIONS.filter((d) => d.failureNode).map((d) => d.kind);

function filterInfoOf(declaration: KindDeclaration<Kind>, fields: Map<string, FieldInfo>): FilterInfo[] {
  const filters: FilterInfo[] = (declaration.filters ?? []).map((name) => {
    const field = fields.get(name);
    if (!field) throw new Error(`${declaration.kind}: the filter "${name}" is not a spec field`);
    if (field.type === 'select') return { name, label: field.label, options: field.options };
    if (field.type === 'ref' || field.type === 'refs')
      return { name, label: field.label, kinds: field.kinds as Kind[] };
    if (field.type === 'tier') return { name, label: field.label, options: ['1', '2', '3', '4'] };
    return { name, label: field.label };
  });
  if (declaration.missing?.length)
    filters.push({ name: 'missing', label: 'Missing', options: declaration.missing });
  return filters;
}

function entryOf(declaration: KindDeclaration<Kind>): KindEntry {
  const shape = shapeOf(declaration.spec);
  if (!shape) throw new Error(`${declaration.kind}: the spec schema must be an object`);
  const fields = new Map(
    Object.entries(shape).map(([name, schema]) => [name, describeField(name, schema, FAILURE_KINDS)]),
  );
  const pick = (names: readonly string[], what: string) =>
    names.map((name) => {
      const field = fields.get(name);
      if (!field) throw new Error(`${declaration.kind}: the ${what} "${name}" is not a spec field`);
      return field;
    });
  pick(declaration.columns, 'column');
  pick(declaration.missing ?? [], 'missing field');
  for (const field of fields.values()) {
    const unknown =
      'kinds' in field ? field.kinds.find((kind) => !DECLARATIONS.some((d) => d.kind === kind)) : undefined;
    if (unknown) throw new Error(`${declaration.kind}.${field.name} refers to an unknown kind "${unknown}"`);
  }
  return {
    ...declaration,
    fields: [...fields.values()],
    formFields: pick(declaration.form, 'form field'),
    filterInfo: filterInfoOf(declaration, fields),
  };
}

/** Every kind's registry entry, by name, in catalog order. */
export const KINDS = Object.fromEntries(DECLARATIONS.map((d) => [d.kind, entryOf(d)])) as {
  [K in Kind]: KindEntry & DeclarationOf<K>;
};

/** The kinds, in the order the catalog lists them. */
export const KIND_NAMES: readonly Kind[] = DECLARATIONS.map((d) => d.kind);

/** The collection names used in URLs: `services`, `people`... */
export type Plural = Declared['plural'];

/** Whether a string names a kind. */
export function isKind(name: string): name is Kind {
  return Object.hasOwn(KINDS, name);
}

/** The kind whose collection is named `plural` (`services` -> `Service`). */
export function kindOfPlural(plural: string): Kind | undefined {
  return KIND_NAMES.find((kind) => KINDS[kind].plural === plural);
}

/** Whether a service owner may write documents of this kind (within their scope). */
export function isOwnerWritable(kind: string): boolean {
  return isKind(kind) && KINDS[kind].ownerWritable;
}

/** Every spec field any kind filters its list on, or lets a list ask for when missing. */
export const FILTER_FIELDS: readonly string[] = [
  ...new Set(DECLARATIONS.flatMap((d) => [...(d.filters ?? []), ...(d.missing ?? [])])),
];

function documentSchemaOf<K extends Kind>(kind: K) {
  return z
    .strictObject({
      apiVersion: z.literal(API_VERSION),
      kind: z.literal(kind),
      metadata: metadataSchema,
      spec: KINDS[kind].spec as DeclarationOf<K>['spec'],
    })
    .meta({ id: kind, description: `A ${kind} document.` });
}

type DocumentSchemas = { [K in Kind]: ReturnType<typeof documentSchemaOf<K>> };

/** One zod schema per kind for a whole document. */
export const documentSchemas = Object.fromEntries(
  KIND_NAMES.map((kind) => [kind, documentSchemaOf(kind)]),
) as DocumentSchemas;

/** A document of one kind. */
export type DocumentOf<K extends Kind> = z.infer<DocumentSchemas[K]>;

/** Any catalog document. */
export type CatalogDocument = { [K in Kind]: DocumentOf<K> }[Kind];

/** Any catalog document's spec. */
export type Spec = CatalogDocument['spec'];

/** Any catalog document: discriminated on `kind`. */
export const catalogDocumentSchema = z.discriminatedUnion(
  'kind',
  KIND_NAMES.map((kind) => documentSchemas[kind]) as unknown as [
    DocumentSchemas[Kind],
    ...DocumentSchemas[Kind][],
  ],
);
