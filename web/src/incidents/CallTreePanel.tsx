/**
 * The call tree of an incident declared by invoking a plan: each contact in order, who was reached (and by
 * escalation), who acknowledged and when, and when a pending contact escalates.
 */
import { Alert, Badge, Loader, Table, Text } from '@mantine/core';
import { useCallTree } from '../api/call-tree';
import type { CallTreeContact } from '../api/call-tree';
import { Instant } from './IncidentTimeline';

const STATE_BADGE: Record<CallTreeContact['state'], { color: string; label: string }> = {
  waiting: { color: 'gray', label: 'not reached yet' },
  pending: { color: 'orange', label: 'waiting for an answer' },
  acknowledged: { color: 'green', label: 'acknowledged' },
  unanswered: { color: 'red', label: 'no answer' },
};

/** The call-tree table; nothing when no plan invocation declared the incident. */
export function CallTreePanel({ incident }: { incident: string }) {
  const tree = useCallTree(incident);
  if (tree.isPending) return <Loader aria-label="Loading the call tree" />;
  if (tree.isError) return <Alert color="red">{tree.error.message}</Alert>;
  if (tree.data.plan === null)
    return <Text c="dimmed">No plan was invoked for this incident: there is no call tree.</Text>;
  return (
    <Table aria-label="Call tree" striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Contact</Table.Th>
          <Table.Th>Reached</Table.Th>
          <Table.Th>State</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tree.data.contacts.map((contact) => {
          const badge = STATE_BADGE[contact.state];
          return (
            <Table.Tr key={contact.position} data-contact={contact.contact}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {contact.position + 1}. {contact.name}
                </Text>
                {contact.role && (
                  <Text size="xs" c="dimmed">
                    {contact.role}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {contact.notifications.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    -
                  </Text>
                ) : (
                  contact.notifications.map((notification) => (
                    <Text size="sm" key={notification.id}>
                      {notification.name}
                      {notification.stage === 1 && ' (deputy, by escalation)'}
                      {notification.address === undefined && ' (no email address)'} at{' '}
                      <Instant at={notification.sentAt} />
                      {notification.acknowledgedAt && (
                        <>
                          , acknowledged <Instant at={notification.acknowledgedAt} />
                        </>
                      )}
                    </Text>
                  ))
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={badge.color} variant="light" data-state={contact.state}>
                  {badge.label}
                </Badge>
                {contact.state === 'acknowledged' && contact.acknowledgedAt && (
                  <Text size="xs">
                    at <Instant at={contact.acknowledgedAt} />
                  </Text>
                )}
                {contact.escalationDueAt && (
                  <Text size="xs" c="dimmed">
                    escalates at <Instant at={contact.escalationDueAt} />
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
