/**
 * What a risk would cost, from the analysis: the cost of one event (computed from the scenario or estimated),
 * how often it happens, the expected annual loss and the bad years, and the two charts of a year's loss.
 */
import { Alert, Grid, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import type { RiskAnalysis, RiskDocument, useRiskAnalysis } from '../api/risk';
import { ExceedanceCurve, LossHistogram } from './LossCharts';
import { formatMoney, formatProbability } from './risk-model';
import { Section } from './RiskSections';

/** What the risk would cost: per event, a year on average, bad years; the two charts. */
export function RiskCost({
  risk,
  analysis,
  currency: policyCurrency,
}: {
  risk: RiskDocument;
  analysis: ReturnType<typeof useRiskAnalysis>;
  currency: string;
}) {
  if (analysis.isPending)
    return (
      <Section title="What it would cost">
        <Loader size="sm" aria-label="Quantifying the risk" />
      </Section>
    );
  if (analysis.isError)
    return (
      <Section title="What it would cost">
        <Alert color="red">Risk analysis: {analysis.error.message}</Alert>
      </Section>
    );
  const data: RiskAnalysis = analysis.data;
  const figures = data.risks.find((entry) => entry.id === risk.metadata.id);
  const currency = data.currency || policyCurrency;
  const money = (amount: number | null | undefined) =>
    amount === null || amount === undefined ? '–' : formatMoney(amount, currency);
  if (!figures || figures.ale === null || !figures.exceedance) {
    return (
      <Section title="What it would cost">
        <Text c="dimmed">
          Not quantified: give the risk a frequency (events a year, min, likely and max) and either a loss per
          event or a scenario, and its annual loss is simulated.
        </Text>
      </Section>
    );
  }
  const cells: [string, string, string][] = [
    [
      'Cost per event',
      money(figures.lossPerEventMean),
      risk.spec.loss ? 'estimated' : 'computed from the scenario',
    ],
    [
      'Events a year',
      figures.frequencyMean === null ? '–' : String(Number(figures.frequencyMean.toPrecision(3))),
      'mean',
    ],
    ['Expected annual loss', money(figures.ale), 'ALE: the mean of a year'],
    ['Median year', money(figures.p50), 'p50'],
    ['1 year in 10 costs more than', money(figures.p90), 'p90'],
    ['1 year in 20 costs more than', money(figures.p95), 'p95'],
    ['1 year in 100 costs more than', money(figures.p99), 'p99'],
    ['Chance of any loss in a year', formatProbability(figures.probabilityOfLoss ?? 0), ''],
  ];
  return (
    <Section title="What it would cost">
      <Stack>
        <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="cost-figures">
          {cells.map(([label, value, note]) => (
            <div key={label} data-figure={label}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text fw={700} fz="lg">
                {value}
              </Text>
              {note && (
                <Text size="xs" c="dimmed">
                  {note}
                </Text>
              )}
            </div>
          ))}
        </SimpleGrid>
        <Grid>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <LossHistogram
              exceedance={figures.exceedance}
              probabilityOfLoss={figures.probabilityOfLoss ?? 0}
              currency={currency}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <ExceedanceCurve exceedance={figures.exceedance} currency={currency} />
          </Grid.Col>
        </Grid>
        <Text size="xs" c="dimmed">
          {data.runs.toLocaleString()} simulated years, seed {data.seed}.
        </Text>
      </Stack>
    </Section>
  );
}
