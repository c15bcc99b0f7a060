/**
 * The trend from the daily snapshots the job queue keeps: the score over time, and the passing share of the
 * checks chosen (at first those failing in the latest snapshot) over time.
 */
import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Alert, Chip, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useComplianceTrend } from '../api/compliance';
import { CHECK_IDS } from '../../../src/catalog/vocabulary.ts';
import type { CheckId, Snapshot } from './compliance-model';
import { checkSeries, scoreSeries, trendSummary } from './compliance-model';

/** One colour per check, told apart on white; the legend and the chips name them too. */
const CHECK_COLORS = [
  'blue.7',
  'red.7',
  'green.8',
  'orange.8',
  'grape.7',
  'teal.8',
  'indigo.7',
  'pink.7',
  'cyan.8',
  'lime.9',
  'violet.7',
  'yellow.9',
  'dark.5',
  'blue.4',
  'red.4',
  'green.5',
  'orange.5',
];

const colorOf = (id: CheckId) => CHECK_COLORS[CHECK_IDS.indexOf(id) % CHECK_COLORS.length] ?? 'blue.7';

const percent = (value: number) => `${value}%`;

/** The checks drawn at first: those failing in the latest snapshot, or every check when none fails. */
function failingLatest(snapshots: readonly Snapshot[], drawn: readonly CheckId[]): CheckId[] {
  const latest = [...snapshots].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  const failing = (latest?.checks ?? []).filter((check) => check.failed > 0).map((check) => check.id);
  return failing.length > 0 ? drawn.filter((id) => failing.includes(id)) : [...drawn];
}

function Charts({ snapshots, titles }: { snapshots: Snapshot[]; titles: ReadonlyMap<CheckId, string> }) {
  const scores = useMemo(() => scoreSeries(snapshots), [snapshots]);
  const shares = useMemo(() => checkSeries(snapshots), [snapshots]);
  const [chosen, setChosen] = useState<string[]>(() => failingLatest(snapshots, shares.checks));
  const drawn = shares.checks.filter((id) => chosen.includes(id));
  return (
    <Stack gap="lg">
      <Stack gap={4} component="figure" m={0} aria-labelledby="trend-score-title" data-testid="trend-score">
        <Title order={2} size="h4" id="trend-score-title">
          Score over time
        </Title>
        <LineChart
          h={240}
          data={scores}
          dataKey="date"
          series={[{ name: 'score', label: 'Score', color: 'blue.7' }]}
          curveType="linear"
          connectNulls={false}
          valueFormatter={percent}
          yAxisProps={{ domain: [0, 100], width: 48 }}
        />
        <Text component="figcaption" size="xs" c="dimmed">
          {trendSummary(scores)}
        </Text>
      </Stack>
      <Stack gap={4} component="figure" m={0} aria-labelledby="trend-checks-title" data-testid="trend-checks">
        <Title order={2} size="h4" id="trend-checks-title">
          Each check&apos;s passing share over time
        </Title>
        <Chip.Group multiple value={chosen} onChange={setChosen}>
          <Group gap={6} role="group" aria-label="Checks drawn">
            {shares.checks.map((id) => (
              <Chip key={id} value={id} size="xs" title={titles.get(id)}>
                {id}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {drawn.length === 0 ? (
          <Text size="sm" c="dimmed">
            Choose the checks to draw.
          </Text>
        ) : (
          <LineChart
            h={260}
            data={shares.data}
            dataKey="date"
            series={drawn.map((id) => ({ name: id, label: id, color: colorOf(id) }))}
            curveType="linear"
            connectNulls={false}
            withLegend
            valueFormatter={percent}
            yAxisProps={{ domain: [0, 100], width: 48 }}
          />
        )}
        <Text component="figcaption" size="xs" c="dimmed">
          The share of each check&apos;s items that pass, per daily snapshot
          {drawn.length > 0 && `: ${drawn.map((id) => `${id} ${titles.get(id) ?? ''}`.trim()).join(', ')}`}.
        </Text>
      </Stack>
    </Stack>
  );
}

/** The trend tab: the charts, or why there is nothing to draw yet. */
export function ComplianceTrend({ titles }: { titles: ReadonlyMap<CheckId, string> }) {
  const trend = useComplianceTrend();
  if (trend.isPending) return <Loader aria-label="Loading the trend" />;
  if (trend.isError) return <Alert color="red">Trend: {trend.error.message}</Alert>;
  if (trend.data.snapshots.length === 0)
    return (
      <Alert color="blue" title="No snapshots yet" data-testid="trend-empty">
        The job queue takes a snapshot of the compliance report every day; the trend starts with the first
        one.
      </Alert>
    );
  return <Charts snapshots={trend.data.snapshots} titles={titles} />;
}
