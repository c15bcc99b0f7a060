/** The engine's recovery order for a plan's scenario, with the services that miss their objectives flagged. */
import { Alert, Anchor, Badge, Group, List, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { PlanDocument, PlanRecoveryOrder } from '../api/plans';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { documentPath, RefLink } from '../catalog/links';
import { formatMinutes } from '../util/duration';
import { stepsOf } from './PlanSteps';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

type ServiceFigures = PlanRecoveryOrder['services'][number];

/** Minutes with every unit (`4w 1h 30m`): in a recovery order the minutes matter, unlike in a summary. */
export function formatExact(minutes: number): string {
  if (minutes === 0) return '0m';
  const parts: string[] = [];
  let rest = Math.round(minutes);
  for (const [unit, size] of [
    ['w', 10_080],
    ['d', 1_440],
    ['h', 60],
    ['m', 1],
  ] as const) {
    if (rest >= size) parts.push(`${Math.floor(rest / size)}${unit}`);
    rest %= size;
  }
  return parts.join(' ');
}

/** A service's RTO and MTPD breaches as badges (nothing when both are met or unset). */
function Breaches({ service }: { service: ServiceFigures | undefined }) {
  if (!service) return null;
  return (
    <Group gap={4}>
      {service.rtoBreach && (
        <Badge color="orange" size="xs" tt="none" data-testid="breach">
          misses RTO {formatMinutes(service.rtoMinutes)}
        </Badge>
      )}
      {service.mtpdBreach && (
        <Badge color="red" size="xs" tt="none" data-testid="breach">
          misses MTPD {formatMinutes(service.mtpdMinutes)}
        </Badge>
      )}
    </Group>
  );
}

/** The recovery order table, then the nodes that never come back. */
export function RecoveryOrderTable({ order, plan }: { order: PlanRecoveryOrder; plan: PlanDocument }) {
  const services = new Map(order.services.map((service) => [service.id, service]));
  const restoredBy = new Map<string, string[]>();
  for (const { step } of stepsOf(plan))
    for (const id of step.restores ?? []) restoredBy.set(id, [...(restoredBy.get(id) ?? []), step.id]);
  const breaches = order.services.filter((service) => service.rtoBreach || service.mtpdBreach);
  const protectedBreaches = breaches.filter((service) => plan.spec.services.includes(service.id));
  const [shown, setShown] = useState<'all' | 'plan'>('all');
  // "Named in the plan": what it fails, what its steps restore and the services it protects.
  const named = new Set([...order.fail, ...restoredBy.keys(), ...plan.spec.services]);
  const rows = order.items
    .map((item, index) => ({ item, position: index + 1 }))
    .filter(({ item }) => shown === 'all' || named.has(item.id));

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Computed from the dependency graph when {order.fail.join(', ')} fail: work on a node starts when
        everything it needs is back. Times count from the start of the disruption.
      </Text>
      {breaches.length > 0 ? (
        <Alert color="orange" variant="light" p="xs" data-testid="breach-summary">
          {breaches.length} {breaches.length === 1 ? 'service misses its' : 'services miss their'} RTO or MTPD
          in this order, {protectedBreaches.length} of the {plan.spec.services.length} this plan protects
          {protectedBreaches.length > 0 && `: ${protectedBreaches.map((service) => service.id).join(', ')}`}.
        </Alert>
      ) : (
        <Text size="sm" c="green">
          Every service is back within its RTO and MTPD.
        </Text>
      )}
      <SegmentedControl
        aria-label="Nodes shown"
        size="xs"
        value={shown}
        onChange={(value) => setShown(value === 'plan' ? 'plan' : 'all')}
        data={[
          { value: 'all', label: `All ${order.items.length} nodes` },
          { value: 'plan', label: 'Named in the plan' },
        ]}
        style={{ alignSelf: 'start' }}
      />
      <Table.ScrollContainer minWidth={520}>
        <Table
          striped
          fz="sm"
          horizontalSpacing="xs"
          aria-label="Recovery order"
          data-testid="recovery-order"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th miw={150}>Node</Table.Th>
              <Table.Th>Start</Table.Th>
              <Table.Th>End</Table.Th>
              <Table.Th>Waits for</Table.Th>
              <Table.Th>Step</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ item, position }) => (
              <Table.Tr key={item.id} data-node={item.id}>
                <Table.Td>{position}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={documentPath(item.kind, item.id)} size="sm">
                    {item.id}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {item.kind}
                  </Text>
                  <Breaches service={services.get(item.id)} />
                </Table.Td>
                <Table.Td data-column="start" style={NO_WRAP}>
                  {formatExact(item.startMinutes)}
                </Table.Td>
                <Table.Td data-column="end" style={NO_WRAP}>
                  {formatExact(item.endMinutes)}
                </Table.Td>
                <Table.Td>{item.waitsFor.length === 0 ? '-' : item.waitsFor.join(', ')}</Table.Td>
                <Table.Td>{restoredBy.get(item.id)?.join(', ') ?? '-'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {order.unrecoverable.length > 0 && (
        <Alert color="red" title="Never comes back" data-testid="unrecoverable">
          <List size="sm">
            {order.unrecoverable.map((entry) => (
              <List.Item key={entry.id}>
                <RefLink id={entry.id} kinds={FAILURE_KINDS} />
                {entry.cycle.length > 0 && ` (waits in a loop: ${entry.cycle.join(' → ')})`}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
