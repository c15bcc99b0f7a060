/**
 * Single points of failure, ranked: each node whose failure alone takes services down, by how many it takes
 * down weighted by tier (the server's ranking), with names, so the worst one is the first line.
 */
import { Alert, Anchor, Badge, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { SinglePoints } from '../api/analysis';
import { documentPath } from '../catalog/links';
import { TierBadge } from '../catalog/SpecValue';

/** How many services a row names before "and N more". */
const SHOWN = 6;

/** The SPOF section of the dashboard. */
export function SpofTable({ ranking }: { ranking: UseQueryResult<SinglePoints> }) {
  if (ranking.isPending) return <Loader size="sm" aria-label="Finding single points of failure" />;
  if (ranking.isError) return <Alert color="red">Single points of failure: {ranking.error.message}</Alert>;
  const { points, total } = ranking.data;

  return (
    <Card withBorder component="section" aria-label="Single points of failure">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3">
          Single points of failure, worst first
        </Title>
        <Text c={total > 0 ? 'red' : 'green'} fw={600} data-testid="spof-summary">
          {total} nodes take services down alone
          {total > points.length ? `; the worst ${points.length} below` : ''}
        </Text>
      </Group>
      {points.length === 0 ? (
        <Text c="green">None: every service survives any single failure.</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table aria-label="Single points of failure">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>If this fails</Table.Th>
                <Table.Th>Services down</Table.Th>
                <Table.Th>Which</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((point) => (
                <Table.Tr key={point.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor component={Link} to={documentPath(point.kind, point.id)}>
                        {point.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {point.kind}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group
                      gap={4}
                      wrap="nowrap"
                      aria-label={`${point.serviceCount} services, score ${point.weightedScore}`}
                    >
                      <Text fw={600}>{point.serviceCount}</Text>
                      {([1, 2, 3, 4] as const).map((tier) =>
                        point.byTier[tier] > 0 ? (
                          <Badge key={tier} variant="light" color="gray" size="sm">
                            {point.byTier[tier]} × T{tier}
                          </Badge>
                        ) : null,
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={8}>
                      {point.services.slice(0, SHOWN).map((service) => (
                        <Group key={service.id} gap={4} wrap="nowrap">
                          <Anchor component={Link} to={documentPath('Service', service.id)}>
                            {service.name}
                          </Anchor>
                          <TierBadge tier={service.tier} />
                        </Group>
                      ))}
                      {point.serviceCount > SHOWN && (
                        <Anchor component={Link} to={`/map?around=${point.id}`} size="sm">
                          and {point.serviceCount - SHOWN} more on the map
                        </Anchor>
                      )}
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
