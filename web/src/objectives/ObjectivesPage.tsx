/**
 * The objectives gap: every service (down the side) against its RTO and RPO in every scenario (across): each
 * site alone, each vendor alone, each plan's scenario with the plan followed. A cell gives the restore time and
 * the data loss, coloured by how it stands: red breached, amber unknown or only "at least", green met.
 */
import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Objectives } from '../api/analysis';
import { useProvenRtos } from '../api/exercise-analysis';
import { useAllServices, useObjectives } from '../api/queries';
import { documentPath } from '../catalog/links';
import { ServiceLink } from '../catalog/ServiceLink';
import { ProvenRtoText } from '../exercises/ProvenRto';
import { formatMinutes } from '../util/duration';
import type { CellStatus, ObjectiveCell, ObjectiveService, ObjectivesSort } from './objectives-model';
import { breachCount, cellStatus, lossText, restoreText, sortServices } from './objectives-model';

/** Rows drawn at first and per "Show more": a large catalog's matrix (thousands of services) stays responsive. */
const PAGE_ROWS = 200;

/** Background and the word that says the status without colour. */
const LOOK: Record<CellStatus, { bg?: string; word: string }> = {
  up: { word: 'up' },
  breach: { bg: 'red.1', word: 'breach' },
  unknown: { bg: 'yellow.1', word: 'unknown' },
  met: { bg: 'green.1', word: 'met' },
  none: { bg: 'gray.1', word: 'no objective' },
};

type Scenario = Objectives['scenarios'][number];

const SOURCE_KIND = { site: 'Site', vendor: 'Vendor', plan: 'Plan', risk: 'Risk' } as const;

function scenarioPath(scenario: Scenario): string {
  return scenario.source === 'plan'
    ? `/plans/${encodeURIComponent(scenario.id)}`
    : documentPath(SOURCE_KIND[scenario.source], scenario.id);
}

/** Why a cell is amber, said in words. */
function unknownReason(service: ObjectiveService, cell: ObjectiveCell): string {
  const reasons: string[] = [];
  if (!cell.restoreKnown)
    reasons.push('the restore time is a lower bound: something it waits on has no recovery time');
  if (service.rpoMinutes !== null && cell.dataLossMinutes === null && cell.rpoBreach === null)
    reasons.push('a database or storage it needs says nothing of its copies');
  return reasons.join('; ');
}

function Cell({ service, cell }: { service: ObjectiveService; cell: ObjectiveCell }) {
  const status = cellStatus(service, cell);
  const look = LOOK[status];
  const reason = status === 'unknown' ? unknownReason(service, cell) : '';
  return (
    <Table.Td
      bg={look.bg}
      data-scenario={cell.scenario}
      data-status={status}
      title={reason || undefined}
      style={{ whiteSpace: 'nowrap' }}
    >
      {status === 'up' && cell.dataLossMinutes === 0 ? (
        <Text size="sm" c="dimmed">
          up
        </Text>
      ) : (
        <>
          <Text size="sm" fw={600}>
            {restoreText(cell)}
          </Text>
          <Text size="xs">lost: {lossText(cell)}</Text>
          <Text size="xs" fw={status === 'breach' ? 700 : 400}>
            {look.word}
          </Text>
        </>
      )}
    </Table.Td>
  );
}

/** The Objectives page (`/objectives`). */
export function ObjectivesPage() {
  const gap = useObjectives();
  const services = useAllServices();
  const proven = useProvenRtos();
  const [sort, setSort] = useState<ObjectivesSort>('tier');
  const [shown, setShown] = useState(PAGE_ROWS);
  const names = useMemo(
    () =>
      new Map((services.data ?? []).map((doc) => [doc.metadata.id, doc.metadata.name ?? doc.metadata.id])),
    [services.data],
  );
  const rows = useMemo(() => (gap.data ? sortServices(gap.data.services, sort) : []), [gap.data, sort]);

  return (
    <Stack gap="md">
      <Title order={1}>Objectives</Title>
      <Text c="dimmed" maw={760}>
        Every service against its RTO and RPO when each site, each vendor, or each plan&apos;s scenario fails
        (plans followed step by step). A cell gives when the service is back and how much data it loses. Hover
        an amber cell for why it is unknown.
      </Text>
      {gap.isPending && <Loader aria-label="Computing the objectives gap" />}
      {gap.isError && <Alert color="red">Objectives: {gap.error.message}</Alert>}
      {gap.data && (
        <>
          <Group justify="space-between">
            <Text fw={600} c={breachCount(gap.data) > 0 ? 'red' : 'green'} data-testid="objectives-summary">
              {breachCount(gap.data)} breaches across {gap.data.scenarios.length} scenarios and{' '}
              {gap.data.services.length} services
            </Text>
            <Group gap="xs">
              <Text size="sm" id="objectives-sort-label">
                Sort by
              </Text>
              <SegmentedControl
                aria-labelledby="objectives-sort-label"
                value={sort}
                onChange={(value) => setSort(value === 'gap' ? 'gap' : 'tier')}
                data={[
                  { value: 'tier', label: 'Tier' },
                  { value: 'gap', label: 'Worst gap' },
                ]}
              />
            </Group>
          </Group>
          {gap.data.scenarios.length === 0 ? (
            <Text>No site, vendor or plan yet: there is no scenario to measure.</Text>
          ) : (
            <Table.ScrollContainer minWidth={240 + 130 * gap.data.scenarios.length}>
              <Table
                withTableBorder
                withColumnBorders
                aria-label="Objectives gap"
                data-testid="objectives-matrix"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Service</Table.Th>
                    <Table.Th>RTO / RPO (proven RTO)</Table.Th>
                    {gap.data.scenarios.map((scenario) => (
                      <Table.Th key={scenario.id} data-scenario={scenario.id}>
                        <Anchor component={Link} to={scenarioPath(scenario)} size="sm">
                          {scenario.id}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {scenario.source}
                          {scenario.source === 'plan' && ` (${scenario.fail.join(', ')})`}
                        </Text>
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.slice(0, shown).map((service) => (
                    <Table.Tr key={service.id} data-service={service.id}>
                      <Table.Th scope="row">
                        <ServiceLink
                          id={service.id}
                          name={names.get(service.id) ?? service.id}
                          tier={service.tier}
                          size="sm"
                        />
                      </Table.Th>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">
                          {service.rtoMinutes === null ? '-' : formatMinutes(service.rtoMinutes)} /{' '}
                          {service.rpoMinutes === null ? '-' : formatMinutes(service.rpoMinutes)}
                        </Text>
                        {proven.data && (
                          <Text size="xs">
                            <ProvenRtoText proven={proven.data.get(service.id)} size="xs" />
                          </Text>
                        )}
                      </Table.Td>
                      {service.results.map((cell) => (
                        <Cell key={cell.scenario} service={service} cell={cell} />
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {rows.length > shown && (
            <Button
              variant="light"
              onClick={() => setShown(shown + PAGE_ROWS)}
              style={{ alignSelf: 'start' }}
            >
              Show {Math.min(PAGE_ROWS, rows.length - shown)} more of {rows.length - shown} services
            </Button>
          )}
        </>
      )}
    </Stack>
  );
}
