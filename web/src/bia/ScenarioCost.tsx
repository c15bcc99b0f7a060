/**
 * What a failure scenario costs (the impact answer's `businessImpact`): the total loss ("at least" when a restore
 * time or a loss is only a bound, "unbounded" when a service is never back), the peak impact level, when the
 * organisation first reaches its tolerance, a chart of the cumulative loss over time and the loss per service.
 * Shown on the simulator and on the plan page.
 */
import '@mantine/charts/styles.css';
import { AreaChart } from '@mantine/charts';
import { Card, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useBiaAnalysis, usePolicy } from '../api/bia';
import type { BiaAnalysis, BusinessImpact, ImpactWithCost } from '../api/bia';
import { ServiceLink } from '../catalog/ServiceLink';
import { formatMinutes } from '../util/duration';
import { formatMoney, scenarioLossPoints } from './bia-model';

/** The total as a person reads it. */
export function totalText(cost: BusinessImpact): string {
  if (cost.totalLoss === null) return 'unbounded';
  const amount = formatMoney(cost.totalLoss, cost.currency);
  return cost.lossKnown ? amount : `at least ${amount}`;
}

/** The loss curve of each service whose BIA gives loss figures at every horizon. */
function curvesOf(analysis: BiaAnalysis | undefined): Map<string, readonly number[]> {
  const curves = new Map<string, readonly number[]>();
  for (const row of analysis?.services ?? []) {
    const loss: readonly (number | null)[] = row.loss;
    if (loss.every((value): value is number => value !== null)) curves.set(row.id, loss);
  }
  return curves;
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={22} fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** The section; nothing when the answer carries no business impact. */
export function ScenarioCost({
  impact,
  names,
}: {
  impact: ImpactWithCost;
  names: ReadonlyMap<string, string>;
}) {
  const cost = impact.businessImpact;
  if (!cost) return null;
  return <Cost cost={cost} tiers={new Map(impact.services.map((s) => [s.id, s.tier]))} names={names} />;
}

function Cost({
  cost,
  tiers,
  names,
}: {
  cost: BusinessImpact;
  tiers: ReadonlyMap<string, number>;
  names: ReadonlyMap<string, string>;
}) {
  const policy = usePolicy();
  const analysis = useBiaAnalysis();
  const levelName = (level: number) =>
    level === 0
      ? 'none'
      : `${level} ${policy.data?.impact.levels.find((l) => l.level === level)?.name ?? ''}`.trim();
  const points = useMemo(
    () => scenarioLossPoints(analysis.data?.horizons ?? [], curvesOf(analysis.data), cost.services),
    [analysis.data, cost.services],
  );

  return (
    <Stack component="section" aria-labelledby="scenario-cost" gap="sm" data-testid="scenario-cost">
      <Title order={2} size="h4" id="scenario-cost">
        What the scenario costs
      </Title>
      {cost.services.length === 0 ? (
        <Text size="sm" c="dimmed">
          No service that goes down has a current BIA, so its cost is not known.
        </Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Figure label="Total loss" value={totalText(cost)} testId="cost-total" />
            <Figure label="Peak impact level" value={levelName(cost.peakLevel)} testId="cost-peak" />
            <Figure
              label="Tolerance reached after"
              value={
                cost.toleranceReachedAtMinutes === null
                  ? 'not reached'
                  : formatMinutes(cost.toleranceReachedAtMinutes)
              }
              testId="cost-tolerance"
            />
          </SimpleGrid>
          {analysis.isPending ? (
            <Loader size="sm" aria-label="Loading the loss curves" />
          ) : points.length > 1 ? (
            <figure style={{ margin: 0 }} aria-label="Cumulative loss over time" data-testid="cost-chart">
              <AreaChart
                h={220}
                data={points}
                dataKey="label"
                curveType="linear"
                series={[{ name: 'loss', label: `Loss (${cost.currency})`, color: 'red.6' }]}
                valueFormatter={(value) => formatMoney(value, cost.currency)}
                yAxisProps={{ width: 90 }}
                xAxisLabel="Time since the failure"
                {...(cost.toleranceReachedAtMinutes !== null &&
                points.some((p) => p.minutes === cost.toleranceReachedAtMinutes)
                  ? {
                      referenceLines: [
                        {
                          x: formatMinutes(cost.toleranceReachedAtMinutes),
                          color: 'orange.7',
                          label: 'tolerance reached',
                          labelPosition: 'insideTopLeft' as const,
                        },
                      ],
                    }
                  : {})}
              />
              <Text component="figcaption" size="xs" c="dimmed">
                The loss of every service down, each up to the moment it is back.
              </Text>
            </figure>
          ) : null}
          <Table.ScrollContainer minWidth={480}>
            <Table striped fz="sm" aria-label="Cost by service" data-testid="cost-services">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Service</Table.Th>
                  <Table.Th>Down for</Table.Th>
                  <Table.Th>Impact level</Table.Th>
                  <Table.Th ta="right">Loss</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cost.services.map((service) => (
                  <Table.Tr key={service.id} data-service={service.id}>
                    <Table.Td>
                      <ServiceLink
                        id={service.id}
                        name={names.get(service.id) || service.id}
                        tier={tiers.get(service.id)}
                        size="sm"
                      />
                    </Table.Td>
                    <Table.Td>{formatMinutes(service.outageMinutes)}</Table.Td>
                    <Table.Td>{levelName(service.level)}</Table.Td>
                    <Table.Td ta="right" data-column="loss">
                      {service.loss === null
                        ? service.outageMinutes === null
                          ? 'unbounded'
                          : 'no loss figures'
                        : formatMoney(service.loss, cost.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
