/**
 * `/actions`: every action in one table, soonest due first (ISO 22301 clause 10.1 e): the corrective actions of
 * incidents, the treatment actions of risks and the findings of exercises with an owner and a due date, each
 * linked to where it comes from; overdue ones flagged and counted. Filters (source, owner, status) live in the URL.
 */
import { Alert, Anchor, Badge, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { request } from '../api/client';
import { useAllOf } from '../api/exercise-analysis';
import { NamedLink } from '../incidents/NamedLink';
import { formatDate } from '../util/dates';
import type { ActionSource, TrackedAction } from './actions-model';
import {
  ACTION_SOURCES,
  actionKey,
  countActions,
  filterActions,
  ownersOf,
  sourcePath,
} from './actions-model';

type Status = 'open' | 'done' | 'all';

const OWNER_KINDS = ['Team', 'Person'] as const;

const SOURCE_COLOR: Record<ActionSource, string> = { incident: 'red', risk: 'orange', exercise: 'indigo' };

/** `GET /api/v1/actions?status=`: the actions of every source (status `all`: open and done). */
function useTrackedActions(status: Status) {
  return useQuery({
    // Under the incidents', risks' and exercises' list keys would be three; this one is refreshed on each visit.
    queryKey: ['actions', status] as const,
    staleTime: 0,
    queryFn: async ({ signal }) =>
      (
        await request<{ items: TrackedAction[] }>('GET', '/actions', {
          query: { status: status === 'all' ? undefined : status },
          signal,
        })
      ).items,
  });
}

/** Owner ids to names (people and teams), for the owner filter. */
function useOwnerNames(): (id: string) => string {
  const people = useAllOf('people');
  const teams = useAllOf('teams');
  return useMemo(() => {
    const names = new Map(
      [...(people.data ?? []), ...(teams.data ?? [])].map((doc) => [doc.metadata.id, doc.metadata.name]),
    );
    return (id: string) => names.get(id) ?? id;
  }, [people.data, teams.data]);
}

function ActionsTable({ actions }: { actions: readonly TrackedAction[] }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table aria-label="Actions" data-testid="actions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Source</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {actions.map((action) => (
            <Table.Tr
              key={actionKey(action)}
              data-source={action.source}
              data-document={action.document}
              data-overdue={action.overdue || undefined}
            >
              <Table.Td>
                <Stack gap={2}>
                  <Badge color={SOURCE_COLOR[action.source]} variant="light" size="sm">
                    {action.source}
                  </Badge>
                  <Anchor component={Link} to={sourcePath(action)} size="sm">
                    {action.documentTitle}
                  </Anchor>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{action.title}</Text>
                {action.source === 'exercise' && (
                  <Text size="xs" c="dimmed">
                    finding, {action.severity}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <NamedLink id={action.owner} kinds={OWNER_KINDS} size="sm" />
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" c={action.overdue ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
                    <time dateTime={action.due}>{formatDate(action.due)}</time>
                  </Text>
                  {action.overdue && (
                    <Badge color="red" size="sm" data-testid="overdue">
                      Overdue
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge color={action.status === 'done' ? 'green' : 'blue'} variant="light" size="sm">
                  {action.status}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The actions page. */
export function ActionsPage() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status: Status = statusParam === 'done' || statusParam === 'all' ? statusParam : 'open';
  const sourceParam = params.get('source');
  const source = ACTION_SOURCES.find((value) => value === sourceParam);
  const owner = params.get('owner') ?? undefined;
  const actions = useTrackedActions(status);
  const ownerName = useOwnerNames();

  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const shown = filterActions(actions.data ?? [], { source, owner });
  const counts = countActions(shown);
  const owners = ownersOf(actions.data ?? []);
  if (owner !== undefined && !owners.includes(owner)) owners.push(owner);

  return (
    <Stack>
      <Title order={1} size="h2">
        Actions
      </Title>
      <Text c="dimmed" maw={760}>
        The corrective actions of incidents, the treatment actions of risks and the findings of exercises that
        have an owner and a due date, soonest due first.
      </Text>
      <Group align="end" gap="sm" wrap="wrap" role="search" aria-label="Filter actions">
        <Select
          label="Source"
          placeholder="Any"
          clearable
          data={[...ACTION_SOURCES]}
          value={source ?? null}
          onChange={(value) => setParam('source', value ?? undefined)}
          w={150}
        />
        <Select
          label="Owner"
          placeholder="Anyone"
          clearable
          searchable
          data={owners.map((id) => ({ value: id, label: ownerName(id) }))}
          value={owner ?? null}
          onChange={(value) => setParam('owner', value ?? undefined)}
          w={220}
        />
        <Select
          label="Status"
          data={[
            { value: 'open', label: 'Open' },
            { value: 'done', label: 'Done' },
            { value: 'all', label: 'Open and done' },
          ]}
          value={status}
          onChange={(value) => setParam('status', value === 'open' ? undefined : (value ?? undefined))}
          allowDeselect={false}
          w={170}
        />
      </Group>
      {actions.isPending && <Loader aria-label="Loading the actions" />}
      {actions.isError && <Alert color="red">Actions: {actions.error.message}</Alert>}
      {actions.isSuccess && (
        <>
          <Text size="sm" data-testid="actions-summary">
            {counts.total} {status === 'all' ? '' : `${status} `}action{counts.total === 1 ? '' : 's'}
            {counts.overdue > 0 && (
              <Text span c="red" fw={600}>
                , {counts.overdue} overdue
              </Text>
            )}
          </Text>
          {shown.length === 0 ? <Text c="dimmed">No action matches.</Text> : <ActionsTable actions={shown} />}
        </>
      )}
    </Stack>
  );
}
