/** The 409 message: what someone else changed meanwhile, what you changed, and how to carry on. */
import { Alert, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import type { CatalogDocument } from '../api/catalog';
import { diffDocuments, show } from '../util/document-diff';

interface Props {
  base: CatalogDocument;
  draft: CatalogDocument;
  current: CatalogDocument;
  onReapply: () => void;
  onDiscard: () => void;
}

/** Shown when a save met a newer version. */
export function ConflictAlert({ base, draft, current, onReapply, onDiscard }: Props) {
  const theirs = diffDocuments(base, current);
  const mine = diffDocuments(base, draft);
  const clashes = new Set(
    mine.map((change) => change.path).filter((path) => theirs.some((c) => c.path === path)),
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
          {current.metadata.updatedAt && ` (saved ${new Date(current.metadata.updatedAt).toLocaleString()})`}.
          Your changes were not saved.
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
              <Table.Tr key={change.path} bg={clashes.has(change.path) ? 'orange.1' : undefined}>
                <Table.Td>
                  <Code>{change.path}</Code>
                </Table.Td>
                <Table.Td>{show(change.before)}</Table.Td>
                <Table.Td>{show(change.after)}</Table.Td>
                <Table.Td>{show(mine.find((c) => c.path === change.path)?.after ?? change.before)}</Table.Td>
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
