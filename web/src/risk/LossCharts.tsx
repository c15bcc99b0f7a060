/**
 * A risk's simulated annual loss as two charts (@mantine/charts): the histogram of a year's loss, read off the
 * exceedance curve, and the loss exceedance curve itself (the probability that a year costs more than a given
 * amount), on a log scale of money when the losses span orders of magnitude.
 */
import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Stack, Text, Title } from '@mantine/core';
import type { ExceedancePoint } from '../api/risk';
import { formatMoney, formatProbability, lossHistogram, spansOrders } from './risk-model';

interface Props {
  exceedance: readonly ExceedancePoint[];
  probabilityOfLoss: number;
  currency: string;
}

/** The histogram of annual loss. */
export function LossHistogram({ exceedance, probabilityOfLoss, currency }: Props) {
  const bins = lossHistogram(exceedance, probabilityOfLoss, currency).map((bin) => ({
    range: bin.label,
    probability: bin.probability,
  }));
  return (
    <Stack
      gap={4}
      component="figure"
      m={0}
      aria-label="Histogram of annual loss"
      data-testid="loss-histogram"
    >
      <Title order={3} size="h5">
        How much a year costs
      </Title>
      <BarChart
        h={260}
        data={bins}
        dataKey="range"
        series={[{ name: 'probability', label: 'Share of years', color: 'indigo.6' }]}
        valueFormatter={formatProbability}
        xAxisProps={{ interval: 0, angle: -30, textAnchor: 'end', height: 80, fontSize: 11 }}
        yAxisProps={{ width: 56 }}
        tickLine="y"
      />
      <Text component="figcaption" size="xs" c="dimmed">
        Share of the simulated years whose loss falls in each range; the first bar is the years without a
        loss.
      </Text>
    </Stack>
  );
}

/** The loss exceedance curve. */
export function ExceedanceCurve({ exceedance, currency }: Omit<Props, 'probabilityOfLoss'>) {
  const points = exceedance.filter((point) => point.loss > 0).map((point) => ({ ...point }));
  const first = points[0]?.loss ?? 1;
  const last = points.at(-1)?.loss ?? 1;
  const logScale = spansOrders(first, last);
  const money = (value: number) => formatMoney(value, currency);
  return (
    <Stack
      gap={4}
      component="figure"
      m={0}
      aria-label="Loss exceedance curve"
      data-testid="exceedance-curve"
      data-points={points.length}
    >
      <Title order={3} size="h5">
        Loss exceedance curve
      </Title>
      {points.length === 0 ? (
        <Text size="sm" c="dimmed">
          No simulated year had a loss.
        </Text>
      ) : (
        <LineChart
          h={260}
          data={points}
          dataKey="loss"
          series={[{ name: 'probability', label: 'Probability of exceeding', color: 'red.7' }]}
          curveType="linear"
          withDots={false}
          valueFormatter={formatProbability}
          xAxisProps={{
            type: 'number',
            scale: logScale ? 'log' : 'linear',
            domain: [first, last],
            allowDataOverflow: true,
            tickFormatter: money,
            fontSize: 11,
          }}
          yAxisProps={{ width: 56 }}
          xAxisLabel={`Annual loss (${currency}${logScale ? ', log scale' : ''})`}
          tooltipProps={{ labelFormatter: (label: unknown) => `more than ${money(Number(label))}` }}
          gridAxis="xy"
        />
      )}
      <Text component="figcaption" size="xs" c="dimmed">
        The probability that a year&apos;s loss exceeds each amount.
      </Text>
    </Stack>
  );
}
