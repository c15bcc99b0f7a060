/** The catalog API: documents of every kind, their listing and their audit history. */
import type { CatalogDocument, DocumentOf, Kind, Plural } from '../../../src/catalog/kinds.ts';
import { FILTER_FIELDS, KIND_NAMES, KINDS, kindOfPlural } from '../../../src/catalog/kinds.ts';
import type { Dependency } from '../../../src/catalog/kinds.schema.ts';
import { request } from './client';
import type { Query } from './client';

export type { CatalogDocument, DocumentOf, Kind, Dependency, Plural };

/** Kind -> plural, as the API names collections. */
export const PLURAL_OF = Object.fromEntries(KIND_NAMES.map((kind) => [kind, KINDS[kind].plural])) as Record<
  Kind,
  Plural
>;

/** Plural -> kind. */
export const KIND_OF = Object.fromEntries(KIND_NAMES.map((kind) => [KINDS[kind].plural, kind])) as Record<
  Plural,
  Kind
>;

/** Whether a URL segment names a collection. */
export function isPlural(value: string | undefined): value is Plural {
  return value !== undefined && kindOfPlural(value) !== undefined;
}

/** One page of a listing. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a listing can ask the server for. */
export interface ListParams {
  q?: string;
  labels?: string[];
  cursor?: string;
  limit?: number;
  /** Field filters (`tier`, `type`, `site`, `owner`...): those in SERVER_FIELD_FILTERS are sent along. */
  fields?: Record<string, string>;
}

/**
 * Field filters the server applies itself (`GET /api/v1/{kind}?tier=1&missing=rto`), so a list of 100k
 * components pages through the matches only: every filter a kind declares in the registry.
 */
export const SERVER_FIELD_FILTERS: readonly string[] = [...FILTER_FIELDS, 'missing'];

/** `GET /api/v1/{plural}`. */
export function listDocuments(plural: Plural, params: ListParams, signal?: AbortSignal) {
  const fields = Object.entries(params.fields ?? {}).filter(([name]) => SERVER_FIELD_FILTERS.includes(name));
  const query: Query = {
    q: params.q,
    label: params.labels,
    cursor: params.cursor,
    limit: params.limit,
    ...Object.fromEntries(fields),
  };
  return request<Page<CatalogDocument>>('GET', `/${plural}`, { query, signal });
}

/** `GET /api/v1/{plural}/{id}`. */
export function getDocument(plural: Plural, id: string, signal?: AbortSignal) {
  return request<CatalogDocument>('GET', `/${plural}/${encodeURIComponent(id)}`, { signal });
}

/** `POST /api/v1/{plural}`. */
export function createDocument(plural: Plural, document: CatalogDocument) {
  return request<CatalogDocument>('POST', `/${plural}`, { body: document });
}

/** `PUT /api/v1/{plural}/{id}`: the document carries the version it was read at in `metadata.version`. */
export function updateDocument(plural: Plural, document: CatalogDocument) {
  return request<CatalogDocument>('PUT', `/${plural}/${encodeURIComponent(document.metadata.id)}`, {
    body: document,
  });
}

/** `DELETE /api/v1/{plural}/{id}`, refused with 409 when the version moved on or others refer to it. */
export function deleteDocument(plural: Plural, id: string, version: number | undefined) {
  return request<void>('DELETE', `/${plural}/${encodeURIComponent(id)}`, {
    headers: version === undefined ? {} : { 'if-match': `"${version}"` },
  });
}

/** One audit log entry. */
export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete';
  kind: string;
  id: string;
  before: unknown;
  after: unknown;
}

/** `GET /api/v1/audit?kind=&id=`: a document's history, oldest first. */
export function listAudit(kind: Kind, id: string, cursor?: string, signal?: AbortSignal) {
  return request<Page<AuditEntry>>('GET', '/audit', { query: { kind, id, cursor, limit: 200 }, signal });
}
