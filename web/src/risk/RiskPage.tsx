/**
 * `/risks/:id`: a risk's own page. What the threat is and who owns it, its inherent and residual scores with the
 * policy's level names, its scenario (with "Simulate"), what it would cost (the computed cost per event, the
 * ALE and the bad years, the histogram of annual loss and the exceedance curve), the treatment and its actions,
 * the acceptance (expired or not), and the audit history. Editing is the generic form (with its JSON tab).
 */
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Grid,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { canReadAudit, canWrite } from '../api/auth';
import { isApiError } from '../api/client';
import { useDocument, useSession } from '../api/queries';
import { usePolicy, useRiskAnalysis } from '../api/risk';
import type { EffectivePolicy, RiskAnalysis, RiskDocument } from '../api/risk';
import { NotFoundPage } from '../app/NotFoundPage';
import { AuditHistory } from '../catalog/AuditHistory';
import { DeleteButton } from '../catalog/DeleteButton';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { RefLink } from '../catalog/links';
import { NamedLink } from '../incidents/NamedLink';
import { formatDate } from '../util/dates';
import { ExceedanceCurve, LossHistogram } from './LossCharts';
import { formatMoney, formatProbability, levelName, riskRows } from './risk-model';
import type { RiskRow } from './risk-model';
import { DecisionBadge } from './RiskTable';
import { ScoreBadge } from './ScoreBadge';

/** The page of the risk named in the URL. */
export function RiskPage() {
  const { id = '' } = useParams();
  return <RiskRecord key={id} id={id} />;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title} h="100%">
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Field({ label, children, name }: { label: string; children: ReactNode; name?: string }) {
  return (
    <Table.Tr>
      <Table.Th w={150}>{label}</Table.Th>
      <Table.Td data-field={name}>{children}</Table.Td>
    </Table.Tr>
  );
}

function RiskRecord({ id }: { id: string }) {
  const document = useDocument('risks', id);
  const policy = usePolicy();
  const analysis = useRiskAnalysis();
  const session = useSession();
  if (document.isPending || policy.isPending) return <Loader aria-label="Loading" />;
  if (document.isError) {
    return isApiError(document.error, 404) ? (
      <NotFoundPage what={`There is no risk "${id}".`} />
    ) : (
      <Alert color="red">{document.error.message}</Alert>
    );
  }
  if (policy.isError) return <Alert color="red">Policy: {policy.error.message}</Alert>;
  if (document.data.kind !== 'Risk') return <NotFoundPage what={`"${id}" is not a risk.`} />;
  const risk = document.data;
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

      <Cost risk={risk} analysis={analysis} currency={policy.data.organisation.currency} />

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

/** What the risk would cost: per event, a year on average, bad years; the two charts. */
function Cost({
  risk,
  analysis,
  currency: policyCurrency,
}: {
  risk: RiskDocument;
  analysis: ReturnType<typeof useRiskAnalysis>;
  currency: string;
}) {
  if (analysis.isPending)
    return (
      <Section title="What it would cost">
        <Loader size="sm" aria-label="Quantifying the risk" />
      </Section>
    );
  if (analysis.isError)
    return (
      <Section title="What it would cost">
        <Alert color="red">Risk analysis: {analysis.error.message}</Alert>
      </Section>
    );
  const data: RiskAnalysis = analysis.data;
  const figures = data.risks.find((entry) => entry.id === risk.metadata.id);
  const currency = data.currency || policyCurrency;
  const money = (amount: number | null | undefined) =>
    amount === null || amount === undefined ? '–' : formatMoney(amount, currency);
  if (!figures || figures.ale === null || !figures.exceedance) {
    return (
      <Section title="What it would cost">
        <Text c="dimmed">
          Not quantified: give the risk a frequency (events a year, min, likely and max) and either a loss per
          event or a scenario, and its annual loss is simulated.
        </Text>
      </Section>
    );
  }
  const cells: [string, string, string][] = [
    [
      'Cost per event',
      money(figures.lossPerEventMean),
      risk.spec.loss ? 'estimated' : 'computed from the scenario',
    ],
    [
      'Events a year',
      figures.frequencyMean === null ? '–' : String(Number(figures.frequencyMean.toPrecision(3))),
      'mean',
    ],
    ['Expected annual loss', money(figures.ale), 'ALE: the mean of a year'],
    ['Median year', money(figures.p50), 'p50'],
    ['1 year in 10 costs more than', money(figures.p90), 'p90'],
    ['1 year in 20 costs more than', money(figures.p95), 'p95'],
    ['1 year in 100 costs more than', money(figures.p99), 'p99'],
    ['Chance of any loss in a year', formatProbability(figures.probabilityOfLoss ?? 0), ''],
  ];
  return (
    <Section title="What it would cost">
      <Stack>
        <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="cost-figures">
          {cells.map(([label, value, note]) => (
            <div key={label} data-figure={label}>
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text fw={700} fz="lg">
                {value}
              </Text>
              {note && (
                <Text size="xs" c="dimmed">
                  {note}
                </Text>
              )}
            </div>
          ))}
        </SimpleGrid>
        <Grid>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <LossHistogram
              exceedance={figures.exceedance}
              probabilityOfLoss={figures.probabilityOfLoss ?? 0}
              currency={currency}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <ExceedanceCurve exceedance={figures.exceedance} currency={currency} />
          </Grid.Col>
        </Grid>
        <Text size="xs" c="dimmed">
          {data.runs.toLocaleString()} simulated years, seed {data.seed}.
        </Text>
      </Stack>
    </Section>
  );
}

/** The decision, its description and its actions (overdue open ones flagged). */
function Treatment({ risk, today }: { risk: RiskDocument; today: string }) {
  const treatment = risk.spec.treatment;
  return (
    <Section title="Treatment">
      {!treatment ? (
        <Text c="orange.8">No treatment decided yet.</Text>
      ) : (
        <Stack gap="xs">
          <Text>
            Decision: <b>{treatment.decision}</b>
          </Text>
          {treatment.description && <Text size="sm">{treatment.description}</Text>}
          {treatment.actions?.length ? (
            <Table.ScrollContainer minWidth={480}>
              <Table aria-label="Treatment actions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {treatment.actions.map((action, index) => {
                    const overdue =
                      action.status === 'open' && action.due !== undefined && action.due < today;
                    return (
                      <Table.Tr key={index}>
                        <Table.Td>{action.title}</Table.Td>
                        <Table.Td>
                          {action.owner ? <RefLink id={action.owner} kinds={['Team', 'Person']} /> : '–'}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {action.due ? formatDate(action.due) : '–'}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Badge color={action.status === 'done' ? 'green' : 'blue'} variant="light">
                              {action.status}
                            </Badge>
                            {overdue && <Badge color="red">overdue</Badge>}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="sm" c="dimmed">
              No actions recorded.
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}

/** Who accepted the risk, on which day, until when; an expired acceptance flagged. */
function Acceptance({ risk, row }: { risk: RiskDocument; row: RiskRow }) {
  const acceptance = risk.spec.acceptance;
  return (
    <Section title="Acceptance">
      {!acceptance ? (
        <Text c="dimmed">
          {row.aboveAppetite && risk.spec.treatment?.decision === 'accept'
            ? 'Accepted without an acceptance record.'
            : 'Not accepted.'}
        </Text>
      ) : (
        <Table variant="vertical" aria-label="Acceptance">
          <Table.Tbody>
            <Field label="Accepted by" name="acceptedBy">
              <RefLink id={acceptance.by} kinds={['Person']} />
            </Field>
            <Field label="On">{formatDate(acceptance.on)}</Field>
            <Field label="Until" name="acceptedUntil">
              <Group gap="xs">
                <Text size="sm">{formatDate(acceptance.until)}</Text>
                {row.acceptance === 'expired' ? (
                  <Badge color="red" data-testid="expired">
                    expired
                  </Badge>
                ) : (
                  <Badge color="green" variant="light">
                    current
                  </Badge>
                )}
              </Group>
            </Field>
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
