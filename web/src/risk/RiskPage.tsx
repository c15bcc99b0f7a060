/**
 * `/risks/:id`: a risk's own page. What the threat is and who owns it, its inherent and residual scores with the
 * policy's level names, its scenario (with "Simulate"), what it would cost (the computed cost per event, the
 * ALE and the bad years, the histogram of annual loss and the exceedance curve), the treatment and its actions,
 * the acceptance (expired or not), and the audit history. Editing is the generic form (with its JSON tab).
 */
import { documentState } from '../catalog/document-state';
import { Alert, Badge, Button, Code, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { canReadAudit, canWrite } from '../api/auth';
import { useDocument, useSession } from '../api/queries';
import { usePolicy, useRiskAnalysis } from '../api/risk';
import type { EffectivePolicy, RiskDocument } from '../api/risk';
import { AuditHistory } from '../catalog/AuditHistory';
import { DeleteButton } from '../catalog/DeleteButton';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { RefLink } from '../catalog/links';
import { NamedLink } from '../incidents/NamedLink';
import { formatDate } from '../util/dates';
import { RiskCost } from './RiskCost';
import { Field, Section } from './RiskSections';
import { Acceptance, Treatment } from './RiskTreatment';
import { levelName, riskRows } from './risk-model';
import type { RiskRow } from './risk-model';
import { DecisionBadge } from './RiskTable';
import { ScoreBadge } from './ScoreBadge';

/** The page of the risk named in the URL. */
export function RiskPage() {
  const { id = '' } = useParams();
  return <RiskRecord key={id} id={id} />;
}

function RiskRecord({ id }: { id: string }) {
  const state = documentState(useDocument('risks', id), id, 'Risk', 'risk');
  const policy = usePolicy();
  const analysis = useRiskAnalysis();
  const session = useSession();
  if ('placeholder' in state) return state.placeholder;
  if (policy.isPending) return <Loader aria-label="Loading" />;
  if (policy.isError) return <Alert color="red">Policy: {policy.error.message}</Alert>;
  const risk = state.document;
  const today = new Date().toISOString().slice(0, 10);
  const [row] = riskRows([risk], analysis.data?.risks, policy.data, today) as [RiskRow];
  const fail = risk.spec.scenario?.fail ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {row.name}
            </Title>
            <Badge variant="outline">Risk</Badge>
            <Badge variant="light" color="gray">
              {risk.spec.category}
            </Badge>
            <DecisionBadge row={row} />
          </Group>
          <Group gap="xs">
            <Code>{risk.metadata.id}</Code>
            <Text size="xs" c="dimmed">
              version {risk.metadata.version}
            </Text>
          </Group>
        </Stack>
        <Group gap="xs">
          {fail.length > 0 && (
            <Button
              variant="default"
              component={Link}
              to={`/simulator?fail=${encodeURIComponent(fail.join(','))}`}
            >
              Simulate
            </Button>
          )}
          {canWrite(session.data, 'Risk') && (
            <>
              <Button component={Link} to={`/risks/${encodeURIComponent(id)}/edit`}>
                Edit
              </Button>
              <DeleteButton plural="risks" document={risk} />
            </>
          )}
        </Group>
      </Group>
      <Text>{risk.spec.description}</Text>
      {risk.metadata.description && <Text c="dimmed">{risk.metadata.description}</Text>}

      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Assessment risk={risk} row={row} policy={policy.data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section title="Scenario">
            {fail.length === 0 ? (
              <Text c="dimmed">
                No scenario: give the risk the nodes the threat takes out and its cost per event is computed
                from their restore times and the services&apos; BIA.
              </Text>
            ) : (
              <Stack gap="xs">
                <Text size="sm">If it happens, these fail:</Text>
                <Group gap="sm" data-field="scenario">
                  {fail.map((node) => (
                    <NamedLink key={node} id={node} kinds={FAILURE_KINDS} size="sm" />
                  ))}
                </Group>
                <Button
                  variant="light"
                  size="xs"
                  w="fit-content"
                  component={Link}
                  to={`/simulator?fail=${encodeURIComponent(fail.join(','))}`}
                >
                  Simulate this scenario
                </Button>
              </Stack>
            )}
          </Section>
        </Grid.Col>
      </Grid>

      <RiskCost risk={risk} analysis={analysis} currency={policy.data.organisation.currency} />

      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Treatment risk={risk} today={today} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Acceptance risk={risk} row={row} />
        </Grid.Col>
      </Grid>

      {canReadAudit(session.data) && (
        <Section title="History">
          <AuditHistory kind="Risk" id={id} enabled />
        </Section>
      )}
    </Stack>
  );
}

/** Owner, scores with the policy's level names, and the review. */
function Assessment({ risk, row, policy }: { risk: RiskDocument; row: RiskRow; policy: EffectivePolicy }) {
  const { likelihood, impact, appetite } = policy.risk;
  return (
    <Section title="Assessment">
      <Table variant="vertical" aria-label="Assessment">
        <Table.Tbody>
          <Field label="Owner" name="owner">
            <RefLink id={risk.spec.owner} kinds={['Team', 'Person']} />
          </Field>
          <Field label="Inherent" name="inherent">
            <Group gap="xs">
              <ScoreBadge score={row.score} appetite={appetite} label="Inherent score" />
              <Text size="sm">
                likelihood {levelName(likelihood, row.likelihood)} × impact {levelName(impact, row.impact)}
              </Text>
            </Group>
          </Field>
          <Field label="Residual" name="residual">
            {risk.spec.residual ? (
              <Group gap="xs">
                <ScoreBadge score={row.currentScore} appetite={appetite} label="Residual score" />
                <Text size="sm">
                  likelihood {levelName(likelihood, row.residualLikelihood)} × impact{' '}
                  {levelName(impact, row.residualImpact)}
                </Text>
              </Group>
            ) : (
              <Text size="sm" c="dimmed">
                not assessed (the inherent score stands)
              </Text>
            )}
          </Field>
          <Field label="Appetite">
            <Text size="sm">
              {appetite}: {row.aboveAppetite ? 'this risk is above it' : 'this risk is within it'}
            </Text>
          </Field>
          <Field label="Last reviewed" name="lastReviewed">
            <Group gap="xs">
              <Text size="sm">{row.lastReviewed ? formatDate(row.lastReviewed) : 'never'}</Text>
              {row.reviewDue && (
                <Badge color="yellow" variant="light">
                  review due
                </Badge>
              )}
            </Group>
          </Field>
        </Table.Tbody>
      </Table>
    </Section>
  );
}
