/** The dashboard: services by tier with their objectives, readiness figures and single points of failure. */
import { Alert, Anchor, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAllServices, useSpof } from '../api/queries';
import { ServicesByTier } from './ServicesByTier';
import { SpofTable } from './SpofTable';

type ServiceDoc = NonNullable<ReturnType<typeof useAllServices>['data']>[number];

interface Figure {
  label: string;
  count: number;
  total: number;
  missing: string;
}

/** The readiness figures: how many services have an owner and each objective. */
export function readiness(services: ServiceDoc[]): Figure[] {
  const count = (has: (service: ServiceDoc) => boolean) => services.filter(has).length;
  const total = services.length;
  return [
    { label: 'with an owner', count: count((s) => !!s.spec.owner), total, missing: 'owner' },
    { label: 'with an RTO', count: count((s) => !!s.spec.rto), total, missing: 'rto' },
    { label: 'with an RPO', count: count((s) => !!s.spec.rpo), total, missing: 'rpo' },
    { label: 'with an MTPD', count: count((s) => !!s.spec.mtpd), total, missing: 'mtpd' },
  ];
}

function FigureCard({ figure }: { figure: Figure }) {
  const gap = figure.total - figure.count;
  return (
    <Card withBorder component="section" aria-label={`Services ${figure.label}`}>
      <Text size="sm" c="dimmed">
        Services {figure.label}
      </Text>
      <Text fz={28} fw={700}>
        {figure.count}
        <Text span c="dimmed" fz="md">
          {' '}
          / {figure.total}
        </Text>
      </Text>
      {gap > 0 ? (
        <Anchor component={Link} to={`/services?missing=${figure.missing}`} size="sm" c="red">
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

/** The dashboard page. */
export function DashboardPage() {
  const services = useAllServices();
  const spof = useSpof(undefined, 1);
  if (services.isPending) return <Loader aria-label="Loading" />;
  if (services.isError) return <Alert color="red">{services.error.message}</Alert>;
  const list = services.data;
  const critical = list.filter((service) => service.spec.tier <= 2);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Continuity at a glance</Title>
        <Anchor component={Link} to="/services">
          {list.length} services
        </Anchor>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {readiness(list).map((figure) => (
          <FigureCard key={figure.missing} figure={figure} />
        ))}
      </SimpleGrid>
      <SpofTable services={critical} spof={spof} />
      <ServicesByTier services={list} />
    </Stack>
  );
}
