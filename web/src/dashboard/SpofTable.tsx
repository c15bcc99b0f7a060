/** Single points of failure under tier-1 and tier-2 services: order-1 cut sets, each linked. */
import { Alert, Anchor, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { SpofResult } from '../api/analysis';
import type { DocumentOf } from '../api/catalog';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { RefLink, documentPath } from '../catalog/links';
import { TierBadge } from '../catalog/SpecValue';

interface Props {
  services: DocumentOf<'Service'>[];
  spof: UseQueryResult<SpofResult>;
}

/** The SPOF section of the dashboard. */
export function SpofTable({ services, spof }: Props) {
  if (spof.isPending) return <Loader size="sm" aria-label="Finding single points of failure" />;
  if (spof.isError) return <Alert color="red">Single points of failure: {spof.error.message}</Alert>;
  const byId = new Map(spof.data.services.map((entry) => [entry.id, entry.cutSets]));
  const rows = services
    .map((service) => ({
      service,
      singles: (byId.get(service.metadata.id) ?? [])
        .filter((set) => set.length === 1)
        .map((set) => set[0] ?? ''),
    }))
    .filter((row) => row.singles.length > 0)
    .sort((a, b) => a.service.spec.tier - b.service.spec.tier || b.singles.length - a.singles.length);
  const distinct = new Set(rows.flatMap((row) => row.singles));

  return (
    <Card withBorder component="section" aria-label="Single points of failure">
      <Group justify="space-between" mb="xs">
        <Title order={3}>Single points of failure under tier-1 and tier-2 services</Title>
        <Text c={rows.length > 0 ? 'red' : 'green'} fw={600} data-testid="spof-summary">
          {rows.length} of {services.length} services, {distinct.size} distinct nodes
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Text c="green">None: every tier-1 and tier-2 service survives any single failure.</Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th>Fails alone when any of these fails</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ service, singles }) => (
                <Table.Tr key={service.metadata.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor component={Link} to={documentPath('Service', service.metadata.id)}>
                        {service.metadata.name ?? service.metadata.id}
                      </Anchor>
                      <TierBadge tier={service.spec.tier} />
                      <Anchor component={Link} to={`/map?around=${service.metadata.id}`} size="xs">
                        map
                      </Anchor>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={8}>
                      {singles.map((id) => (
                        <RefLink key={id} id={id} kinds={FAILURE_KINDS} />
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
