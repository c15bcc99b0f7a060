/** Webhook endpoints: add, change, delete, send a test, rotate the secret (shown once), the deliveries log. */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Loader,
  Menu,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { WEBHOOK_EVENTS } from '../../../src/server/notify/types.ts';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  notificationKeys,
  pingWebhook,
  rotateWebhookSecret,
  updateWebhook,
} from '../api/notifications';
import type { Webhook, WebhookInput } from '../api/notifications';
import { notifyError, notifySuccess } from '../app/notify';
import { formatInstant } from '../util/dates';

function WebhookForm({
  initial,
  onClose,
  onSecret,
}: {
  initial: Webhook | undefined;
  onClose: () => void;
  onSecret: (secret: string) => void;
}) {
  const queryClient = useQueryClient();
  const [input, setInput] = useState<WebhookInput>({
    url: initial?.url ?? '',
    description: initial?.description ?? '',
    // Stored events were checked against the list when they were set.
    events: (initial?.events ?? []) as WebhookInput['events'],
    enabled: initial?.enabled ?? true,
    allowPrivate: initial?.allowPrivate ?? false,
  });
  const save = useMutation({
    mutationFn: async () => {
      const body = { ...input, description: input.description?.trim() || undefined };
      if (initial) {
        await updateWebhook(initial.id, body);
        return undefined;
      }
      return (await createWebhook(body)).secret;
    },
    onSuccess: async (secret) => {
      await queryClient.invalidateQueries({ queryKey: notificationKeys.webhooks });
      notifySuccess(initial ? 'Webhook saved' : 'Webhook added');
      onClose();
      if (secret) onSecret(secret);
    },
  });
  return (
    <Stack>
      <TextInput
        label="URL"
        placeholder="https://chat.example.com/hooks/..."
        required
        value={input.url}
        onChange={(event) => setInput({ ...input, url: event.currentTarget.value })}
      />
      <TextInput
        label="Description"
        value={input.description ?? ''}
        onChange={(event) => setInput({ ...input, description: event.currentTarget.value })}
      />
      <Checkbox.Group
        label="Events"
        value={input.events}
        onChange={(events) => setInput({ ...input, events })}
      >
        <Stack gap={4} mt={4}>
          {WEBHOOK_EVENTS.map((event) => (
            <Checkbox key={event} value={event} label={event} />
          ))}
        </Stack>
      </Checkbox.Group>
      <Switch
        label="Enabled"
        checked={input.enabled}
        onChange={(event) => setInput({ ...input, enabled: event.currentTarget.checked })}
      />
      <Checkbox
        label="Allow a loopback, link-local or cloud-metadata address (refused otherwise)"
        checked={input.allowPrivate}
        onChange={(event) => setInput({ ...input, allowPrivate: event.currentTarget.checked })}
      />
      {save.error && <Alert color="red">{save.error.message}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button loading={save.isPending} onClick={() => save.mutate()}>
          {initial ? 'Save' : 'Add webhook'}
        </Button>
      </Group>
    </Stack>
  );
}

function Deliveries({ webhook }: { webhook: Webhook }) {
  const deliveries = useQuery({
    queryKey: notificationKeys.deliveries(webhook.id),
    queryFn: ({ signal }) => listDeliveries(webhook.id, signal),
  });
  if (deliveries.isPending) return <Loader aria-label="Loading deliveries" />;
  if (!deliveries.data?.length) return <Text>Nothing delivered yet.</Text>;
  return (
    <Table>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Event</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Attempts</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {deliveries.data.map((delivery) => (
          <Table.Tr key={delivery.id}>
            <Table.Td>
              {delivery.event}
              <Text size="xs" c="dimmed">
                {formatInstant(delivery.createdAt)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge
                color={
                  delivery.status === 'delivered' ? 'green' : delivery.status === 'failed' ? 'red' : 'yellow'
                }
              >
                {delivery.status}
              </Badge>
            </Table.Td>
            <Table.Td>
              {delivery.attemptLog.map((attempt) => (
                <Text key={attempt.number} size="xs">
                  {formatInstant(attempt.at)}: {attempt.statusCode ?? attempt.error}
                  {attempt.responseExcerpt ? ` “${attempt.responseExcerpt.slice(0, 80)}”` : ''}
                </Text>
              ))}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function WebhookRow({
  webhook,
  onEdit,
  onDeliveries,
  onSecret,
}: {
  webhook: Webhook;
  onEdit: () => void;
  onDeliveries: () => void;
  onSecret: (secret: string) => void;
}) {
  const queryClient = useQueryClient();
  const ping = useMutation({
    mutationFn: () => pingWebhook(webhook.id),
    onSuccess: async (outcome) => {
      if (outcome.delivered) notifySuccess(`Test delivered: ${outcome.statusCode ?? ''}`);
      else notifyError(new Error(`Test not delivered: ${outcome.statusCode ?? outcome.error ?? ''}`));
      await queryClient.invalidateQueries({ queryKey: notificationKeys.deliveries(webhook.id) });
    },
  });
  const rotate = useMutation({
    mutationFn: () => rotateWebhookSecret(webhook.id),
    onSuccess: ({ secret }) => onSecret(secret),
  });
  const remove = useMutation({
    mutationFn: () => deleteWebhook(webhook.id),
    onSuccess: async () => {
      notifySuccess('Webhook deleted');
      await queryClient.invalidateQueries({ queryKey: notificationKeys.webhooks });
    },
  });
  return (
    <Table.Tr data-testid={`webhook-${webhook.id}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {webhook.url}
        </Text>
        {webhook.description && (
          <Text size="xs" c="dimmed">
            {webhook.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {webhook.events.map((event) => (
            <Badge key={event} variant="light">
              {event}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge color={webhook.enabled ? 'green' : 'gray'}>{webhook.enabled ? 'enabled' : 'disabled'}</Badge>
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="subtle" size="xs" aria-label={`Actions for ${webhook.url}`}>
              Actions
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => ping.mutate()}>Send test</Menu.Item>
            <Menu.Item onClick={onDeliveries}>Deliveries</Menu.Item>
            <Menu.Item onClick={onEdit}>Edit</Menu.Item>
            <Menu.Item onClick={() => rotate.mutate()}>Rotate secret</Menu.Item>
            <Menu.Item
              color="red"
              onClick={() => {
                if (window.confirm(`Delete the webhook to ${webhook.url} and its delivery log?`))
                  remove.mutate();
              }}
            >
              Delete
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}

/** The Webhooks tab of the notifications page. */
export function WebhooksTab() {
  const webhooks = useQuery({
    queryKey: notificationKeys.webhooks,
    queryFn: ({ signal }) => listWebhooks(signal),
  });
  const [editing, setEditing] = useState<Webhook | 'new'>();
  const [showing, setShowing] = useState<Webhook>();
  const [secret, setSecret] = useState<string>();
  if (webhooks.isPending) return <Loader aria-label="Loading webhooks" />;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Each delivery is signed with the endpoint&apos;s secret (header Lifeboat-Signature) and retried with
          backoff.
        </Text>
        <Button onClick={() => setEditing('new')}>Add webhook</Button>
      </Group>
      {webhooks.data?.length ? (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>URL</Table.Th>
                <Table.Th>Events</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {webhooks.data.map((webhook) => (
                <WebhookRow
                  key={webhook.id}
                  webhook={webhook}
                  onEdit={() => setEditing(webhook)}
                  onDeliveries={() => setShowing(webhook)}
                  onSecret={setSecret}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text>No webhook yet.</Text>
      )}
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing === 'new' ? 'Add a webhook' : 'Edit the webhook'}
        size="lg"
      >
        {editing !== undefined && (
          <WebhookForm
            initial={editing === 'new' ? undefined : editing}
            onClose={() => setEditing(undefined)}
            onSecret={setSecret}
          />
        )}
      </Modal>
      <Modal opened={secret !== undefined} onClose={() => setSecret(undefined)} title="The signing secret">
        <Stack>
          <Alert color="yellow">Copy it into the receiver now: it is not shown again.</Alert>
          <Code block data-testid="webhook-secret">
            {secret}
          </Code>
          <Button onClick={() => setSecret(undefined)}>Done</Button>
        </Stack>
      </Modal>
      <Modal
        opened={showing !== undefined}
        onClose={() => setShowing(undefined)}
        title="Deliveries"
        size="xl"
      >
        {showing && <Deliveries webhook={showing} />}
      </Modal>
    </Stack>
  );
}
