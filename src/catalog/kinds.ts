import { z } from 'zod';
import { metadataSchema } from './metadata.schema.ts';
import {
  componentSpecSchema,
  incidentSpecSchema,
  personSpecSchema,
  planSpecSchema,
  serviceSpecSchema,
  siteSpecSchema,
  teamSpecSchema,
  vendorSpecSchema,
} from './kinds.schema.ts';

/** The apiVersion of every catalog document. */
export const API_VERSION = 'lifeboat/v1';

/** Every kind of document in the catalog, with the collection name used in URLs and the spec schema. */
export const KINDS = {
  Service: { plural: 'services', spec: serviceSpecSchema, failureNode: true },
  Component: { plural: 'components', spec: componentSpecSchema, failureNode: true },
  Site: { plural: 'sites', spec: siteSpecSchema, failureNode: true },
  Vendor: { plural: 'vendors', spec: vendorSpecSchema, failureNode: true },
  Team: { plural: 'teams', spec: teamSpecSchema, failureNode: false },
  Person: { plural: 'people', spec: personSpecSchema, failureNode: false },
  Plan: { plural: 'plans', spec: planSpecSchema, failureNode: false },
  Incident: { plural: 'incidents', spec: incidentSpecSchema, failureNode: false },
} as const;

/** The name of a kind: `Service`, `Component`, ... */
export type Kind = keyof typeof KINDS;

/** The kinds, in the order the catalog lists them. */
export const KIND_NAMES = Object.keys(KINDS) as Kind[];

/** The kinds that can fail and be depended on. */
export const FAILURE_KINDS = KIND_NAMES.filter((kind) => KINDS[kind].failureNode);

/** Whether a string names a kind. */
export function isKind(name: string): name is Kind {
  return Object.hasOwn(KINDS, name);
}

/** The kind whose collection is named `plural` (`services` -> `Service`). */
export function kindOfPlural(plural: string): Kind | undefined {
  return KIND_NAMES.find((kind) => KINDS[kind].plural === plural);
}

function documentSchemaOf<K extends Kind>(kind: K) {
  return z
    .strictObject({
      apiVersion: z.literal(API_VERSION),
      kind: z.literal(kind),
      metadata: metadataSchema,
      // The assertion keeps each document type's spec tied to its own kind (eslint sees only the union).
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
      spec: KINDS[kind].spec as (typeof KINDS)[K]['spec'],
    })
    .meta({ id: kind, description: `A ${kind} document.` });
}

/** One zod schema per kind for a whole document. */
export const documentSchemas = {
  Service: documentSchemaOf('Service'),
  Component: documentSchemaOf('Component'),
  Site: documentSchemaOf('Site'),
  Vendor: documentSchemaOf('Vendor'),
  Team: documentSchemaOf('Team'),
  Person: documentSchemaOf('Person'),
  Plan: documentSchemaOf('Plan'),
  Incident: documentSchemaOf('Incident'),
} satisfies { [K in Kind]: z.ZodType };

/** A document of one kind. */
export type DocumentOf<K extends Kind> = z.infer<(typeof documentSchemas)[K]>;

/** Any catalog document. */
export type CatalogDocument = { [K in Kind]: DocumentOf<K> }[Kind];

/** Any catalog document's spec. */
export type Spec = CatalogDocument['spec'];

/** Any catalog document: discriminated on `kind`. */
export const catalogDocumentSchema = z.discriminatedUnion('kind', [
  documentSchemas.Service,
  documentSchemas.Component,
  documentSchemas.Site,
  documentSchemas.Vendor,
  documentSchemas.Team,
  documentSchemas.Person,
  documentSchemas.Plan,
  documentSchemas.Incident,
]);
