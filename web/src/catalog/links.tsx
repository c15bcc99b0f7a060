/** Links to documents: direct when the kind is known, through /ref/:id when a reference may name several kinds. */
import { Anchor, Center, Loader } from '@mantine/core';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { PLURAL_OF } from '../api/catalog';
import type { Kind } from '../api/catalog';
import { useDocumentById } from '../api/documents';
import { useReference } from '../api/queries';
import { NotFoundPage } from '../app/NotFoundPage';
import { KIND_LIST } from './kind-info';

/** The address of a document. */
export function documentPath(kind: Kind, id: string): string {
  return `/${PLURAL_OF[kind]}/${encodeURIComponent(id)}`;
}

/** The address that finds `id` among `kinds` and opens it. */
export function referencePath(id: string, kinds: readonly Kind[]): string {
  return kinds.length === 1 && kinds[0]
    ? documentPath(kinds[0], id)
    : `/ref/${encodeURIComponent(id)}?kinds=${kinds.join(',')}`;
}

/**
 * A link to a referenced document, shown by its name once it is looked up by id (the id until then, and when
 * the document has no name); it links straight to the document's page once its kind is known.
 */
export function RefLink({ id, kinds, label }: { id: string; kinds: readonly Kind[]; label?: string }) {
  const found = useDocumentById(label === undefined ? id : undefined);
  const document = found.data;
  return (
    <Anchor component={Link} to={document ? documentPath(document.kind, id) : referencePath(id, kinds)}>
      {label ?? document?.metadata.name ?? id}
    </Anchor>
  );
}

/** `/ref/:id?kinds=Team,Person`: opens the document an id names, whatever its kind. */
export function RefRedirect() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const asked = (params.get('kinds') ?? '').split(',').filter(Boolean);
  const kinds = KIND_LIST.map((info) => info.kind).filter(
    (kind) => asked.length === 0 || asked.includes(kind),
  );
  const found = useReference(id, kinds);
  if (found.isPending) {
    return (
      <Center>
        <Loader aria-label="Finding the document" />
      </Center>
    );
  }
  if (!found.data) return <NotFoundPage what={`No document has the id "${id}".`} />;
  return <Navigate to={documentPath(found.data.kind, id)} replace />;
}
