/**
 * `/trainings`: who is trained on each plan (ISO 22301 clause 7.2). The coverage per plan, from
 * `GET /api/v1/analysis/exercises` (a Training attended, or a done exercise of the plan taken part in, counts
 * until its validity ends): "n of m trained", the untrained first; and the training sessions, latest first.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { canWrite } from '../api/auth';
import { usePolicy } from '../api/bia';
import { useAllOf, useExerciseAnalysis } from '../api/exercise-analysis';
import { useSession } from '../api/queries';
import { formatDate } from '../util/dates';
import { usePlanNames } from './CalendarPage';
import type { CoverageRow } from './training-model';
import { coverageRows, sessionRows } from './training-model';

/** A person's name by id (the id until the people have loaded). */
function usePersonNames(): (id: string) => string {
  const people = useAllOf('people');
  return useMemo(() => {
    const names = new Map((people.data ?? []).map((person) => [person.metadata.id, person.metadata.name]));
    return (id: string) => names.get(id) ?? id;
  }, [people.data]);
}

function PersonLink({ id, name }: { id: string; name: string }) {
  return (
    <Anchor component={Link} to={`/people/${encodeURIComponent(id)}`} size="sm">
      {name}
    </Anchor>
  );
}

/** One plan's coverage: the count, then each person, the untrained first. */
function PlanCoverageCard({
  row,
  planName,
  personName,
}: {
  row: CoverageRow;
  planName: string;
  personName: (id: string) => string;
}) {
  const complete = row.trained === row.total;
  return (
    <Card withBorder component="section" aria-label={`Training on ${planName}`} data-plan={row.plan}>
      <Group justify="space-between" mb="xs" wrap="nowrap" align="start">
        <Anchor component={Link} to={`/plans/${encodeURIComponent(row.plan)}`} fw={600}>
          {planName}
        </Anchor>
        <Text
          size="sm"
          fw={600}
          c={complete ? 'green' : 'red'}
          data-testid="coverage-count"
          style={{ whiteSpace: 'nowrap' }}
        >
          {row.trained} of {row.total} trained
        </Text>
      </Group>
      {row.total === 0 ? (
        <Text size="sm" c="dimmed">
          The plan names no one (no call tree contact or step owner).
        </Text>
      ) : (
        <Table aria-label={`People named in ${planName}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Trained</Table.Th>
              <Table.Th>Until</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row.people.map((person) => (
              <Table.Tr key={person.id} data-person={person.id} data-trained={person.trained}>
                <Table.Td>
                  <PersonLink id={person.id} name={personName(person.id)} />
                </Table.Td>
                <Table.Td>
                  <Badge color={person.trained ? 'green' : 'red'} variant="light" size="sm">
                    {person.trained ? 'trained' : 'not trained'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {person.until === null ? (
                    <Text size="sm" c="dimmed">
                      never trained
                    </Text>
                  ) : (
                    <Text size="sm" c={person.trained ? undefined : 'red'}>
                      {person.trained ? '' : 'lapsed '}
                      <time dateTime={person.until}>{formatDate(person.until)}</time>
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** The training sessions, latest first. */
function Sessions({
  planName,
  personName,
}: {
  planName: (id: string) => string;
  personName: (id: string) => string;
}) {
  const trainings = useAllOf('trainings');
  const policy = usePolicy();
  if (trainings.isPending || policy.isPending) return <Loader size="sm" aria-label="Loading the sessions" />;
  if (trainings.isError) return <Alert color="red">Training sessions: {trainings.error.message}</Alert>;
  if (policy.isError) return <Alert color="red">Policy: {policy.error.message}</Alert>;
  const today = new Date().toISOString().slice(0, 10);
  const rows = sessionRows(
    trainings.data.map((doc) => ({ id: doc.metadata.id, spec: doc.spec })),
    policy.data,
    today,
  );
  if (rows.length === 0) return <Text c="dimmed">No training session recorded yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label="Training sessions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Session</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Plans</Table.Th>
            <Table.Th>Attendees</Table.Th>
            <Table.Th>Valid until</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-training={row.id}>
              <Table.Td>
                <Anchor component={Link} to={`/trainings/${encodeURIComponent(row.id)}`} size="sm">
                  {row.title}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <time dateTime={row.date}>{formatDate(row.date)}</time>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.plans.map(planName).join(', ')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{row.attendees.map(personName).join(', ')}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Group gap={6} wrap="nowrap">
                  <time dateTime={row.validUntil}>{formatDate(row.validUntil)}</time>
                  {!row.valid && row.date <= today && (
                    <Badge color="gray" size="sm">
                      lapsed
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The training page. */
export function TrainingPage() {
  const analysis = useExerciseAnalysis();
  const session = useSession();
  const planName = usePlanNames();
  const personName = usePersonNames();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Training
        </Title>
        <Group gap="xs">
          <Button variant="default" component={Link} to="/exercises">
            Exercises
          </Button>
          {canWrite(session.data, 'Training') && (
            <Button component={Link} to="/trainings/new">
              New training
            </Button>
          )}
        </Group>
      </Group>
      <Text c="dimmed" maw={760}>
        Each person a plan names (call tree contacts and step owners; a team stands for its members) is
        trained while a session on the plan they attended, or a done exercise of it they took part in, is
        still valid.
      </Text>
      <Title order={2} size="h3">
        Coverage
      </Title>
      {analysis.isPending && <Loader aria-label="Loading the training coverage" />}
      {analysis.isError && <Alert color="red">Training coverage: {analysis.error.message}</Alert>}
      {analysis.data &&
        (analysis.data.training.length === 0 ? (
          <Text c="dimmed">No plan yet.</Text>
        ) : (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {coverageRows(analysis.data.training).map((row) => (
              <PlanCoverageCard
                key={row.plan}
                row={row}
                planName={planName(row.plan)}
                personName={personName}
              />
            ))}
          </SimpleGrid>
        ))}
      <Card withBorder component="section" aria-label="Training sessions">
        <Title order={2} size="h3" mb="xs">
          Sessions
        </Title>
        <Sessions planName={planName} personName={personName} />
      </Card>
    </Stack>
  );
}
