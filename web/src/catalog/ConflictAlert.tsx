/** The 409 message: what someone else changed meanwhile, what you changed, and how to carry on. */
import { Alert, Button, Code, Group, List, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { CatalogDocument, Plural } from '../api/catalog';
import type { FieldError } from '../api/client';
import { keys } from '../api/queries';
import { diffDocuments, reapply, show } from '../util/document-diff';
import { formatInstant } from '../util/dates';

interface Props<T extends CatalogDocument> {
  plural: Plural;
  /** The version the editor started from, the editor's draft, and the newer version the save met. */
  base: T;
  draft: T;
  current: T;
  /** The editor carries on from `base` with `draft`: the user's changes re-applied, or the current version. */
  onResolve: (draft: T, base: T) => void;
}

/** Shown when a save met a newer version; either choice makes the newer version the one the editor saves over. */
export function ConflictAlert<T extends CatalogDocument>({
  plural,
  base,
  draft,
  current,
  onResolve,
}: Props<T>) {
  const queryClient = useQueryClient();
  const onReapply = () => onResolve(reapply(base, draft, current), current);
  const onDiscard = () => {
    queryClient.setQueryData(keys.document(plural, current.metadata.id), current);
    onResolve(current, current);
  };
  const theirs = diffDocuments(base, current);
  const mine = diffDocuments(base, draft);
  const clashes = new Set(
    mine.map((change) => change.key).filter((key) => theirs.some((c) => c.key === key)),
  );
  return (
    <Alert
      color="orange"
      title="Someone else changed this document meanwhile"
      role="alert"
      data-testid="conflict"
    >
      <Stack gap="xs">
        <Text size="sm">
          You edited version {base.metadata.version}; it is now at version {current.metadata.version}
          {current.metadata.updatedAt && ` (saved ${formatInstant(current.metadata.updatedAt)})`}. Your
          changes were not saved.
        </Text>
        <Table withTableBorder aria-label="Changed meanwhile">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Field</Table.Th>
              <Table.Th>When you read it</Table.Th>
              <Table.Th>Now</Table.Th>
              <Table.Th>Yours</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {theirs.map((change) => (
              <Table.Tr key={change.key} bg={clashes.has(change.key) ? 'orange.1' : undefined}>
                <Table.Td>
                  <Code>{change.path}</Code>
                </Table.Td>
                <Table.Td>{show(change.before)}</Table.Td>
                <Table.Td>{show(change.after)}</Table.Td>
                <Table.Td>{show(mine.find((c) => c.key === change.key)?.after ?? change.before)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {clashes.size > 0 && (
          <Text size="sm">
            Highlighted fields were changed by both; re-applying keeps your value for them. Check before
            saving.
          </Text>
        )}
        <Group>
          <Button onClick={onReapply}>Reload and re-apply my changes</Button>
          <Button variant="default" onClick={onDiscard}>
            Discard my changes
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** The server's field errors that no field of the form shows, listed above it. */
export function UnplacedErrors({ errors }: { errors: readonly FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <Alert color="red" title="The server refused some values">
      <List size="sm">
        {errors.map((error) => (
          <List.Item key={error.path + error.message}>
            {error.path}: {error.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
