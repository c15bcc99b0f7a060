/** `/account`: the signed-in user's password, sessions, API tokens and notification digest. */
import { PASSWORD_RULE } from '../../../src/server/auth/password-rules.ts';
import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { isApiError } from '../api/client';
import { useSession } from '../api/queries';
import {
  changePassword,
  createToken,
  endSession,
  getNotificationPreferences,
  listSessions,
  listTokens,
  revokeToken,
  setNotificationPreferences,
  userKeys,
} from '../api/users';
import type { Digest } from '../api/users';
import { notifySuccess } from '../app/notify';
import { formatInstant } from '../util/dates';

function PasswordSection() {
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: () => changePassword(current, next),
    meta: { silent: true },
    onSuccess: async () => {
      setCurrent('');
      setNext('');
      notifySuccess('Password changed; your other sessions were signed out');
      await queryClient.invalidateQueries({ queryKey: userKeys.sessions });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate();
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Change your password">
      <Stack maw={420}>
        <Title order={2} size="h3">
          Password
        </Title>
        {change.error && (
          <Alert color="red" role="alert">
            {change.error.message}
          </Alert>
        )}
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.currentTarget.value)}
        />
        <PasswordInput
          label="New password"
          description={PASSWORD_RULE}
          autoComplete="new-password"
          required
          value={next}
          onChange={(event) => setNext(event.currentTarget.value)}
        />
        <Group>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function SessionsSection() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: userKeys.sessions, queryFn: ({ signal }) => listSessions(signal) });
  const end = useMutation({
    mutationFn: endSession,
    onSuccess: async () => {
      notifySuccess('Session ended');
      await queryClient.invalidateQueries({ queryKey: userKeys.sessions });
    },
  });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          Sessions
        </Title>
        <Text size="sm" c="dimmed">
          Each browser you are signed in with. End one you do not recognise, then change your password.
        </Text>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Signed in</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th>Ends</Table.Th>
              <Table.Th>Session</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(sessions.data ?? []).map((session) => (
              <Table.Tr key={session.id}>
                <Table.Td>{formatInstant(session.createdAt)}</Table.Td>
                <Table.Td>{formatInstant(session.lastSeenAt)}</Table.Td>
                <Table.Td>{formatInstant(session.expiresAt)}</Table.Td>
                <Table.Td>
                  {session.current ? (
                    <Badge variant="light">this browser</Badge>
                  ) : (
                    <Button size="xs" variant="subtle" color="red" onClick={() => end.mutate(session.id)}>
                      End session
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {sessions.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            No browser sessions (you are using an API token).
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function TokensSection() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: userKeys.tokens, queryFn: ({ signal }) => listTokens(signal) });
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(90);
  const [created, setCreated] = useState<string | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.tokens });
  const create = useMutation({
    mutationFn: () => createToken(name, typeof days === 'number' ? days : undefined),
    onSuccess: async (answer) => {
      setCreated(answer.token);
      setName('');
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: revokeToken,
    onSuccess: async () => {
      notifySuccess('Token revoked');
      await refresh();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          API tokens
        </Title>
        <Text size="sm" c="dimmed">
          For scripts and CI: send <Code>Authorization: Bearer &lt;token&gt;</Code>. A token acts with your
          role.
        </Text>
        {created && (
          <Alert color="green" title="Your new token (shown once: copy it now)" data-testid="new-token">
            <Group gap="xs">
              <Code>{created}</Code>
              <CopyButton value={created}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        <Group component="form" onSubmit={submit} align="flex-end" aria-label="Create an API token">
          <TextInput
            label="Token name"
            placeholder="what it is for"
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <NumberInput label="Expires in days" min={1} max={3650} value={days} onChange={setDays} w={140} />
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Last used</Table.Th>
              <Table.Th>State</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(tokens.data ?? []).map((token) => (
              <Table.Tr key={token.id} data-testid={`token-${token.name}`}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td>{formatInstant(token.createdAt)}</Table.Td>
                <Table.Td>{token.expiresAt ? formatInstant(token.expiresAt) : 'never'}</Table.Td>
                <Table.Td>{token.lastUsedAt ? formatInstant(token.lastUsedAt) : 'never'}</Table.Td>
                <Table.Td>
                  {token.revokedAt ? (
                    <Badge color="gray">revoked</Badge>
                  ) : (
                    <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(token.id)}>
                      Revoke {token.name}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

const DIGESTS: { value: Digest; label: string }[] = [
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
  { value: 'off', label: 'Off' },
];

function NotificationsSection() {
  const queryClient = useQueryClient();
  const preferences = useQuery({
    queryKey: userKeys.notifications,
    queryFn: ({ signal }) => getNotificationPreferences(signal),
    meta: { silent: true },
  });
  const save = useMutation({
    mutationFn: setNotificationPreferences,
    onSuccess: (answer) => {
      queryClient.setQueryData(userKeys.notifications, answer);
      notifySuccess(answer.digest === 'off' ? 'Digest emails are off' : `You get a ${answer.digest} digest`);
    },
  });
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h3">
          Notifications
        </Title>
        <Text size="sm" c="dimmed">
          A digest email of what is yours and due or overdue: plan reviews, approvals waiting, corrective
          actions.
        </Text>
        {preferences.error ? (
          <Text size="sm" c="red">
            {isApiError(preferences.error, 404)
              ? 'This server does not send digests yet.'
              : preferences.error.message}
          </Text>
        ) : (
          <SegmentedControl
            aria-label="Digest email"
            data={DIGESTS}
            value={preferences.data?.digest ?? 'daily'}
            disabled={!preferences.data || save.isPending}
            onChange={(value) => save.mutate(value)}
            w="fit-content"
          />
        )}
      </Stack>
    </Paper>
  );
}

/** Every signed-in user's own account page. */
export function AccountPage() {
  const session = useSession();
  const user = session.data;
  return (
    <Stack>
      <Title order={1}>Your account</Title>
      {user && (
        <Text component="div">
          {user.name ?? user.email} · {user.email} · role <Badge variant="light">{user.role}</Badge>
        </Text>
      )}
      <PasswordSection />
      <SessionsSection />
      <TokensSection />
      <NotificationsSection />
    </Stack>
  );
}
