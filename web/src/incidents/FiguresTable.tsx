/** What an incident cost each affected service: real downtime and data loss against the objectives, and the
 * engine's predicted restore time against the real one. */
import { Alert, Badge, Group, Loader, Stack, Table, Text } from '@mantine/core';
import type { ServiceFigures } from '../api/incidents';
import { useIncidentFigures } from '../api/incidents';
import { useAllServices } from '../api/queries';
import { ServiceLink } from '../catalog/ServiceLink';
import { formatMinutes } from '../util/duration';
import { predictionError } from './incident-model';

/** An objective and whether the incident kept within it; a breach is red. */
function Objective({ limit, met, what }: { limit: number | null; met: boolean | null; what: string }) {
  if (limit === null) {
    return (
      <Text size="sm" c="dimmed">
        no {what}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c={met === false ? 'red' : undefined} fw={met === false ? 600 : undefined}>
        {formatMinutes(limit)}
      </Text>
      {/* The column names the objective; the badge only says how it went. */}
      {met === false && (
        <Badge color="red" size="sm" data-testid="breach" style={{ flexShrink: 0 }}>
          breached
        </Badge>
      )}
      {met === true && (
        <Badge color="green" variant="light" size="sm" style={{ flexShrink: 0 }}>
          met
        </Badge>
      )}
    </Group>
  );
}

function ServiceRow({ service, name }: { service: ServiceFigures; name: string }) {
  const breached = service.rtoMet === false || service.mtpdMet === false;
  return (
    <Table.Tr data-service={service.id} data-breached={breached || undefined}>
      <Table.Td>
        <ServiceLink id={service.id} name={name} tier={service.tier} />
      </Table.Td>
      <Table.Td c={breached ? 'red' : undefined}>
        {service.actualDowntimeMinutes === null ? 'ongoing' : formatMinutes(service.actualDowntimeMinutes)}
      </Table.Td>
      <Table.Td data-objective="rto">
        <Objective limit={service.rtoMinutes} met={service.rtoMet} what="RTO" />
      </Table.Td>
      <Table.Td data-objective="mtpd">
        <Objective limit={service.mtpdMinutes} met={service.mtpdMet} what="MTPD" />
      </Table.Td>
      <Table.Td c={service.rpoMet === false ? 'red' : undefined}>
        {service.dataLossMinutes === null ? '-' : formatMinutes(service.dataLossMinutes)}
      </Table.Td>
      <Table.Td data-objective="rpo">
        <Objective limit={service.rpoMinutes} met={service.rpoMet} what="RPO" />
      </Table.Td>
      <Table.Td>{formatMinutes(service.predictedRestoreMinutes)}</Table.Td>
      <Table.Td c={(service.predictionErrorMinutes ?? 0) > 0 ? 'orange' : undefined}>
        {predictionError(service.predictionErrorMinutes)}
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Which objectives the incident is judged against: those in force when it started, as the audit log recorded
 * them; for a service created later, its earliest known ones (said, so a reader does not take them for history).
 */
function ObjectivesBasis({ rows }: { rows: ServiceFigures[] }) {
  const later = rows.filter((row) => row.objectivesBasis !== 'in-force');
  if (later.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="objectives-basis">
        Judged against the objectives in force when it started.
      </Text>
    );
  return (
    <Text size="sm" c="orange.9" data-testid="objectives-basis">
      Judged against the objectives in force when it started, except for{' '}
      {later.map((row) => row.id).join(', ')}: no record from before it, so the earliest known objectives are
      used.
    </Text>
  );
}

/** The figures of one incident, most critical services first. */
export function FiguresTable({ incident }: { incident: string }) {
  const figures = useIncidentFigures(incident);
  const services = useAllServices();
  if (figures.isPending) return <Loader size="sm" aria-label="Working out the figures" />;
  if (figures.isError) return <Alert color="red">Figures: {figures.error.message}</Alert>;
  const names = new Map((services.data ?? []).map((s) => [s.metadata.id, s.metadata.name ?? s.metadata.id]));
  const rows = [...figures.data.services].sort((a, b) => a.tier - b.tier || a.id.localeCompare(b.id));
  const breaches = rows.filter((row) => row.rtoMet === false || row.mtpdMet === false).length;
  if (rows.length === 0) return <Text c="dimmed">The engine finds no service down for what failed.</Text>;
  return (
    <Stack gap="xs">
      <Text size="sm" data-testid="figures-summary">
        {rows.length} services affected
        {breaches > 0 ? (
          <Text span c="red" fw={600}>
            , {breaches} beyond their RTO or MTPD
          </Text>
        ) : (
          ', all within their RTO and MTPD'
        )}
        .
      </Text>
      <ObjectivesBasis rows={rows} />
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-label="Affected services" data-testid="figures">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Service</Table.Th>
              <Table.Th>Real downtime</Table.Th>
              <Table.Th>RTO</Table.Th>
              <Table.Th>MTPD</Table.Th>
              <Table.Th>Data loss</Table.Th>
              <Table.Th>RPO</Table.Th>
              <Table.Th>Predicted restore</Table.Th>
              <Table.Th>Real against predicted</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((service) => (
              <ServiceRow key={service.id} service={service} name={names.get(service.id) ?? service.id} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
