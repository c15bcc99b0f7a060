/**
 * Documents by id alone (`GET /api/v1/documents/{id}`): the name behind a reference and its kind, in one request,
 * whatever kinds the reference may name.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import type { CatalogDocument } from './catalog';
import { isApiError, request } from './client';

/** `GET /api/v1/documents/{id}`; null when no document has the id. */
export async function getDocumentById(id: string, signal?: AbortSignal): Promise<CatalogDocument | null> {
  try {
    return await request<CatalogDocument>('GET', `/documents/${encodeURIComponent(id)}`, { signal });
  } catch (error) {
    if (isApiError(error, 404)) return null;
    throw error;
  }
}

/** The query of one id: cached for a minute, shared by every link and picker that shows it. */
function documentByIdQuery(id: string) {
  return {
    queryKey: ['document-by-id', id],
    queryFn: ({ signal }: { signal: AbortSignal }) => getDocumentById(id, signal),
    staleTime: 60_000,
    meta: { silent: true },
  };
}

/** The document `id` names (null when none does); disabled for an empty id. */
export function useDocumentById(id: string | undefined) {
  return useQuery({ ...documentByIdQuery(id ?? ''), enabled: id !== undefined && id !== '' });
}

/** A document's name for a picker: `Name (id)`, or the id alone when it has no name or has not loaded. */
export function optionLabel(id: string, document: CatalogDocument | null | undefined): string {
  const name = document?.metadata.name;
  return name ? `${name} (${id})` : id;
}

/** The documents of several ids, in order (each undefined until loaded, null when unknown). */
export function useDocumentsById(ids: readonly string[]): (CatalogDocument | null | undefined)[] {
  return useQueries({
    queries: ids.map((id) => documentByIdQuery(id)),
    combine: (results) => results.map((result) => result.data),
  });
}
