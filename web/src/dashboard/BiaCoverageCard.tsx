/**
 * BIA coverage of the most critical services: how many tier 1 and 2 services have a current BIA (their latest
 * approved assessment, as the server's BIA analysis finds it), and which do not, each linked to its page.
 */
import { Alert, Anchor, Card, Group, List, Loader, Progress, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useBiaAnalysis } from '../api/bia';
import type { BiaAnalysis } from '../api/bia';
import type { DocumentOf } from '../api/catalog';
import { documentPath } from '../catalog/links';

/** Tier 1 and 2 services with and without a current BIA. */
export function biaCoverage(
  services: readonly DocumentOf<'Service'>[],
  analysis: Pick<BiaAnalysis, 'services'>,
): { covered: DocumentOf<'Service'>[]; missing: DocumentOf<'Service'>[] } {
  const current = new Set(analysis.services.filter((s) => s.assessment !== null).map((s) => s.id));
  const critical = services.filter((service) => service.spec.tier <= 2);
  const has = (service: DocumentOf<'Service'>) => current.has(service.metadata.id);
  return { covered: critical.filter(has), missing: critical.filter((service) => !has(service)) };
}

/** How many of the services without a BIA the card lists before "and n more". */
const LISTED = 8;

/** The card. */
export function BiaCoverageCard({ services }: { services: readonly DocumentOf<'Service'>[] }) {
  const analysis = useBiaAnalysis();
  return (
    <Card withBorder component="section" aria-labelledby="bia-coverage">
      <Group justify="space-between" mb="xs">
        <Title order={3} id="bia-coverage">
          BIA coverage of tier 1-2 services
        </Title>
        <Anchor component={Link} to="/assessments" size="sm">
          all assessments
        </Anchor>
      </Group>
      {analysis.isPending && <Loader size="sm" aria-label="Loading the BIA analysis" />}
      {analysis.isError && <Alert color="red">BIA analysis: {analysis.error.message}</Alert>}
      {analysis.isSuccess && <Coverage {...biaCoverage(services, analysis.data)} />}
    </Card>
  );
}

function Coverage({
  covered,
  missing,
}: {
  covered: DocumentOf<'Service'>[];
  missing: DocumentOf<'Service'>[];
}) {
  const total = covered.length + missing.length;
  if (total === 0) return <Text size="sm">No service is in tier 1 or 2.</Text>;
  return (
    <>
      <Text fz={28} fw={700} data-testid="bia-coverage-value">
        {covered.length}
        <Text span c="dimmed" fz="md">
          {' '}
          / {total} with a current BIA
        </Text>
      </Text>
      <Progress
        value={(covered.length / total) * 100}
        color={missing.length ? 'orange' : 'green'}
        aria-label={`${covered.length} of ${total} tier 1-2 services with a current BIA`}
        mb="xs"
      />
      {missing.length === 0 ? (
        <Text size="sm" c="green">
          Every tier 1-2 service has an approved BIA.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            Without an approved BIA:
          </Text>
          <List size="sm" data-testid="bia-missing">
            {missing.slice(0, LISTED).map((service) => (
              <List.Item key={service.metadata.id}>
                <Anchor component={Link} to={documentPath('Service', service.metadata.id)} size="sm">
                  {service.metadata.name ?? service.metadata.id}
                </Anchor>{' '}
                (tier {service.spec.tier})
              </List.Item>
            ))}
          </List>
          {missing.length > LISTED && (
            <Text size="sm" c="dimmed">
              and {missing.length - LISTED} more
            </Text>
          )}
        </>
      )}
    </>
  );
}
