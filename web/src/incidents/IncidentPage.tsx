/**
 * An incident's record: when it started, was detected and resolved; what failed and which plan was invoked;
 * what it cost each affected service against its objectives; the timeline; root cause, lessons and actions;
 * and the record's audit history.
 */
import { documentState } from '../catalog/document-state';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Grid,
  Group,
  List,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { canReadAudit, canWrite } from '../api/auth';
import type { DocumentOf } from '../api/catalog';
import { useActions } from '../api/incidents';
import { useDocument, useSession } from '../api/queries';
import { AuditHistory } from '../catalog/AuditHistory';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { formatMinutes } from '../util/duration';
import { ActionsTable } from './ActionsTable';
import { CallTreePanel } from './CallTreePanel';
import { FiguresTable } from './FiguresTable';
import { minutesBetween } from './incident-model';
import { IncidentTimeline, Instant } from './IncidentTimeline';
import { NamedLink } from './NamedLink';

type Incident = DocumentOf<'Incident'>;

/** The page of the incident named in the URL. */
export function IncidentPage() {
  const { id = '' } = useParams();
  return <IncidentRecord key={id} id={id} />;
}

function Section({ title, children, label }: { title: string; children: ReactNode; label?: string }) {
  return (
    <Card withBorder component="section" aria-label={label ?? title}>
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function IncidentRecord({ id }: { id: string }) {
  const state = documentState(useDocument('incidents', id), id, 'Incident', 'incident');
  const session = useSession();
  if ('placeholder' in state) return state.placeholder;
  const incident = state.document;
  const { spec } = incident;
  const failed = spec.failed.join(',');

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {spec.title}
            </Title>
            <Badge variant="outline">Incident</Badge>
            {spec.resolved ? (
              <Badge color="green" variant="light">
                resolved
              </Badge>
            ) : (
              <Badge color="red">ongoing</Badge>
            )}
          </Group>
          <Group gap="xs">
            <Code>{incident.metadata.id}</Code>
            {incident.metadata.name && (
              <Text size="sm" c="dimmed">
                {incident.metadata.name}
              </Text>
            )}
          </Group>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" component={Link} to={`/simulator?fail=${encodeURIComponent(failed)}`}>
            Simulate this failure
          </Button>
          {canWrite(session.data, 'Incident') && (
            <Button component={Link} to={`/incidents/${encodeURIComponent(id)}/edit`}>
              Edit
            </Button>
          )}
        </Group>
      </Group>
      {spec.summary && <Text>{spec.summary}</Text>}

      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <When incident={incident} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <WhatFailed incident={incident} />
        </Grid.Col>
      </Grid>

      {spec.plan && (
        <Section title="Call tree">
          <CallTreePanel incident={id} />
        </Section>
      )}

      <Section title="What it cost each service" label="Affected services">
        <FiguresTable incident={id} />
      </Section>

      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section title="Timeline">
            <IncidentTimeline entries={spec.timeline ?? []} started={spec.started} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section title="Root cause and lessons">
            <Stack gap="sm">
              <div>
                <Text size="sm" c="dimmed">
                  Root cause
                </Text>
                <Text>{spec.rootCause ?? 'Not recorded yet.'}</Text>
              </div>
              <div>
                <Text size="sm" c="dimmed">
                  Lessons
                </Text>
                {spec.lessons?.length ? (
                  <List aria-label="Lessons" spacing={4}>
                    {spec.lessons.map((lesson, index) => (
                      <List.Item key={index}>{lesson}</List.Item>
                    ))}
                  </List>
                ) : (
                  <Text>None recorded yet.</Text>
                )}
              </div>
            </Stack>
          </Section>
        </Grid.Col>
      </Grid>

      <Section title="Actions">
        <Actions incident={id} />
      </Section>

      {canReadAudit(session.data) && (
        <Section title="History">
          <AuditHistory kind="Incident" id={id} enabled />
        </Section>
      )}
    </Stack>
  );
}

/** Started, detected and resolved, with how long detection and the whole disruption took. */
function When({ incident }: { incident: Incident }) {
  const { started, detected, resolved } = incident.spec;
  const rows: { label: string; at: string | undefined; after: number | null; afterLabel: string }[] = [
    { label: 'Started', at: started, after: null, afterLabel: '' },
    {
      label: 'Detected',
      at: detected,
      after: minutesBetween(started, detected),
      afterLabel: 'unnoticed for',
    },
    {
      label: 'Resolved',
      at: resolved,
      after: minutesBetween(started, resolved),
      afterLabel: 'disrupted for',
    },
  ];
  return (
    <Section title="When">
      <Table variant="vertical" aria-label="When">
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.label}>
              <Table.Th w={110}>{row.label}</Table.Th>
              <Table.Td data-field={row.label.toLowerCase()}>
                {row.at === undefined ? (
                  <Text c="dimmed" size="sm">
                    not yet
                  </Text>
                ) : (
                  <Group gap="xs">
                    <Text size="sm">
                      <Instant at={row.at} />
                    </Text>
                    {row.after !== null && (
                      <Text size="sm" c="dimmed">
                        {row.afterLabel} {formatMinutes(row.after)}
                      </Text>
                    )}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

/** The failure nodes, the data lost and the plan invoked, each linked. */
function WhatFailed({ incident }: { incident: Incident }) {
  const { failed, dataLossMinutes, plan } = incident.spec;
  return (
    <Section title="What failed">
      <Table variant="vertical" aria-label="What failed">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={110}>Failed</Table.Th>
            <Table.Td data-field="failed">
              <Group gap="sm">
                {failed.map((node) => (
                  <NamedLink key={node} id={node} kinds={FAILURE_KINDS} size="sm" />
                ))}
              </Group>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Data lost</Table.Th>
            <Table.Td>
              <Text size="sm">
                {dataLossMinutes === undefined ? 'not recorded' : formatMinutes(dataLossMinutes)}
              </Text>
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Plan invoked</Table.Th>
            <Table.Td data-field="plan">
              {plan ? (
                <NamedLink id={plan} kinds={['Plan']} size="sm" />
              ) : (
                <Text size="sm" c="dimmed">
                  none
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Section>
  );
}

/** The incident's actions as the server lists them: soonest due first, overdue ones flagged. */
function Actions({ incident }: { incident: string }) {
  const actions = useActions();
  if (actions.isPending) return <Loader size="sm" aria-label="Loading the actions" />;
  if (actions.isError) return <Alert color="red">Actions: {actions.error.message}</Alert>;
  const mine = actions.data.filter((action) => action.incident === incident);
  if (mine.length === 0) return <Text c="dimmed">No actions recorded.</Text>;
  const open = mine.filter((action) => action.status === 'open').length;
  const overdue = mine.filter((action) => action.overdue).length;
  return (
    <Stack gap="xs">
      <Text size="sm">
        {open} of {mine.length} open
        {overdue > 0 && (
          <Text span c="red" fw={600}>
            , {overdue} overdue
          </Text>
        )}
      </Text>
      <ActionsTable actions={mine} label="Actions" />
    </Stack>
  );
}
