/** The simulator's lists: services down with their breaches, and every down node with its cause chain. */
import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { Link } from 'react-router';
import type { ImpactResult } from '../api/analysis';
import { documentPath } from '../catalog/links';
import { ServiceLink } from '../catalog/ServiceLink';
import { useProvenRtos } from '../api/exercise-analysis';
import { ProvenRtoText } from '../exercises/ProvenRto';
import { formatMinutes, formatRestore } from '../util/duration';

/**
 * A breach flag: true breached, false met; null is either no objective (`set` false) or, with one, a lower bound
 * within it or an unknown data loss, which may yet breach it.
 */
export function BreachBadge({
  breach,
  what,
  set = breach !== null,
  why,
}: {
  breach: boolean | null;
  what: string;
  set?: boolean;
  why?: string;
}) {
  if (breach === null && set)
    return (
      <Badge color="yellow" variant="light" title={why} data-testid="breach-unknown">
        {what} unknown
      </Badge>
    );
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

/** Why a time is only "at least". */
export const BOUND_REASON =
  'At least: it waits on a failed node with no recovery time, so the real time may be later (see the unknowns above).';

/** Why a loss is unknown. */
export const LOSS_REASON =
  'A database or storage it depends on went down and says nothing of its copies (replicas or backups).';

/** A service's data loss: none, the minutes, `all since the last copy` (unbounded) or `unknown`. */
function lossText(service: ImpactResult['services'][number]): string {
  if (service.dataLossMinutes !== null)
    return service.dataLossMinutes === 0 ? '-' : formatMinutes(service.dataLossMinutes);
  return service.dataLossKnown ? 'all of it (no copy left)' : 'unknown';
}

/** Services that go down, most critical first. */
export function ServicesDownTable({
  impact,
  names,
}: {
  impact: ImpactResult;
  names: ReadonlyMap<string, string>;
}) {
  const proven = useProvenRtos();
  // Down, or up but short of data: a data node in one of its redundancy groups went down.
  const down = impact.services
    .filter((service) => service.down || service.dataLossMinutes !== 0)
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
            <Table.Th>Data lost</Table.Th>
            <Table.Th>RPO</Table.Th>
            <Table.Th>Breaches</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {down.map((service) => (
            <Table.Tr key={service.id} data-service={service.id}>
              <Table.Td>
                <ServiceLink id={service.id} name={names.get(service.id) ?? service.id} tier={service.tier} />
              </Table.Td>
              <Table.Td>
                {service.down ? formatRestore(service.restoreMinutes, service.restoreKnown) : 'stays up'}
              </Table.Td>
              <Table.Td>
                {service.rtoMinutes === null ? '-' : formatMinutes(service.rtoMinutes)}
                {proven.data && service.rtoMinutes !== null && (
                  <Text size="xs">
                    <ProvenRtoText proven={proven.data.get(service.id)} size="xs" />
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{service.mtpdMinutes === null ? '-' : formatMinutes(service.mtpdMinutes)}</Table.Td>
              <Table.Td>{lossText(service)}</Table.Td>
              <Table.Td>{service.rpoMinutes === null ? '-' : formatMinutes(service.rpoMinutes)}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <BreachBadge
                    breach={service.rtoBreach}
                    what="RTO"
                    set={service.rtoMinutes !== null}
                    why={BOUND_REASON}
                  />
                  <BreachBadge
                    breach={service.mtpdBreach}
                    what="MTPD"
                    set={service.mtpdMinutes !== null}
                    why={BOUND_REASON}
                  />
                  <BreachBadge
                    breach={service.rpoBreach}
                    what="RPO"
                    set={service.rpoMinutes !== null}
                    why={LOSS_REASON}
                  />
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
              <Table.Td>{formatRestore(node.restoreMinutes, node.restoreKnown)}</Table.Td>
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
