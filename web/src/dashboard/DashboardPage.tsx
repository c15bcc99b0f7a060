/**
 * The dashboard: readiness figures (owners, objectives, approved plans, plans reviewed on time), plans due for
 * review, open incident actions, single points of failure and services by tier. Each figure links to its list.
 */
import { Alert, Anchor, Card, Grid, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useActions, useAllPlans, usePlansDue } from '../api/incidents';
import { useAllServices, useSinglePoints } from '../api/queries';
import { BiaDashboard } from './BiaDashboard';
import { OpenActionsCard } from './OpenActionsCard';
import { planCoverage } from './plan-coverage';
import { coveragePath, PlanCoverage } from './PlanCoverage';
import { PlansDueCard } from './PlansDueCard';
import { RiskDashboard } from './RiskDashboard';
import { ServicesByTier } from './ServicesByTier';
import { SpofTable } from './SpofTable';

type ServiceDoc = NonNullable<ReturnType<typeof useAllServices>['data']>[number];

/** One readiness figure: how many of `total` services have something, and where the rest are listed. */
interface Figure {
  label: string;
  count: number;
  total: number;
  /** The list of the services without it. */
  gapPath: string;
}

/** The readiness figures: how many services have an owner and each objective. */
export function readiness(services: ServiceDoc[]): Figure[] {
  const count = (has: (service: ServiceDoc) => boolean) => services.filter(has).length;
  const total = services.length;
  return [
    {
      label: 'with an owner',
      count: count((s) => !!s.spec.owner),
      total,
      gapPath: '/services?missing=owner',
    },
    { label: 'with an RTO', count: count((s) => !!s.spec.rto), total, gapPath: '/services?missing=rto' },
    { label: 'with an RPO', count: count((s) => !!s.spec.rpo), total, gapPath: '/services?missing=rpo' },
    { label: 'with an MTPD', count: count((s) => !!s.spec.mtpd), total, gapPath: '/services?missing=mtpd' },
  ];
}

function FigureCard({ figure }: { figure: Figure }) {
  const gap = figure.total - figure.count;
  return (
    <Card withBorder component="section" aria-label={`Services ${figure.label}`}>
      <Text size="sm" c="dimmed">
        Services {figure.label}
      </Text>
      <Text fz={28} fw={700} data-testid="figure-value">
        {figure.count}
        <Text span c="dimmed" fz="md">
          {' '}
          / {figure.total}
        </Text>
      </Text>
      {gap > 0 ? (
        <Anchor component={Link} to={figure.gapPath} size="sm" c="red">
          {gap} without
        </Anchor>
      ) : (
        <Text size="sm" c="green">
          all
        </Text>
      )}
    </Card>
  );
}

function PendingFigure({ label, error }: { label: string; error?: string }) {
  return (
    <Card withBorder component="section" aria-label={`Services ${label}`}>
      <Text size="sm" c="dimmed">
        Services {label}
      </Text>
      {error ? (
        <Text size="sm" c="red">
          {error}
        </Text>
      ) : (
        <Loader size="sm" aria-label={`Counting services ${label}`} />
      )}
    </Card>
  );
}

/** The dashboard page. */
export function DashboardPage() {
  const services = useAllServices();
  const ranking = useSinglePoints(20);
  const plans = useAllPlans();
  const due = usePlansDue();
  const actions = useActions('open');
  if (services.isPending) return <Loader aria-label="Loading" />;
  if (services.isError) return <Alert color="red">{services.error.message}</Alert>;
  const list = services.data;

  const dueIds = new Set((due.data ?? []).map((plan) => plan.id));
  const coverage =
    plans.isSuccess && due.isSuccess
      ? planCoverage(
          list.map((service) => service.metadata.id),
          plans.data,
          dueIds,
        )
      : undefined;
  const covered = (has: 'approved' | 'reviewedOnTime') =>
    [...(coverage?.values() ?? [])].filter((entry) => entry[has]).length;
  const planFigures: Figure[] = [
    {
      label: 'with an approved plan',
      count: covered('approved'),
      total: list.length,
      gapPath: coveragePath('approved'),
    },
    {
      label: 'with a plan reviewed on time',
      count: covered('reviewedOnTime'),
      total: list.length,
      gapPath: coveragePath('reviewed'),
    },
  ];
  const planError = plans.error?.message ?? due.error?.message;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Continuity at a glance
        </Title>
        <Anchor component={Link} to="/services">
          {list.length} services
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 3, xl: 6 }}>
        {readiness(list).map((figure) => (
          <FigureCard key={figure.label} figure={figure} />
        ))}
        {planFigures.map((figure) =>
          coverage ? (
            <FigureCard key={figure.label} figure={figure} />
          ) : (
            <PendingFigure key={figure.label} label={figure.label} error={planError} />
          ),
        )}
      </SimpleGrid>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <PlansDueCard due={due} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <OpenActionsCard actions={actions} />
        </Grid.Col>
      </Grid>
      <BiaDashboard services={list} />
      <RiskDashboard />
      <SpofTable ranking={ranking} />
      {coverage && <PlanCoverage services={list} coverage={coverage} due={dueIds} />}
      <ServicesByTier services={list} />
    </Stack>
  );
}
