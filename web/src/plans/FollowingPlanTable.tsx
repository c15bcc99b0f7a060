/**
 * Each service's restore time when the plan is followed (its steps' ends restore what they name), beside the one
 * the dependency graph alone gives and the RTO: whether the written plan is faster or slower than the graph.
 */
import { Badge, Group, Table, Text } from '@mantine/core';
import type { ImpactResult } from '../api/analysis';
import type { PlanDocument, PlanRecoveryOrder } from '../api/plans';
import { useProvenRtos } from '../api/exercise-analysis';
import { ServiceLink } from '../catalog/ServiceLink';
import { ProvenRtoText } from '../exercises/ProvenRto';
import { formatRestore } from '../util/duration';
import { formatExact } from './RecoveryOrderTable';

type Service = ImpactResult['services'][number];

/** A restore time: `never`, `at least 4h` for a lower bound, else the time with every unit. */
function restoreText(service: Service | undefined): string {
  if (!service?.down) return 'stays up';
  return formatRestore(service.restoreMinutes, service.restoreKnown, formatExact);
}

/** Met, missed, or unknown (a lower bound within the RTO) against the RTO. */
function RtoBadge({ service }: { service: Service }) {
  if (service.rtoMinutes === null || !service.down) return null;
  if (service.rtoBreach === true)
    return (
      <Badge color="red" size="xs" tt="none" data-testid="following-breach">
        misses RTO
      </Badge>
    );
  if (service.rtoBreach === null)
    return (
      <Badge color="yellow" size="xs" tt="none" title="a step before it has no duration">
        at least: unknown
      </Badge>
    );
  return (
    <Badge color="green" size="xs" tt="none">
      meets RTO
    </Badge>
  );
}

/** The services down in the plan's scenario: graph alone, plan followed, RTO. */
export function FollowingPlanTable({
  following,
  order,
  plan,
  names,
}: {
  following: ImpactResult;
  order: PlanRecoveryOrder;
  plan: PlanDocument;
  names: ReadonlyMap<string, string>;
}) {
  const proven = useProvenRtos();
  const byGraph = new Map(order.services.map((service) => [service.id, service]));
  const protectedIds = new Set(plan.spec.services);
  // The services the plan protects first, then the others the scenario takes down; each by tier.
  const rows = following.services
    .filter((service) => service.down || protectedIds.has(service.id))
    .sort((a, b) => Number(protectedIds.has(b.id)) - Number(protectedIds.has(a.id)) || a.tier - b.tier);
  if (rows.length === 0) return <Text size="sm">No service goes down in this scenario.</Text>;
  const bounded = rows.some((service) => service.down && !service.restoreKnown);
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        Following the plan, a node a step restores is back when the step ends (or later, when what it needs is
        not back yet); the rest follows the graph.
        {bounded && ' "At least": a step on the way has no duration, so the time is a lower bound.'}
      </Text>
      <Table.ScrollContainer minWidth={520}>
        <Table
          striped
          fz="sm"
          horizontalSpacing="xs"
          aria-label="Restore times following the plan"
          data-testid="following-plan"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Service</Table.Th>
              <Table.Th>RTO</Table.Th>
              <Table.Th>Graph alone</Table.Th>
              <Table.Th>Following the plan</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((service) => (
              <Table.Tr key={service.id} data-service={service.id}>
                <Table.Td>
                  <ServiceLink
                    id={service.id}
                    name={names.get(service.id) || service.id}
                    tier={service.tier}
                    size="sm"
                  />
                  {protectedIds.has(service.id) && (
                    <Text size="xs" c="dimmed">
                      protected by this plan
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {service.rtoMinutes === null ? '-' : formatExact(service.rtoMinutes)}
                  {proven.data && service.rtoMinutes !== null && (
                    <Text size="xs" style={{ whiteSpace: 'normal' }}>
                      <ProvenRtoText proven={proven.data.get(service.id)} size="xs" />
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-column="graph" style={{ whiteSpace: 'nowrap' }}>
                  {restoreText(byGraph.get(service.id))}
                </Table.Td>
                <Table.Td data-column="following" style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={4} wrap="nowrap">
                    <Text size="sm">{restoreText(service)}</Text>
                    <RtoBadge service={service} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
