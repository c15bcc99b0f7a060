/**
 * A BIA campaign's page (`/campaigns/:id`): its title, dates and instructions, and its progress by service and
 * owner (not started, draft, submitted, approved), derived by the server from the assessments, with a link to
 * each assessment or to start one.
 */
import { documentState } from '../catalog/document-state';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Loader,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { canReadAudit, canWrite } from '../api/auth';
import { useCampaignProgress } from '../api/bia';
import type { CampaignDocument, CampaignService } from '../api/bia';
import { useDocument, useSession } from '../api/queries';
import { AuditHistory } from '../catalog/AuditHistory';
import { RefLink } from '../catalog/links';
import { ServiceLink } from '../catalog/ServiceLink';
import { formatDate, formatInstant } from '../util/dates';
import { AssessmentStateBadge } from './AssessmentWorkflow';

/** The states in the order a campaign moves through them, with their colours. */
const STATES = [
  { state: 'approved', label: 'Approved', colour: 'green' },
  { state: 'submitted', label: 'Submitted', colour: 'blue' },
  { state: 'draft', label: 'Draft', colour: 'yellow' },
  { state: 'not-started', label: 'Not started', colour: 'gray' },
] as const;

/** `/campaigns/:id`. */
export function CampaignPage() {
  const { id = '' } = useParams();
  return <Campaign key={id} id={id} />;
}

function Campaign({ id }: { id: string }) {
  const state = documentState(useDocument('campaigns', id), id, 'Campaign', 'campaign');
  return 'placeholder' in state ? state.placeholder : <CampaignView campaign={state.document} />;
}

/** How many services are in each state. */
function countStates(services: readonly CampaignService[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const service of services) counts[service.state] = (counts[service.state] ?? 0) + 1;
  return counts;
}

function CampaignView({ campaign }: { campaign: CampaignDocument }) {
  const id = campaign.metadata.id;
  const session = useSession();
  const progress = useCampaignProgress(id);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'progress';
  const { spec } = campaign;

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {spec.title}
            </Title>
            <Badge variant="outline">BIA campaign</Badge>
          </Group>
          <Group gap="xs">
            <Code>{id}</Code>
            <Text size="xs" c="dimmed">
              version {campaign.metadata.version}
              {campaign.metadata.updatedAt && `, updated ${formatInstant(campaign.metadata.updatedAt)}`}
            </Text>
          </Group>
        </Stack>
        {canWrite(session.data, 'Campaign') && (
          <Button component={Link} to={`/campaigns/${encodeURIComponent(id)}/edit`}>
            Edit
          </Button>
        )}
      </Group>
      <Group gap="xl" data-testid="campaign-dates">
        <Text size="sm">
          Opens <b>{formatDate(spec.opens)}</b>
        </Text>
        <Text size="sm">
          Due <b>{formatDate(spec.due)}</b>
        </Text>
        {spec.owner && (
          <Text size="sm">
            Coordinator <RefLink id={spec.owner} kinds={['Team', 'Person']} />
          </Text>
        )}
      </Group>
      {spec.instructions && (
        <Card withBorder component="section" aria-label="Instructions">
          <Text size="sm" fw={600} mb={4}>
            Instructions
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {spec.instructions}
          </Text>
        </Card>
      )}

      <Tabs
        value={tab}
        onChange={(value) => setParams({ tab: value ?? 'progress' }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="progress">Progress</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="progress" pt="md">
          {progress.isPending ? (
            <Loader aria-label="Loading the progress" />
          ) : progress.isError ? (
            <Alert color="red" title="No progress">
              {progress.error.message}
            </Alert>
          ) : (
            <CampaignProgressView campaign={id} services={progress.data.services} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <AuditHistory kind="Campaign" id={id} enabled={canReadAudit(session.data)} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function CampaignProgressView({
  campaign,
  services,
}: {
  campaign: string;
  services: readonly CampaignService[];
}) {
  const counts = countStates(services);
  const total = services.length;
  if (total === 0) return <Text size="sm">The campaign names no service.</Text>;
  const approved = counts.approved ?? 0;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="campaign-counts">
        {STATES.map(({ state, label, colour }) => (
          <Card withBorder key={state} aria-label={label} data-state={state}>
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text fz={26} fw={700} c={(counts[state] ?? 0) > 0 ? colour : undefined}>
              {counts[state] ?? 0}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="sm" data-testid="campaign-approved">
          {approved} of {total} approved
        </Text>
        <Progress.Root size="lg">
          {STATES.filter(({ state }) => state !== 'not-started').map(({ state, label, colour }) =>
            (counts[state] ?? 0) > 0 ? (
              <Progress.Section
                key={state}
                value={((counts[state] ?? 0) / total) * 100}
                color={colour}
                title={`${label}: ${counts[state] ?? 0}`}
              />
            ) : null,
          )}
        </Progress.Root>
      </Stack>
      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-label="Progress by service" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Service</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Assessment</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.map((service) => (
              <Table.Tr key={service.id} data-service={service.id}>
                <Table.Td>
                  <ServiceLink
                    id={service.id}
                    name={service.name || service.id}
                    tier={service.tier}
                    size="sm"
                  />
                </Table.Td>
                <Table.Td>
                  {service.owner ? <RefLink id={service.owner} kinds={['Team', 'Person']} /> : '-'}
                </Table.Td>
                <Table.Td data-column="state">
                  {service.state === 'not-started' ? (
                    <Badge color="gray" variant="outline">
                      not started
                    </Badge>
                  ) : (
                    <AssessmentStateBadge state={service.state} />
                  )}
                </Table.Td>
                <Table.Td>
                  {service.assessment ? (
                    <Anchor
                      component={Link}
                      to={`/assessments/${encodeURIComponent(service.assessment)}`}
                      size="sm"
                    >
                      {service.assessment}
                    </Anchor>
                  ) : (
                    <Anchor
                      component={Link}
                      to={`/assessments/new?service=${encodeURIComponent(service.id)}&campaign=${encodeURIComponent(campaign)}`}
                      size="sm"
                    >
                      Start the assessment
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
