/** `/admin/users`: every user with role, state, last sign-in and linked person; invite, change role, disable, reset. */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Menu,
  Select,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ROLES } from '../../../src/catalog/roles.ts';
import type { Role } from '../../../src/catalog/roles.ts';
import { can } from '../../../src/catalog/roles.ts';
import { useSession } from '../api/queries';
import { listUsers, resetPassword, updateUser, userKeys } from '../api/users';
import type { UserSummary } from '../api/users';
import { notifySuccess } from '../app/notify';
import { formatInstant } from '../util/dates';
import { InviteDialog } from './InviteDialog';
import { linkOutcome } from './link-outcome';

function StateBadge({ user }: { user: UserSummary }) {
  if (user.disabled) return <Badge color="gray">disabled</Badge>;
  if (user.linkPending) return <Badge color="yellow">link sent</Badge>;
  if (!user.hasPassword) return <Badge color="blue">single sign-on</Badge>;
  return <Badge color="green">active</Badge>;
}

function UserRow({ user, self }: { user: UserSummary; self: boolean }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.users });
  const change = useMutation({
    mutationFn: (changes: { role?: Role; disabled?: boolean }) => updateUser(user.id, changes),
    onSuccess: async (updated) => {
      notifySuccess(`${updated.email}: ${updated.disabled ? 'disabled' : updated.role}`);
      await refresh();
    },
  });
  const reset = useMutation({
    mutationFn: () => resetPassword(user.id),
    onSuccess: async (answer) => {
      notifySuccess(linkOutcome(answer, 'A password reset link'));
      await refresh();
    },
  });
  return (
    <Table.Tr data-testid={`user-${user.email}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {user.name ?? user.email}
        </Text>
        {user.name && (
          <Text size="xs" c="dimmed">
            {user.email}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Select
          aria-label={`Role of ${user.email}`}
          data={[...ROLES]}
          value={user.role}
          allowDeselect={false}
          disabled={change.isPending}
          w={130}
          onChange={(role) => {
            if (role && role !== user.role) change.mutate({ role: role });
          }}
        />
      </Table.Td>
      <Table.Td>
        <StateBadge user={user} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{user.lastSignInAt ? formatInstant(user.lastSignInAt) : 'never'}</Text>
      </Table.Td>
      <Table.Td>
        {user.personId ? (
          <Anchor component={Link} to={`/people/${user.personId}`} size="sm">
            {user.personId}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            none
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="subtle" size="xs" aria-label={`Actions for ${user.email}`}>
              Actions
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item disabled={user.disabled} onClick={() => reset.mutate()}>
              Reset password
            </Menu.Item>
            {user.disabled ? (
              <Menu.Item onClick={() => change.mutate({ disabled: false })}>Enable</Menu.Item>
            ) : (
              <Menu.Item color="red" disabled={self} onClick={() => change.mutate({ disabled: true })}>
                Disable
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}

/** The user administration page (admins only; others see why they cannot use it). */
export function UsersPage() {
  const session = useSession();
  const [inviting, setInviting] = useState(false);
  const isAdmin = session.data ? can(session.data.role, 'users:admin') : false;
  const users = useQuery({
    queryKey: userKeys.users,
    queryFn: ({ signal }) => listUsers(signal),
    enabled: isAdmin,
  });
  if (!isAdmin) {
    return (
      <Stack>
        <Title order={1}>Users</Title>
        <Alert color="yellow">
          Only admins manage users. Ask an admin to invite someone or change a role.
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Users</Title>
        <Button onClick={() => setInviting(true)}>Invite a user</Button>
      </Group>
      <Text size="sm" c="dimmed">
        A user is linked to the person whose email is theirs. Disabling ends their sessions and stops their
        API tokens; a reset ends their password and emails a one-time link to set a new one.
      </Text>
      {users.isPending ? (
        <Loader aria-label="Loading users" />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>User</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Last sign-in</Table.Th>
                <Table.Th>Person</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(users.data ?? []).map((user) => (
                <UserRow key={user.id} user={user} self={user.email === session.data?.email} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <InviteDialog opened={inviting} onClose={() => setInviting(false)} />
    </Stack>
  );
}
