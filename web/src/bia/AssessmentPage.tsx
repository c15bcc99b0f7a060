/**
 * An assessment's page (`/assessments/:id`, and `/assessments/new?service=` to start one): the questionnaire as a
 * grid, the losses, the minimum capacity and notes, with a live chart of impact and loss over time and the
 * service's declared objectives beside those the answers suggest; the workflow buttons, the returned comment,
 * the approved versions and the history.
 */
import { documentState } from '../catalog/document-state';
import { Alert, Badge, Code, Grid, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useParams, useSearchParams } from 'react-router';
import { canReadAudit } from '../api/auth';
import { useAssessmentHistory, useAssessmentVersions, usePolicy } from '../api/bia';
import type { AssessmentDocument } from '../api/bia';
import { useDocument, useSession } from '../api/queries';
import { AuditHistory } from '../catalog/AuditHistory';
import { RefLink } from '../catalog/links';
import { formatInstant } from '../util/dates';
import { AssessmentEditor } from './AssessmentEditor';
import { AssessmentVersions } from './AssessmentVersions';
import { AssessmentStateBadge, ReturnedNotice, WorkflowHistory } from './AssessmentWorkflow';

/** `/assessments/:id`. */
export function AssessmentPage() {
  const { id = '' } = useParams();
  return <Assessment key={id} id={id} />;
}

/** `/assessments/new?service=&campaign=`. */
export function NewAssessmentPage() {
  const [params] = useSearchParams();
  const policy = usePolicy();
  if (policy.isPending) return <Loader aria-label="Loading" />;
  if (policy.isError) return <Alert color="red">{policy.error.message}</Alert>;
  return (
    <Stack>
      <Title order={1} size="h2">
        New business impact assessment
      </Title>
      <AssessmentEditor
        key={params.get('service') ?? ''}
        policy={policy.data}
        initialService={params.get('service') ?? undefined}
      />
    </Stack>
  );
}

function Assessment({ id }: { id: string }) {
  const state = documentState(useDocument('assessments', id), id, 'ImpactAssessment', 'impact assessment');
  const policy = usePolicy();
  if ('placeholder' in state) return state.placeholder;
  if (policy.isPending) return <Loader aria-label="Loading" />;
  if (policy.isError) return <Alert color="red">{policy.error.message}</Alert>;
  return <AssessmentView assessment={state.document} policy={policy.data} />;
}

function AssessmentView({
  assessment,
  policy,
}: {
  assessment: AssessmentDocument;
  policy: NonNullable<ReturnType<typeof usePolicy>['data']>;
}) {
  const id = assessment.metadata.id;
  const session = useSession();
  const versions = useAssessmentVersions(id);
  const history = useAssessmentHistory(id);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'assessment';
  const versionList = versions.data?.items ?? [];
  const events = history.data?.items ?? [];

  return (
    <Stack>
      <Stack gap={4}>
        <Group gap="sm">
          <Title order={1} size="h2">
            {assessment.metadata.name ?? id}
          </Title>
          <Badge variant="outline">Impact assessment</Badge>
          <AssessmentStateBadge state={assessment.spec.status} />
        </Group>
        <Group gap="xs">
          <Code>{id}</Code>
          <Text size="xs" c="dimmed">
            version {assessment.metadata.version}
            {assessment.metadata.updatedAt && `, updated ${formatInstant(assessment.metadata.updatedAt)}`}
          </Text>
          <Text size="xs">
            of <RefLink id={assessment.spec.service} kinds={['Service']} />
          </Text>
        </Group>
        {assessment.spec.status === 'approved' && assessment.spec.approvedBy && (
          <Text size="sm" data-testid="assessment-approval">
            Approved by <b>{assessment.spec.approvedBy}</b>
            {assessment.spec.approvedAt && (
              <>
                {' '}
                on{' '}
                <time dateTime={assessment.spec.approvedAt}>{formatInstant(assessment.spec.approvedAt)}</time>
              </>
            )}
            .
          </Text>
        )}
      </Stack>
      {assessment.spec.status !== 'approved' && <ReturnedNotice events={events} />}

      <Tabs
        value={tab}
        onChange={(value) => setParams({ tab: value ?? 'assessment' }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="assessment">Assessment</Tabs.Tab>
          <Tabs.Tab value="versions">Versions{versions.isSuccess && ` (${versionList.length})`}</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="assessment" pt="md">
          <AssessmentEditor key={assessment.metadata.version} policy={policy} assessment={assessment} />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          {versions.isPending ? (
            <Loader aria-label="Loading the versions" />
          ) : versions.isError ? (
            <Alert color="red">{versions.error.message}</Alert>
          ) : (
            <AssessmentVersions versions={versionList} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <Grid>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Title order={2} size="h4" mb="xs">
                Workflow
              </Title>
              {history.isError ? (
                <Text size="sm" c="dimmed">
                  {history.error.message}
                </Text>
              ) : (
                <WorkflowHistory events={events} />
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Title order={2} size="h4" mb="xs">
                Changes
              </Title>
              <AuditHistory kind="ImpactAssessment" id={id} enabled={canReadAudit(session.data)} />
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
