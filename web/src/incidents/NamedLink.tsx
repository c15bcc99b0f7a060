/** A link to a referenced document that reads its name (the id until the document has loaded). */
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Kind } from '../api/catalog';
import { useReference } from '../api/queries';
import { documentPath, referencePath } from '../catalog/links';

/** Links `id` by the document's name; an id no document of `kinds` has is shown in red. */
export function NamedLink({ id, kinds, size }: { id: string; kinds: readonly Kind[]; size?: string }) {
  const found = useReference(id, kinds);
  if (found.data === null) {
    return (
      <Text span c="red" size={size} title={`No ${kinds.join(' or ')} has this id`}>
        {id} (unknown)
      </Text>
    );
  }
  const document = found.data;
  return (
    <Anchor
      component={Link}
      size={size}
      to={document ? documentPath(document.kind, id) : referencePath(id, kinds)}
    >
      {document?.metadata.name ?? id}
    </Anchor>
  );
}
