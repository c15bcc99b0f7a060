/** Corrective actions: what, who, by when, and whether it is done or late (ISO 22301 clause 10.1 e). */
import { Badge, Group, Table, Text } from '@mantine/core';
import type { ActionItem } from '../api/incidents';
import { NamedLink } from './NamedLink';
import { formatDate } from '../util/dates';

const OWNER_KINDS = ['Team', 'Person'] as const;

/**
 * A table of actions. The dashboard's list across incidents adds the incident each comes from and leaves out
 * the status (it lists open ones only).
 */
export function ActionsTable({
  actions,
  label,
  showIncident = false,
  showStatus = true,
}: {
  actions: readonly ActionItem[];
  label: string;
  showIncident?: boolean;
  showStatus?: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={label} data-testid="actions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Action</Table.Th>
            {showIncident && <Table.Th>Incident</Table.Th>}
            <Table.Th>Owner</Table.Th>
            <Table.Th>Due</Table.Th>
            {showStatus && <Table.Th>Status</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {actions.map((action) => (
            <Table.Tr key={`${action.incident}/${action.index}`} data-overdue={action.overdue || undefined}>
              <Table.Td>{action.title}</Table.Td>
              {showIncident && (
                <Table.Td>
                  <NamedLink id={action.incident} kinds={['Incident']} size="sm" />
                </Table.Td>
              )}
              <Table.Td>
                <NamedLink id={action.owner} kinds={OWNER_KINDS} size="sm" />
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Text size="sm" c={action.overdue ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={action.due}>{formatDate(action.due)}</time>
                  </Text>
                  {action.overdue && (
                    <Badge color="red" size="sm" data-testid="overdue" style={{ flexShrink: 0 }}>
                      Overdue
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              {showStatus && (
                <Table.Td>
                  <Badge
                    color={action.status === 'done' ? 'green' : 'blue'}
                    variant="light"
                    size="sm"
                    style={{ flexShrink: 0 }}
                  >
                    {action.status}
                  </Badge>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
