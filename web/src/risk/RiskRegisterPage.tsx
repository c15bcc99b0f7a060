/**
 * `/risks`: the risk register. The heat map (inherent or residual; a cell filters the register to its risks),
 * the register itself (filters by category, owner, appetite and review; every column sorts) and the suggested
 * risks from single points of failure. Filters, order and the chosen cell live in the URL, so a view is shared.
 */
import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Grid,
  Group,
  Loader,
  Select,
  Card,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { RISK_CATEGORIES } from '../../../src/catalog/kinds/risk.kind.ts';
import { canWrite } from '../api/auth';
import { useSession } from '../api/queries';
import { useAllRisks, usePolicy, useRiskAnalysis } from '../api/risk';
import type { EffectivePolicy, RiskAnalysis } from '../api/risk';
import { RefSelect } from '../catalog/RefSelect';
import { HeatMap } from './HeatMap';
import { filterRows, formatMoney, levelName, riskRows, sortRows } from './risk-model';
import type { RiskFilters, RiskRow, Scale, SortKey } from './risk-model';
import { RiskTable } from './RiskTable';
import { SuggestedRisks } from './SuggestedRisks';

const SORT_KEYS: readonly SortKey[] = [
  'name',
  'category',
  'owner',
  'score',
  'residualScore',
  'decision',
  'ale',
  'lastReviewed',
];

/** The register's view as the URL gives it. */
function viewFromUrl(params: URLSearchParams) {
  const scale: Scale = params.get('scale') === 'residual' ? 'residual' : 'inherent';
  const cellMatch = /^(\d)-(\d)$/.exec(params.get('cell') ?? '');
  const cell = cellMatch ? { likelihood: Number(cellMatch[1]), impact: Number(cellMatch[2]) } : undefined;
  const yesNo = (value: string | null) => (value === 'yes' || value === 'no' ? value : undefined);
  const filters: RiskFilters = {
    category: params.get('category') ?? undefined,
    owner: params.get('owner') ?? undefined,
    appetite: yesNo(params.get('above')),
    reviewDue: yesNo(params.get('reviewDue')),
    cell: cell && { scale, ...cell },
  };
  const sortParam = params.get('sort') as SortKey | null;
  const sort: SortKey = sortParam && SORT_KEYS.includes(sortParam) ? sortParam : 'score';
  const direction: 'asc' | 'desc' = params.get('dir') === 'asc' ? 'asc' : 'desc';
  return { scale, cell, filters, sort, direction };
}

/** The register page. */
export function RiskRegisterPage() {
  const risks = useAllRisks();
  const policy = usePolicy();
  const analysis = useRiskAnalysis();
  const session = useSession();

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Risks
        </Title>
        {canWrite(session.data, 'Risk') && (
          <Button component={Link} to="/risks/new">
            New risk
          </Button>
        )}
      </Group>
      {risks.isError && <Alert color="red">Risks: {risks.error.message}</Alert>}
      {policy.isError && <Alert color="red">Policy: {policy.error.message}</Alert>}
      {(risks.isPending || policy.isPending) && <Loader aria-label="Loading the register" />}
      {risks.isSuccess && policy.isSuccess && (
        <Register risks={risks.data} policy={policy.data} analysis={analysis.data} />
      )}
      {analysis.isError && <Alert color="red">Risk analysis: {analysis.error.message}</Alert>}
      {analysis.isPending && <Loader size="sm" aria-label="Quantifying the risks" />}
      {analysis.isSuccess && policy.isSuccess && (
        <SuggestedRisks suggested={analysis.data.suggested} policy={policy.data} />
      )}
    </Stack>
  );
}

function Register({
  risks,
  policy,
  analysis,
}: {
  risks: Parameters<typeof riskRows>[0];
  policy: EffectivePolicy;
  analysis: RiskAnalysis | undefined;
}) {
  const [params, setParams] = useSearchParams();
  const view = viewFromUrl(params);
  const today = new Date().toISOString().slice(0, 10);
  const rows = riskRows(risks, analysis?.risks, policy, today);
  const shown = sortRows(filterRows(rows, view.filters), view.sort, view.direction);
  const currency = analysis?.currency ?? policy.organisation.currency;

  const setParam = (changes: Record<string, string | undefined>) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  };

  return (
    <>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Card withBorder component="section" aria-label="Heat map">
            <Title order={2} size="h3" mb="xs">
              Heat map
            </Title>
            <HeatMap
              rows={rows}
              policy={policy}
              scale={view.scale}
              onScale={(scale) => setParam({ scale: scale === 'inherent' ? undefined : scale })}
              selected={view.cell}
              onSelect={(cell) => setParam({ cell: cell && `${cell.likelihood}-${cell.impact}` })}
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Summary rows={rows} analysis={analysis} currency={currency} appetite={policy.risk.appetite} />
        </Grid.Col>
      </Grid>
      <Group align="end" gap="sm" wrap="wrap" role="search" aria-label="Filter risks">
        <Select
          label="Category"
          placeholder="Any"
          clearable
          data={[...RISK_CATEGORIES]}
          value={view.filters.category ?? null}
          onChange={(value) => setParam({ category: value ?? undefined })}
          w={150}
        />
        <RefSelect
          label="Owner"
          kinds={['Team', 'Person']}
          value={view.filters.owner}
          onChange={(value) => setParam({ owner: value })}
          placeholder="Any"
        />
        <Select
          label="Appetite"
          placeholder="Any"
          clearable
          data={[
            { value: 'yes', label: 'Above the appetite' },
            { value: 'no', label: 'Within the appetite' },
          ]}
          value={view.filters.appetite ?? null}
          onChange={(value) => setParam({ above: value ?? undefined })}
          w={190}
        />
        <Select
          label="Review"
          placeholder="Any"
          clearable
          data={[
            { value: 'yes', label: 'Review due' },
            { value: 'no', label: 'Reviewed on time' },
          ]}
          value={view.filters.reviewDue ?? null}
          onChange={(value) => setParam({ reviewDue: value ?? undefined })}
          w={180}
        />
        {view.cell && (
          <Badge
            size="lg"
            variant="light"
            tt="none"
            data-testid="cell-filter"
            rightSection={
              <CloseButton
                size="xs"
                aria-label="Show every cell"
                onClick={() => setParam({ cell: undefined })}
              />
            }
          >
            {view.scale}: likelihood {levelName(policy.risk.likelihood, view.cell.likelihood)}, impact{' '}
            {levelName(policy.risk.impact, view.cell.impact)}
          </Badge>
        )}
      </Group>
      <RiskTable
        rows={shown}
        appetite={policy.risk.appetite}
        currency={currency}
        sort={view.sort}
        direction={view.direction}
        analysed={analysis !== undefined}
        onSort={(key) =>
          setParam({
            sort: key,
            dir: key === view.sort && view.direction === 'desc' ? 'asc' : undefined,
          })
        }
      />
      <Text size="sm" c="dimmed" aria-live="polite" data-testid="register-count">
        {shown.length} of {rows.length} risks shown
      </Text>
    </>
  );
}

/** The register in figures: how many risks, above the appetite, due for review; the portfolio's annual loss. */
function Summary(props: {
  rows: readonly RiskRow[];
  analysis: RiskAnalysis | undefined;
  currency: string;
  appetite: number;
}) {
  const { rows, analysis, currency } = props;
  const above = rows.filter((row) => row.aboveAppetite).length;
  const due = rows.filter((row) => row.reviewDue).length;
  const expired = rows.filter((row) => row.acceptance === 'expired').length;
  const money = (amount: number | null) => (amount === null ? '–' : formatMoney(amount, currency));
  const line = (label: string, value: string, to?: string, alert = false) => (
    <Group justify="space-between" key={label}>
      <Text size="sm">{label}</Text>
      {to ? (
        <Text component={Link} to={to} fw={700} c={alert ? 'red' : undefined} td="underline">
          {value}
        </Text>
      ) : (
        <Text fw={700}>{value}</Text>
      )}
    </Group>
  );
  return (
    <Card withBorder component="section" aria-label="Register in figures" h="100%">
      <Title order={2} size="h3" mb="xs">
        In figures
      </Title>
      <Stack gap={6}>
        {line('Risks', String(rows.length))}
        {line(`Above the appetite (${props.appetite})`, String(above), '/risks?above=yes', above > 0)}
        {line('Review due', String(due), '/risks?reviewDue=yes', due > 0)}
        {line('Expired acceptances', String(expired))}
        {analysis ? (
          <>
            {line('Expected annual loss (all risks)', money(analysis.portfolio.ale))}
            {line('A bad year (1 in 10)', money(analysis.portfolio.p90))}
            {line('A very bad year (1 in 100)', money(analysis.portfolio.p99))}
            <Text size="xs" c="dimmed">
              {analysis.runs.toLocaleString()} simulated years, seed {analysis.seed}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Quantifying…
          </Text>
        )}
      </Stack>
    </Card>
  );
}
