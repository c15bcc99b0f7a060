/**
 * Per service of an exercise: the RTO in force, when the plans predict it back, when the graph alone does, what
 * the exercise achieved and whether that met the RTO; the data lost against the RPO. A table, and the same
 * times as a grouped bar chart (@mantine/charts) for the services the exercise brought back.
 */
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import type { ExerciseResult } from '../../../src/exercises/analysis.ts';
import { useAllServices } from '../api/queries';
import { NamedLink } from '../incidents/NamedLink';
import { formatDuration } from '../util/duration';

/** A time in the catalog's duration style; a dash where there is none. */
export function minutesText(minutes: number | null): string {
  return minutes === null ? '-' : formatDuration(minutes);
}

/** Met, Missed, or no verdict (a value or its objective missing), said in words and colour. */
export function VerdictBadge({ met, what }: { met: boolean | null; what: string }) {
  if (met === null)
    return (
      <Badge
        color="gray"
        variant="light"
        data-verdict="none"
        title={`No ${what} verdict: a value is missing`}
      >
        no verdict
      </Badge>
    );
  return met ? (
    <Badge color="green" data-verdict="met">
      Met
    </Badge>
  ) : (
    <Badge color="red" data-verdict="missed">
      Missed
    </Badge>
  );
}

const SERIES = [
  { name: 'target', label: 'Target (RTO)', color: 'gray.6' },
  { name: 'predicted', label: 'Predicted (plans)', color: 'blue.6' },
  { name: 'graph', label: 'Graph alone', color: 'cyan.5' },
  { name: 'achieved', label: 'Achieved', color: 'orange.6' },
];

/** The table and the chart of one exercise's services. */
export function ExerciseResults({ result }: { result: ExerciseResult }) {
  const services = useAllServices();
  const names = useMemo(
    () => new Map((services.data ?? []).map((service) => [service.metadata.id, service.metadata.name])),
    [services.data],
  );
  // A service the exercise did not bring back has no bar to compare; its predicted time may be weeks and
  // would flatten every other bar. The table shows it.
  const charted = result.services.filter((row) => row.achievedMinutes !== null);
  const data = charted.map((row) => ({
    service: names.get(row.id) ?? row.id,
    target: row.targetMinutes,
    predicted: row.predictedMinutes,
    graph: row.graphMinutes,
    achieved: row.achievedMinutes,
  }));

  if (result.services.length === 0)
    return (
      <Text c="dimmed">
        No service is in scope: the exercise&apos;s plans name none and none was recorded.
      </Text>
    );
  return (
    <Stack>
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label="Achieved against predicted and target" data-testid="exercise-services">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Service</Table.Th>
              <Table.Th>Target</Table.Th>
              <Table.Th>Predicted</Table.Th>
              <Table.Th>Graph</Table.Th>
              <Table.Th>Achieved</Table.Th>
              <Table.Th>RTO</Table.Th>
              <Table.Th>Data lost</Table.Th>
              <Table.Th>RPO</Table.Th>
              <Table.Th>Data</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.services.map((row) => (
              <Table.Tr key={row.id} data-service={row.id}>
                <Table.Td>
                  <NamedLink id={row.id} kinds={['Service']} size="sm" />
                </Table.Td>
                <Table.Td data-field="target">{minutesText(row.targetMinutes)}</Table.Td>
                <Table.Td data-field="predicted">{minutesText(row.predictedMinutes)}</Table.Td>
                <Table.Td data-field="graph">{minutesText(row.graphMinutes)}</Table.Td>
                <Table.Td data-field="achieved">{minutesText(row.achievedMinutes)}</Table.Td>
                <Table.Td data-field="met">
                  <VerdictBadge met={row.met} what="RTO" />
                </Table.Td>
                <Table.Td data-field="data-lost">{minutesText(row.dataLossMinutes)}</Table.Td>
                <Table.Td data-field="rpo">{minutesText(row.rpoMinutes)}</Table.Td>
                <Table.Td data-field="data-met">
                  <VerdictBadge met={row.dataLossMet} what="RPO" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack
        gap={4}
        component="figure"
        m={0}
        aria-label="Restore times by service"
        data-testid="exercise-chart"
        data-services={charted.length}
      >
        <Title order={3} size="h5">
          Restore times by service
        </Title>
        {charted.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing was recorded back yet.
          </Text>
        ) : (
          <BarChart
            h={280}
            data={data}
            dataKey="service"
            series={SERIES}
            withLegend
            valueFormatter={(value) => formatDuration(Math.round(value))}
            yAxisProps={{ width: 70 }}
            xAxisProps={{ fontSize: 11 }}
          />
        )}
        <Text component="figcaption" size="xs" c="dimmed">
          The services the exercise brought back: its achieved time beside the RTO, the plans&apos; prediction
          and the graph alone. The others are in the table.
        </Text>
      </Stack>
    </Stack>
  );
}
