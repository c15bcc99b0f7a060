/** A document's audit history: who changed what, when, newest first. */
import { Alert, Badge, Code, Stack, Table, Text } from '@mantine/core';
import type { Kind } from '../api/catalog';
import { isApiError } from '../api/client';
import { useAudit } from '../api/queries';
import { formatInstant } from '../util/dates';
import { diffDocuments, show } from '../util/document-diff';

/** The audit history table. */
export function AuditHistory({ kind, id, enabled }: { kind: Kind; id: string; enabled: boolean }) {
  const audit = useAudit(kind, id, enabled);
  if (!enabled) return <Text c="dimmed">Your role cannot read the audit log.</Text>;
  if (audit.isPending) return <Text c="dimmed">Loading…</Text>;
  if (audit.isError) {
    return isApiError(audit.error, 403) ? (
      <Text c="dimmed">Your role cannot read the audit log.</Text>
    ) : (
      <Alert color="red">{audit.error.message}</Alert>
    );
  }
  const entries = [...audit.data.items].reverse();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table aria-label="Audit history" data-testid="audit-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Changes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const changes = entry.action === 'update' ? diffDocuments(entry.before, entry.after) : [];
            return (
              <Table.Tr key={entry.seq}>
                <Table.Td>{entry.seq}</Table.Td>
                <Table.Td>
                  <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
                </Table.Td>
                <Table.Td>{entry.actor}</Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={entry.action === 'delete' ? 'red' : entry.action === 'create' ? 'green' : 'blue'}
                  >
                    {entry.action}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {changes.map((change) => (
                      <Text size="xs" key={change.key}>
                        <Code>{change.path}</Code> {show(change.before)} → {show(change.after)}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
