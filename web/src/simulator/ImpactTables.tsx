/** The simulator's lists: services down with their breaches, and every down node with its cause chain. */
import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { ImpactResult } from '../api/analysis';
import { documentPath } from '../catalog/links';
import { TierBadge } from '../catalog/SpecValue';
import { formatMinutes } from '../util/duration';

/** A breach flag: true breached, false met, null objective unset. */
export function BreachBadge({ breach, what }: { breach: boolean | null; what: string }) {
  if (breach === null)
    return (
      <Text size="xs" c="dimmed">
        no {what}
      </Text>
    );
  return breach ? (
    <Badge color="red" data-testid="breach">
      {what} breached
    </Badge>
  ) : (
    <Badge color="green" variant="light">
      {what} met
    </Badge>
  );
}

/** Services that go down, most critical first. */
export function ServicesDownTable({
  impact,
  names,
}: {
  impact: ImpactResult;
  names: ReadonlyMap<string, string>;
}) {
  const down = impact.services
    .filter((service) => service.down)
    .sort((a, b) => a.tier - b.tier || (a.restoreMinutes ?? Infinity) - (b.restoreMinutes ?? Infinity));
  if (down.length === 0) return <Text c="green">No service goes down: redundancy holds.</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped aria-label="Services down" data-testid="services-down">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Service</Table.Th>
            <Table.Th>Back after</Table.Th>
            <Table.Th>RTO</Table.Th>
            <Table.Th>MTPD</Table.Th>
            <Table.Th>Breaches</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {down.map((service) => (
            <Table.Tr key={service.id} data-service={service.id}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Anchor component={Link} to={documentPath('Service', service.id)}>
                    {names.get(service.id) ?? service.id}
                  </Anchor>
                  <TierBadge tier={service.tier} />
                </Group>
              </Table.Td>
              <Table.Td>{formatMinutes(service.restoreMinutes)}</Table.Td>
              <Table.Td>{service.rtoMinutes === null ? '-' : formatMinutes(service.rtoMinutes)}</Table.Td>
              <Table.Td>{service.mtpdMinutes === null ? '-' : formatMinutes(service.mtpdMinutes)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <BreachBadge breach={service.rtoBreach} what="RTO" />
                  <BreachBadge breach={service.mtpdBreach} what="MTPD" />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Every down node, with why it is down: the chain from a failed node to it. */
export function DownNodesTable({
  impact,
  names,
}: {
  impact: ImpactResult;
  names: ReadonlyMap<string, string>;
}) {
  const cycles = new Map(impact.unrecoverable.map((entry) => [entry.id, entry.cycle]));
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table aria-label="Nodes down and why" data-testid="down-nodes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Node</Table.Th>
            <Table.Th>Back after</Table.Th>
            <Table.Th>Why it is down</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {impact.down.map((node) => (
            <Table.Tr key={node.id}>
              <Table.Td>
                <Anchor component={Link} to={documentPath(node.kind, node.id)}>
                  {names.get(node.id) ?? node.id}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {node.kind}
                </Text>
              </Table.Td>
              <Table.Td>{formatMinutes(node.restoreMinutes)}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  {node.cause.length <= 1
                    ? 'failed in the scenario'
                    : node.cause.map((id, i) => (
                        <Fragment key={`${id}-${i}`}>
                          {i > 0 && ' → '}
                          {names.get(id) ?? id}
                        </Fragment>
                      ))}
                </Text>
                {cycles.has(node.id) && (
                  <Text size="xs" c="red">
                    Never restarts: blocked by the cycle {cycles.get(node.id)?.join(' → ')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
