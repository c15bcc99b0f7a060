/**
 * "BIA requested": the services whose business impact analysis a campaign asks the signed-in owner for, with
 * where each stands and when it is due, linked to its assessment or to a new one.
 */
import { Alert, Anchor, Badge, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useRequestedAssessments } from '../api/bia';
import type { RequestedAssessment } from '../api/bia';
import { AssessmentStateBadge } from '../bia/AssessmentWorkflow';
import { formatDate } from '../util/dates';

/** Where a requested BIA is answered: its assessment, or a new one for the service and the campaign. */
export function requestedPath(item: RequestedAssessment): string {
  return item.assessment
    ? `/assessments/${encodeURIComponent(item.assessment)}`
    : `/assessments/new?service=${encodeURIComponent(item.service)}&campaign=${encodeURIComponent(item.campaign)}`;
}

/** The card; `names` gives the services' names. */
export function BiaRequestedCard({ names, today }: { names: ReadonlyMap<string, string>; today: string }) {
  const requested = useRequestedAssessments();
  const open = (requested.data?.items ?? []).filter((item) => item.state !== 'approved');
  return (
    <Card withBorder component="section" aria-labelledby="bia-requested">
      <Group justify="space-between" mb="xs">
        <Title order={3} id="bia-requested">
          BIA requested
        </Title>
        {open.length > 0 && (
          <Badge color="orange" aria-label={`${open.length} to do`}>
            {open.length}
          </Badge>
        )}
      </Group>
      {requested.isPending && <Loader size="sm" aria-label="Loading the BIAs requested" />}
      {requested.isError && <Alert color="red">BIA requested: {requested.error.message}</Alert>}
      {requested.isSuccess && requested.data.items.length === 0 && (
        <Text size="sm">No campaign asks you for a BIA.</Text>
      )}
      {requested.isSuccess && requested.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={420}>
          <Table fz="sm" aria-label="BIAs requested of you" data-testid="bia-requested">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Due</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requested.data.items.map((item) => (
                <Table.Tr key={`${item.campaign}/${item.service}`} data-service={item.service}>
                  <Table.Td>
                    <Anchor component={Link} to={requestedPath(item)} size="sm">
                      {names.get(item.service) || item.service}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {item.state === 'not-started' ? (
                      <Badge color="gray" variant="outline">
                        not started
                      </Badge>
                    ) : (
                      <AssessmentStateBadge state={item.state} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={item.state !== 'approved' && item.due < today ? 'red' : undefined}>
                      {formatDate(item.due)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
