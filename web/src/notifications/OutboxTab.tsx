/** The outbox: every email Lifeboat wrote, newest first, with its status; a message opens with its text. */
import { Alert, Badge, Button, Code, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { getOutboxMessage, listOutbox, notificationKeys } from '../api/notifications';
import type { OutboxItem } from '../api/notifications';
import { formatInstant } from '../util/dates';

const STATUS_COLOR: Record<OutboxItem['status'], string> = {
  sent: 'green',
  queued: 'blue',
  'not-sent': 'yellow',
  retrying: 'orange',
  failed: 'red',
};

const STATUS_LABEL: Record<OutboxItem['status'], string> = {
  sent: 'sent',
  queued: 'queued',
  'not-sent': 'not sent',
  retrying: 'retrying',
  failed: 'failed',
};

function MessageDialog({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const message = useQuery({
    queryKey: notificationKeys.message(id ?? ''),
    queryFn: ({ signal }) => getOutboxMessage(id!, signal),
    enabled: id !== undefined,
  });
  return (
    <Modal opened={id !== undefined} onClose={onClose} title={message.data?.subject ?? 'Email'} size="xl">
      {message.data ? (
        <Stack gap="xs">
          <Text size="sm">
            To {message.data.to} · {message.data.category} · {formatInstant(message.data.createdAt)}
          </Text>
          <Badge color={STATUS_COLOR[message.data.status]}>{STATUS_LABEL[message.data.status]}</Badge>
          {message.data.error && <Alert color="yellow">{message.data.error}</Alert>}
          <Code block>{message.data.text}</Code>
        </Stack>
      ) : (
        <Loader aria-label="Loading the email" />
      )}
    </Modal>
  );
}

/** The Outbox tab of the notifications page. */
export function OutboxTab() {
  const [open, setOpen] = useState<string>();
  const outbox = useInfiniteQuery({
    queryKey: notificationKeys.outbox,
    queryFn: ({ pageParam, signal }) => listOutbox(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = outbox.data?.pages.flatMap((page) => page.items) ?? [];
  if (outbox.isPending) return <Loader aria-label="Loading the outbox" />;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Every email Lifeboat wrote. Without an SMTP server (LIFEBOAT_SMTP_URL) emails stay here as not sent; a
        failed send is retried a few times.
      </Text>
      {items.length === 0 ? (
        <Text>No email yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Written</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id} data-testid={`outbox-${item.id}`}>
                  <Table.Td>{formatInstant(item.createdAt)}</Table.Td>
                  <Table.Td>{item.to}</Table.Td>
                  <Table.Td>
                    <Button variant="subtle" size="compact-sm" onClick={() => setOpen(item.id)}>
                      {item.subject}
                    </Button>
                  </Table.Td>
                  <Table.Td>{item.category}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[item.status]} title={item.error ?? undefined}>
                      {STATUS_LABEL[item.status]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {outbox.hasNextPage && (
        <Button
          variant="default"
          loading={outbox.isFetchingNextPage}
          onClick={() => void outbox.fetchNextPage()}
        >
          Older emails
        </Button>
      )}
      <MessageDialog id={open} onClose={() => setOpen(undefined)} />
    </Stack>
  );
}
