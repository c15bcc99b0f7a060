/** A list page per kind: search, filters and "Load more" paging, all kept in the URL so a view can be shared. */
import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { canWrite } from '../api/auth';
import { isPlural, KIND_OF } from '../api/catalog';
import { useDocumentList, useSession } from '../api/queries';
import type { ListFilters } from '../api/queries';
import { NotFoundPage } from '../app/NotFoundPage';
import type { KindInfo } from './kind-info';
import { KIND_INFO } from './kind-info';
import { documentPath } from './links';
import { RefSelect } from './RefSelect';
import { SpecValue } from './SpecValue';

function filtersFromUrl(info: KindInfo, params: URLSearchParams): ListFilters {
  const fields: Record<string, string> = {};
  for (const filter of info.filters) {
    const value = params.get(filter.name);
    if (value) fields[filter.name] = value;
  }
  return { q: params.get('q') ?? '', labels: params.getAll('label').filter(Boolean), fields };
}

/** The list page of the kind named in the URL. */
export function ListPage() {
  const { plural } = useParams();
  if (!isPlural(plural)) return <NotFoundPage />;
  return <KindList key={plural} info={KIND_INFO[KIND_OF[plural]]} />;
}

function KindList({ info }: { info: KindInfo }) {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromUrl(info, params);
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search, 250);
  const [label, setLabel] = useState(filters.labels.join(' '));
  const session = useSession();
  const list = useDocumentList(info.plural, filters);

  const setParam = (name: string, value: string | undefined) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };
  useEffect(() => {
    if (debounced !== (params.get('q') ?? '')) setParam('q', debounced);
    // Only the debounced text drives the URL; the params it reads change with it.
  }, [debounced]);

  const applyLabels = () => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete('label');
        for (const pair of label.split(/\s+/).filter(Boolean)) next.append('label', pair);
        return next;
      },
      { replace: true },
    );
  };

  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const scanned = list.data?.pages.reduce((sum, page) => sum + page.scanned, 0) ?? 0;
  const filtering = Object.keys(filters.fields).length > 0;
  const columns = info.columns
    .map((name) => info.allFields.find((field) => field.name === name))
    .filter((f) => f !== undefined);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {info.title}
        </Title>
        {canWrite(session.data, info.kind) && (
          <Button component={Link} to={`/${info.plural}/new`}>
            New {info.singular}
          </Button>
        )}
      </Group>
      <Group align="end" gap="sm" wrap="wrap" role="search" aria-label={`Filter ${info.title.toLowerCase()}`}>
        <TextInput
          label="Search"
          placeholder="id, name or description"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={240}
        />
        {info.filters.map((filter) =>
          filter.kinds ? (
            <RefSelect
              key={filter.name}
              label={filter.label}
              kinds={filter.kinds}
              value={filters.fields[filter.name]}
              onChange={(value) => setParam(filter.name, value)}
              placeholder="Any"
            />
          ) : (
            <Select
              key={filter.name}
              label={filter.label}
              placeholder="Any"
              clearable
              data={[...(filter.options ?? [])]}
              value={filters.fields[filter.name] ?? null}
              onChange={(value) => setParam(filter.name, value ?? undefined)}
              w={150}
            />
          ),
        )}
        <TextInput
          label="Labels"
          placeholder="key=value"
          value={label}
          onChange={(event) => setLabel(event.currentTarget.value)}
          onBlur={applyLabels}
          onKeyDown={(event) => event.key === 'Enter' && applyLabels()}
          w={200}
        />
      </Group>
      {list.isError && <Alert color="red">{list.error.message}</Alert>}
      <Table.ScrollContainer minWidth={600}>
        <Table striped highlightOnHover aria-label={info.title}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              {columns.map((field) => (
                <Table.Th key={field.name}>{field.label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((doc) => (
              <Table.Tr key={doc.metadata.id}>
                <Table.Td>
                  <Anchor component={Link} to={documentPath(doc.kind, doc.metadata.id)}>
                    {doc.metadata.name ?? doc.metadata.id}
                  </Anchor>
                  {doc.metadata.name && (
                    <Text size="xs" c="dimmed">
                      {doc.metadata.id}
                    </Text>
                  )}
                </Table.Td>
                {columns.map((field) => (
                  <Table.Td key={field.name}>
                    <SpecValue field={field} value={(doc.spec as Record<string, unknown>)[field.name]} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group>
        {list.isPending && <Text c="dimmed">Loading…</Text>}
        {!list.isPending && rows.length === 0 && <Text c="dimmed">No {info.title.toLowerCase()} match.</Text>}
        {list.hasNextPage && (
          <Button
            variant="default"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            Load more
          </Button>
        )}
        <Text size="sm" c="dimmed" aria-live="polite">
          {rows.length} shown{filtering ? ` (${scanned} scanned)` : ''}
        </Text>
      </Group>
    </Stack>
  );
}
