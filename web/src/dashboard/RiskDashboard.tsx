/** The dashboard's risk cards: the top risks by ALE, and the risks above the appetite without treatment. */
import { Grid } from '@mantine/core';
import { useAllRisks, usePolicy, useRiskAnalysis } from '../api/risk';
import { riskRows } from '../risk/risk-model';
import { TopRisksCard } from './TopRisksCard';
import { UntreatedRisksCard } from './UntreatedRisksCard';

/** Both cards side by side on a wide screen. */
export function RiskDashboard() {
  const risks = useAllRisks();
  const policy = usePolicy();
  const analysis = useRiskAnalysis();
  const today = new Date().toISOString().slice(0, 10);
  const rows =
    risks.isSuccess && policy.isSuccess
      ? riskRows(risks.data, analysis.data?.risks, policy.data, today)
      : undefined;
  const error = risks.error?.message ?? policy.error?.message;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <TopRisksCard
          rows={analysis.isSuccess ? rows : undefined}
          currency={analysis.data?.currency}
          error={error ?? analysis.error?.message}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <UntreatedRisksCard rows={rows} appetite={policy.data?.risk.appetite} error={error} />
      </Grid.Col>
    </Grid>
  );
}
