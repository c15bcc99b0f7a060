/** TanStack Query keys and hooks: every piece of server state the pages read goes through here. */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { analyseImpact, findSinglePoints, findSpofs, getGraph, getObjectives } from './analysis';
import type { Direction } from './analysis';
import { fetchAuthConfig, fetchMe } from './auth';
import { getDocument, listAudit, listDocuments } from './catalog';
import type { CatalogDocument, Kind, Plural } from './catalog';
import { getDocumentById } from './documents';

/** Query keys, so that a mutation can invalidate exactly what it changed. */
export const keys = {
  session: ['session'] as const,
  authConfig: ['auth-config'] as const,
  lists: (plural: Plural) => ['list', plural] as const,
  list: (plural: Plural, filters: ListFilters) => ['list', plural, filters] as const,
  document: (plural: Plural, id: string) => ['document', plural, id] as const,
  audit: (kind: Kind, id: string) => ['audit', kind, id] as const,
  graph: (around: string, depth: number, direction: Direction) =>
    ['graph', around, depth, direction] as const,
  spof: (service: string | undefined, maxOrder: number) => ['spof', service ?? '*', maxOrder] as const,
  impact: (fail: readonly string[]) => ['impact', [...fail].sort()] as const,
  allServices: ['all-services'] as const,
};

/** The signed-in user (null when signed out). */
export function useSession() {
  return useQuery({ queryKey: keys.session, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** Whether "Sign in with SSO" is offered. */
export function useAuthConfig() {
  return useQuery({ queryKey: keys.authConfig, queryFn: fetchAuthConfig, staleTime: Infinity });
}

/** One document. */
export function useDocument(plural: Plural, id: string) {
  return useQuery({
    queryKey: keys.document(plural, id),
    queryFn: ({ signal }) => getDocument(plural, id, signal),
  });
}

/** A list page's filters: text, labels and field filters (`tier`, `type`, `missing`...). */
export interface ListFilters {
  q: string;
  labels: string[];
  fields: Record<string, string>;
}

/** Whether a document passes the field filters (`missing=rto` keeps those without an RTO). */
export function matchesFields(document: CatalogDocument, fields: Record<string, string>): boolean {
  const spec = document.spec as Record<string, unknown>;
  return Object.entries(fields).every(([name, value]) => {
    if (name === 'missing') return spec[value] === undefined || spec[value] === '';
    const actual = spec[name];
    return Array.isArray(actual) ? actual.includes(value) : String(actual) === value;
  });
}

/** One "Load more" worth of a listing: the matches and how many documents were looked at. */
export interface ListPageResult {
  items: CatalogDocument[];
  nextCursor: string | null;
  scanned: number;
}

const PAGE_SIZE = 50;
// With field filters the browser scans pages of the largest size, up to this many per "Load more", so a
// rare value in 100k components never makes one click fetch everything.
const SCAN_PAGES = 10;

/** A listing, one "Load more" at a time; field filters the server ignores are applied while paging. */
export function useDocumentList(plural: Plural, filters: ListFilters) {
  const scanning = Object.keys(filters.fields).length > 0;
  return useInfiniteQuery({
    queryKey: keys.list(plural, filters),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: ListPageResult) => last.nextCursor ?? undefined,
    queryFn: async ({ pageParam, signal }): Promise<ListPageResult> => {
      const items: CatalogDocument[] = [];
      let cursor = pageParam;
      let scanned = 0;
      for (let pages = 0; pages < (scanning ? SCAN_PAGES : 1); pages++) {
        const page = await listDocuments(
          plural,
          {
            q: filters.q,
            labels: filters.labels,
            fields: filters.fields,
            ...(cursor !== undefined && { cursor }),
            limit: scanning ? 500 : PAGE_SIZE,
          },
          signal,
        );
        scanned += page.items.length;
        items.push(...page.items.filter((document) => matchesFields(document, filters.fields)));
        cursor = page.nextCursor ?? undefined;
        if (cursor === undefined || items.length >= PAGE_SIZE) break;
      }
      return { items, nextCursor: cursor ?? null, scanned };
    },
  });
}

/** Every service (a catalog holds tens to a few thousand of them; components are never fetched whole). */
export function useAllServices() {
  return useQuery({
    queryKey: keys.allServices,
    queryFn: async ({ signal }) => {
      const services: CatalogDocument[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDocuments('services', { limit: 500, ...(cursor && { cursor }) }, signal);
        services.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return services as Extract<CatalogDocument, { kind: 'Service' }>[];
    },
  });
}

/** A document's audit history, or `forbidden` when the role may not read the audit log. */
export function useAudit(kind: Kind, id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.audit(kind, id),
    enabled,
    meta: { silent: true },
    queryFn: ({ signal }) => listAudit(kind, id, undefined, signal),
  });
}

/** The neighbourhood of a node in the dependency graph. */
export function useGraph(around: string | undefined, depth: number, direction: Direction) {
  return useQuery({
    queryKey: keys.graph(around ?? '', depth, direction),
    enabled: around !== undefined && around !== '',
    queryFn: ({ signal }) => getGraph(around ?? '', depth, direction, signal),
  });
}

/** Minimal cut sets up to `maxOrder` of one service, or of every service. */
export function useSpof(service: string | undefined, maxOrder: number, enabled = true) {
  return useQuery({
    queryKey: keys.spof(service, maxOrder),
    enabled,
    queryFn: ({ signal }) => findSpofs({ ...(service !== undefined && { service }), maxOrder }, signal),
  });
}

/** The `limit` worst single points of failure, ranked by the server. */
export function useSinglePoints(limit: number) {
  return useQuery({
    queryKey: ['single-points', limit] as const,
    queryFn: ({ signal }) => findSinglePoints(limit, signal),
  });
}

/** The objectives gap of the whole catalog (computed and cached by the server per catalog state). */
export function useObjectives() {
  return useQuery({ queryKey: ['objectives'] as const, queryFn: ({ signal }) => getObjectives(signal) });
}

/** The impact of failing `fail` (nothing is asked while the scenario is empty). */
export function useImpact(fail: readonly string[]) {
  return useQuery({
    queryKey: keys.impact(fail),
    enabled: fail.length > 0,
    queryFn: ({ signal }) => analyseImpact([...fail], signal),
  });
}

/**
 * The document an id names when it is of one of the kinds a reference may point to (null otherwise): one request
 * by id (`GET /api/v1/documents/{id}`, ids are unique across kinds), never a probe per kind that answers 404.
 */
export function useReference(id: string | undefined, kinds: readonly Kind[]) {
  return useQuery({
    queryKey: ['document-by-id', id ?? ''],
    enabled: id !== undefined && id !== '',
    staleTime: 60_000,
    meta: { silent: true },
    queryFn: ({ signal }) => getDocumentById(id ?? '', signal),
    select: (document) => (document && kinds.includes(document.kind) ? document : null),
  });
}
