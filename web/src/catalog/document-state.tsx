/** What a page about one document shows until that document is there: a loader, "not found", or the error. */
import { Alert, Loader } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { CatalogDocument, Kind } from '../../../src/catalog/kinds.ts';
import { isApiError } from '../api/client';
import { NotFoundPage } from '../app/NotFoundPage';

/** The document of `kind` once it is there, or what to show instead. */
export type DocumentState<K extends Kind> =
  { document: Extract<CatalogDocument, { kind: K }> } | { placeholder: ReactNode };

/**
 * The state of the page about document `id` of `kind` (called a `noun` in messages): a loader while it loads,
 * "There is no <noun>" on a 404, the error otherwise, "not a <noun>" when the id names another kind of
 * document, and the document once it is there.
 */
export function documentState<K extends Kind>(
  query: UseQueryResult<CatalogDocument>,
  id: string,
  kind: K,
  noun: string,
): DocumentState<K> {
  if (query.isPending) return { placeholder: <Loader aria-label="Loading" /> };
  if (query.isError) {
    return {
      placeholder: isApiError(query.error, 404) ? (
        <NotFoundPage what={`There is no ${noun} "${id}".`} />
      ) : (
        <Alert color="red">{query.error.message}</Alert>
      ),
    };
  }
  const document = query.data;
  if (!isKind(document, kind)) {
    const article = /^[aeiou]/i.test(noun) ? 'an' : 'a';
    return { placeholder: <NotFoundPage what={`"${id}" is not ${article} ${noun}.`} /> };
  }
  return { document };
}

function isKind<K extends Kind>(
  document: CatalogDocument,
  kind: K,
): document is Extract<CatalogDocument, { kind: K }> {
  return document.kind === kind;
}
