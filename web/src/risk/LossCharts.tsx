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

/**
 * The histogram of annual loss: one horizontal bar per range of loss (the ranges down the side, so their labels
 * stay whole), the share of all simulated years in each; the years without a loss are said in the caption, as
 * a bar of their own would flatten every other.
 */
export function LossHistogram({ exceedance, probabilityOfLoss, currency }: Props) {
  const [none, ...ranges] = lossHistogram(exceedance, probabilityOfLoss, currency);
  const bins = ranges.map((bin) => ({ range: bin.label, probability: bin.probability }));
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
        h={Math.max(200, 26 * bins.length + 40)}
        data={bins}
        dataKey="range"
        orientation="vertical"
        series={[{ name: 'probability', label: 'Share of years', color: 'indigo.6' }]}
        valueFormatter={formatProbability}
        yAxisProps={{ width: 150, interval: 0, fontSize: 11 }}
        xAxisProps={{ fontSize: 11 }}
        gridAxis="x"
      />
      <Text component="figcaption" size="xs" c="dimmed">
        Share of the simulated years whose loss falls in each range. No loss at all in{' '}
        {formatProbability(none?.probability ?? 1)} of the years.
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
