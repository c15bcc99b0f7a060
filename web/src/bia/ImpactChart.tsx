/**
 * The assessment's curve: the impact level (steps, left axis) and the money lost (right axis) after an outage of
 * each of the policy's horizons, with the tolerance line and the derived MTPD marked.
 */
import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Paper, Text } from '@mantine/core';
import type { EffectivePolicy } from '../api/bia';
import { formatMinutes } from '../util/duration';
import type { CurvePoint } from './bia-model';
import { formatMoney } from './bia-model';

/** The chart, with a line of text saying what it shows for screen readers and a summary below. */
export function ImpactChart({
  points,
  policy,
  mtpdMinutes,
}: {
  points: readonly CurvePoint[];
  policy: EffectivePolicy;
  mtpdMinutes: number | undefined;
}) {
  const levels = policy.impact.levels;
  const currency = policy.organisation.currency;
  const mtpdLabel = points.find((point) => point.minutes === mtpdMinutes)?.label;
  const levelName = (level: number) => levels.find((l) => l.level === level)?.name ?? String(level);
  const hasLoss = points.some((point) => point.loss > 0);
  return (
    <figure style={{ margin: 0 }} aria-label="Impact level and loss over time" data-testid="impact-chart">
      <LineChart
        h={260}
        data={points as CurvePoint[]}
        dataKey="label"
        withRightYAxis={hasLoss}
        withLegend
        series={[
          { name: 'level', label: 'Impact level', color: 'red.6', curveType: 'stepAfter' },
          ...(hasLoss
            ? [
                {
                  name: 'loss',
                  label: `Loss (${currency})`,
                  color: 'blue.6',
                  yAxisId: 'right',
                  curveType: 'linear' as const,
                },
              ]
            : []),
        ]}
        yAxisProps={{
          domain: [0, levels.length],
          ticks: [0, ...levels.map((l) => l.level)],
          allowDecimals: false,
          width: 30,
        }}
        rightYAxisProps={{ tickFormatter: (value: number) => formatMoney(value, currency), width: 90 }}
        tooltipProps={{
          content: ({ payload }) => {
            const point = (payload?.[0] as { payload?: CurvePoint } | undefined)?.payload;
            if (!point) return null;
            return (
              <Paper withBorder shadow="sm" p="xs" fz="sm">
                <Text size="sm" fw={600}>
                  After {point.label === '0' ? '0m' : point.label}
                </Text>
                <Text size="sm">
                  Impact {point.level} {point.level > 0 ? levelName(point.level) : 'none'}
                </Text>
                {hasLoss && <Text size="sm">Loss {formatMoney(point.loss, currency)}</Text>}
              </Paper>
            );
          },
        }}
        referenceLines={[
          {
            y: policy.impact.tolerance,
            color: 'orange.7',
            label: `Tolerance: ${levelName(policy.impact.tolerance)}`,
            labelPosition: 'insideTopLeft',
          },
          ...(mtpdLabel
            ? [
                {
                  x: mtpdLabel,
                  color: 'grape.7',
                  label: `MTPD ${mtpdLabel}`,
                  labelPosition: 'insideTopRight' as const,
                },
              ]
            : []),
        ]}
        xAxisLabel="Outage length"
      />
      <Text component="figcaption" size="xs" c="dimmed" mt={4}>
        {mtpdMinutes === undefined
          ? `The impact never reaches the tolerance (${levelName(policy.impact.tolerance)}) within ${policy.impact.horizons.at(-1) ?? ''}.`
          : `The impact reaches the tolerance (${levelName(policy.impact.tolerance)}) after ${formatMinutes(mtpdMinutes)}.`}
        {hasLoss &&
          ` Loss after ${points.at(-1)?.label ?? ''}: ${formatMoney(points.at(-1)?.loss ?? 0, currency)}.`}
      </Text>
    </figure>
  );
}
