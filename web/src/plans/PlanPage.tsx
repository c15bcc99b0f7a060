/**
 * A plan's page: status, approval and review; scope, scenario, activation and call tree; the written steps with
 * the generated recovery order beside them; approval, frozen versions, plan pack downloads and audit history.
 */
import { documentState } from '../catalog/document-state';
import { Alert, Badge, Button, Code, Grid, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { canReadAudit, canWrite } from '../api/auth';
import {
  canApprove,
  packUrl,
  useDuePlans,
  useFollowingPlan,
  useRecoveryOrder,
  useVersions,
} from '../api/plans';
import type { PlanDocument } from '../api/plans';
import { useAllServices, useDocument, useSession } from '../api/queries';
import { AuditHistory } from '../catalog/AuditHistory';
import { ApproveButton } from './ApproveButton';
import { InvokeButton } from './InvokeButton';
import { PlanEditor } from './PlanEditor';
import { PlanOverview, PlanSection } from './PlanOverview';
import { PlanStatus, StatusBadge } from './PlanStatus';
import { PlanSteps } from './PlanSteps';
import { PlanVersions } from './PlanVersions';
import { FollowingPlanTable } from './FollowingPlanTable';
import { RecoveryOrderTable } from './RecoveryOrderTable';
import { ScenarioCost } from '../bia/ScenarioCost';
import { formatInstant } from '../util/dates';

/** The page of the plan named in the URL (`/plans/:id`). */
export function PlanPage() {
  const { id = '' } = useParams();
  return <Plan key={id} id={id} />;
}

function Plan({ id }: { id: string }) {
  const state = documentState(useDocument('plans', id), id, 'Plan', 'plan');
  return 'placeholder' in state ? state.placeholder : <PlanView plan={state.document} />;
}

function PlanView({ plan }: { plan: PlanDocument }) {
  const id = plan.metadata.id;
  const session = useSession();
  const services = useAllServices();
  const order = useRecoveryOrder(id);
  const following = useFollowingPlan(id);
  const versions = useVersions(id);
  const due = useDuePlans();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'plan';
  const mayEdit = canWrite(session.data, 'Plan');
  const editing = mayEdit && tab === 'plan' && params.get('edit') === '1';

  const serviceNames = useMemo(
    () => new Map((services.data ?? []).map((service) => [service.metadata.id, service.metadata.name ?? ''])),
    [services.data],
  );
  const versionList = versions.data?.items ?? [];
  const latest = versionList.at(-1);
  const dueEntry = due.isSuccess ? due.data.items.find((entry) => entry.id === id) : null;

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {plan.metadata.name ?? id}
            </Title>
            <Badge variant="outline">Plan</Badge>
            <StatusBadge plan={plan} />
          </Group>
          <Group gap="xs">
            <Code>{id}</Code>
            <Text size="xs" c="dimmed">
              version {plan.metadata.version}
              {plan.metadata.updatedAt && `, updated ${formatInstant(plan.metadata.updatedAt)}`}
            </Text>
          </Group>
        </Stack>
        <Group gap="xs">
          <Button
            variant="default"
            component={Link}
            to={`/simulator?fail=${plan.spec.scenario.fail.map(encodeURIComponent).join(',')}`}
          >
            Simulate the scenario
          </Button>
          {mayEdit && !editing && (
            <Button variant="default" onClick={() => setParams({ tab: 'plan', edit: '1' })}>
              Edit plan
            </Button>
          )}
          {mayEdit && (
            <Button variant="default" component={Link} to={`/plans/${encodeURIComponent(id)}/edit`}>
              Edit details
            </Button>
          )}
          {canApprove(session.data) && versions.isSuccess && (
            <ApproveButton plan={plan} nextVersion={(latest?.number ?? 0) + 1} />
          )}
          {mayEdit && plan.spec.status !== 'retired' && <InvokeButton plan={plan} />}
        </Group>
      </Group>
      {plan.metadata.description && <Text>{plan.metadata.description}</Text>}
      <Group justify="space-between" align="start">
        <PlanStatus plan={plan} latest={latest} due={dueEntry} />
        <Group gap="xs" role="group" aria-label="Plan pack">
          <Button component="a" href={packUrl(id, 'pdf')} download={`${id}.pdf`} variant="light">
            Download plan pack (PDF)
          </Button>
          <Button component="a" href={packUrl(id, 'html')} download={`${id}.html`} variant="light">
            Download plan pack (HTML)
          </Button>
        </Group>
      </Group>

      <Tabs
        value={tab}
        onChange={(value) => setParams({ tab: value ?? 'plan' }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="plan">Plan</Tabs.Tab>
          <Tabs.Tab value="versions">Versions{versions.isSuccess && ` (${versionList.length})`}</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="plan" pt="md">
          <Stack>
            {!editing && <PlanOverview plan={plan} serviceNames={serviceNames} />}
            <Grid>
              <Grid.Col span={{ base: 12, lg: 6 }}>
                {editing ? (
                  <PlanEditor plan={plan} onDone={() => setParams({ tab: 'plan' }, { replace: true })} />
                ) : (
                  <PlanSection title="Steps">
                    {order.data && order.data.stepProblems.length > 0 && (
                      <Alert color="orange" mb="sm" data-testid="step-problems">
                        {order.data.stepProblems.length} problem
                        {order.data.stepProblems.length === 1 ? '' : 's'} with the written order: the
                        dependency graph says these steps cannot work as written. Each is shown on its steps
                        below.
                      </Alert>
                    )}
                    <PlanSteps plan={plan} problems={order.data?.stepProblems} />
                  </PlanSection>
                )}
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 6 }}>
                <PlanSection
                  title={editing ? 'Generated recovery order (as saved)' : 'Generated recovery order'}
                >
                  {order.isPending ? (
                    <Loader aria-label="Computing the recovery order" />
                  ) : order.isError ? (
                    <Alert color="red" title="No recovery order">
                      {order.error.message}
                    </Alert>
                  ) : (
                    <RecoveryOrderTable order={order.data} plan={plan} />
                  )}
                </PlanSection>
              </Grid.Col>
            </Grid>
            {!editing && order.data && (
              <PlanSection title="Restore times when the plan is followed">
                {following.isPending ? (
                  <Loader aria-label="Following the plan" />
                ) : following.isError ? (
                  <Alert color="red">{following.error.message}</Alert>
                ) : (
                  <FollowingPlanTable
                    following={following.data}
                    order={order.data}
                    plan={plan}
                    names={serviceNames}
                  />
                )}
              </PlanSection>
            )}
            {!editing && following.data && <ScenarioCost impact={following.data} names={serviceNames} />}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          {versions.isPending ? (
            <Loader aria-label="Loading the versions" />
          ) : versions.isError ? (
            <Alert color="red">{versions.error.message}</Alert>
          ) : (
            <PlanVersions id={id} versions={versionList} serviceNames={serviceNames} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <AuditHistory kind="Plan" id={id} enabled={canReadAudit(session.data)} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
