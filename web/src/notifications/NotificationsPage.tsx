/** `/admin/notifications`: the outbox of emails and the webhook endpoints (admins only). */
import { Alert, Stack, Tabs, Title } from '@mantine/core';
import { can } from '../../../src/catalog/roles.ts';
import { useSession } from '../api/queries';
import { OutboxTab } from './OutboxTab';
import { WebhooksTab } from './WebhooksTab';

/** The notifications page; others than admins see why they cannot use it. */
export function NotificationsPage() {
  const session = useSession();
  const isAdmin = session.data ? can(session.data.role, 'users:admin') : false;
  return (
    <Stack>
      <Title order={1}>Notifications</Title>
      {isAdmin ? (
        <Tabs defaultValue="outbox" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="outbox">Outbox</Tabs.Tab>
            <Tabs.Tab value="webhooks">Webhooks</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="outbox" pt="md">
            <OutboxTab />
          </Tabs.Panel>
          <Tabs.Panel value="webhooks" pt="md">
            <WebhooksTab />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <Alert color="yellow">Only admins see the outbox and manage webhooks.</Alert>
      )}
    </Stack>
  );
}
