/**
 * A service's business impact analysis on its page: the current BIA (its latest approved assessment) with the MTPD
 * it derives, a newer one being worked on, or "no BIA"; and "New assessment" for those who may write one.
 */
import { Anchor, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { canWrite } from '../api/auth';
import { usePolicy, useServiceAssessments } from '../api/bia';
import type { AssessmentDocument } from '../api/bia';
import { useSession } from '../api/queries';
import { formatDate } from '../util/dates';
import { formatMinutes } from '../util/duration';
import { derivedMtpd } from '../../../src/bia/curves.ts';
import { currentAndPending } from './bia-model';
import { AssessmentStateBadge } from './AssessmentWorkflow';

function AssessmentLine({ assessment, label }: { assessment: AssessmentDocument; label: string }) {
  return (
    <Group gap="xs">
      <Text size="sm">{label}</Text>
      <Anchor component={Link} to={`/assessments/${encodeURIComponent(assessment.metadata.id)}`} size="sm">
        {assessment.metadata.name ?? assessment.metadata.id}
      </Anchor>
      <Text size="sm" c="dimmed">
        assessed {formatDate(assessment.spec.assessedOn)}
      </Text>
      <AssessmentStateBadge state={assessment.spec.status} />
    </Group>
  );
}

/** The card; `service` is the service's id. */
export function ServiceBia({ service }: { service: string }) {
  const session = useSession();
  const assessments = useServiceAssessments(service);
  const policy = usePolicy();
  const { current, pending } = currentAndPending(assessments.data ?? []);
  const mtpd = current && policy.data ? derivedMtpd(current.spec.impacts, policy.data) : undefined;
  return (
    <Card withBorder component="section" aria-labelledby="service-bia" data-testid="service-bia">
      <Group justify="space-between" align="start">
        <Title order={2} size="h4" id="service-bia">
          Business impact analysis
        </Title>
        {canWrite(session.data, 'ImpactAssessment') && (
          <Button
            size="xs"
            variant="light"
            component={Link}
            to={`/assessments/new?service=${encodeURIComponent(service)}`}
          >
            New assessment
          </Button>
        )}
      </Group>
      {assessments.isPending ? (
        <Loader size="sm" aria-label="Loading the assessments" />
      ) : assessments.isError ? (
        <Text size="sm" c="red">
          {assessments.error.message}
        </Text>
      ) : (
        <Stack gap={4} mt="xs">
          {current ? (
            <>
              <AssessmentLine assessment={current} label="Current BIA:" />
              <Text size="sm" data-testid="service-bia-mtpd">
                {mtpd === undefined
                  ? 'The impact never reaches the tolerance: no derived MTPD.'
                  : `Derived MTPD ${formatMinutes(mtpd)}.`}
              </Text>
            </>
          ) : (
            <Text size="sm">No BIA: no approved assessment yet.</Text>
          )}
          {pending && <AssessmentLine assessment={pending} label="In progress:" />}
        </Stack>
      )}
    </Card>
  );
}
