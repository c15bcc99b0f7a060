/**
 * `/exercises/:id`: an exercise's own page. Who ran it, when and what it tested; per service what it achieved
 * against what the plans predict, what the graph alone says and the RTO (a table and a chart); how far the
 * catalog's durations are from what was measured, with the measured durations a manager may apply; the findings,
 * summary and lessons. Recording is the live page (`/exercises/:id/run`), editing the generic form.
 */
import { documentState } from '../catalog/document-state';
import { Alert, Badge, Button, Code, Grid, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { canReadAudit, canWrite } from '../api/auth';
import { exerciseReportUrl } from '../api/exercises';
import type { ExerciseDocument } from '../api/exercises';
import { useExerciseAnalysis } from '../api/exercise-analysis';
import { useDocument, useSession } from '../api/queries';
import { AuditHistory } from '../catalog/AuditHistory';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { NamedLink } from '../incidents/NamedLink';
import { Field, Section } from '../risk/RiskSections';
import { formatDate, formatInstant } from '../util/dates';
import { ExerciseCalibration } from './ExerciseCalibration';
import { ExerciseFindings } from './ExerciseFindings';
import { ExerciseResults } from './ExerciseResults';

const STATUS_COLOUR = { planned: 'blue', running: 'orange', done: 'green', cancelled: 'gray' } as const;

/** The page of the exercise named in the URL. */
export function ExercisePage() {
  const { id = '' } = useParams();
  return <Exercise key={id} id={id} />;
}

function Exercise({ id }: { id: string }) {
  const state = documentState(useDocument('exercises', id), id, 'Exercise', 'exercise');
  return 'placeholder' in state ? state.placeholder : <ExerciseView exercise={state.document} />;
}

function ExerciseView({ exercise }: { exercise: ExerciseDocument }) {
  const id = exercise.metadata.id;
  const { spec } = exercise;
  const session = useSession();
  const analysis = useExerciseAnalysis();
  const result = analysis.data?.exercises.find((row) => row.id === id);
  const live = spec.status === 'planned' || spec.status === 'running';

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={1} size="h2">
              {spec.title}
            </Title>
            <Badge variant="outline">Exercise</Badge>
            <Badge variant="light" color="gray" data-testid="exercise-type">
              {spec.type}
            </Badge>
            <Badge color={STATUS_COLOUR[spec.status]} data-testid="exercise-status">
              {spec.status}
            </Badge>
          </Group>
          <Group gap="xs">
            <Code>{id}</Code>
            <Text size="xs" c="dimmed">
              version {exercise.metadata.version}
            </Text>
          </Group>
        </Stack>
        <Group gap="xs">
          {live && (
            <Button component={Link} to={`/exercises/${encodeURIComponent(id)}/run`}>
              Record live
            </Button>
          )}
          <Group gap="xs" role="group" aria-label="Exercise report">
            <Button component="a" href={exerciseReportUrl(id, 'pdf')} download={`${id}.pdf`} variant="light">
              Report (PDF)
            </Button>
            <Button
              component="a"
              href={exerciseReportUrl(id, 'html')}
              download={`${id}.html`}
              variant="light"
            >
              Report (HTML)
            </Button>
          </Group>
          {canWrite(session.data, 'Exercise') && (
            <Button variant="default" component={Link} to={`/exercises/${encodeURIComponent(id)}/edit`}>
              Edit
            </Button>
          )}
        </Group>
      </Group>
      {exercise.metadata.description && <Text>{exercise.metadata.description}</Text>}

      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section title="When">
            <Table variant="vertical" aria-label="When">
              <Table.Tbody>
                <Field label="Scheduled" name="scheduled">
                  <time dateTime={spec.scheduled}>{formatDate(spec.scheduled)}</time>
                </Field>
                <Field label="Started" name="started">
                  {spec.started ? <time dateTime={spec.started}>{formatInstant(spec.started)}</time> : '-'}
                </Field>
                <Field label="Finished" name="finished">
                  {spec.finished ? <time dateTime={spec.finished}>{formatInstant(spec.finished)}</time> : '-'}
                </Field>
              </Table.Tbody>
            </Table>
            {spec.objectives && (
              <Text size="sm" mt="xs">
                {spec.objectives}
              </Text>
            )}
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section title="What and who">
            <Table variant="vertical" aria-label="What and who">
              <Table.Tbody>
                <Field label="Plans" name="plans">
                  <Group gap="sm">
                    {spec.plans.map((plan) => (
                      <NamedLink key={plan} id={plan} kinds={['Plan']} size="sm" />
                    ))}
                  </Group>
                </Field>
                <Field label="Scenario" name="scenario">
                  <Group gap="sm">
                    {(result?.fail ?? spec.scenario?.fail ?? []).map((node) => (
                      <NamedLink key={node} id={node} kinds={FAILURE_KINDS} size="sm" />
                    ))}
                    {!spec.scenario && (
                      <Text size="xs" c="dimmed">
                        (the first plan&apos;s)
                      </Text>
                    )}
                  </Group>
                </Field>
                <Field label="Facilitator" name="facilitator">
                  {spec.facilitator ? <NamedLink id={spec.facilitator} kinds={['Person']} size="sm" /> : '-'}
                </Field>
                <Field label="Participants" name="participants">
                  <Stack gap={2}>
                    {(spec.participants ?? []).map((participant) => (
                      <Text size="sm" key={participant.id}>
                        <NamedLink id={participant.id} kinds={['Person', 'Team']} size="sm" />
                        {participant.role && ` (${participant.role})`}
                      </Text>
                    ))}
                  </Stack>
                </Field>
              </Table.Tbody>
            </Table>
          </Section>
        </Grid.Col>
      </Grid>

      <Section title="Achieved against predicted and target">
        {analysis.isPending ? (
          <Loader aria-label="Analysing the exercise" />
        ) : analysis.isError ? (
          <Alert color="red">{analysis.error.message}</Alert>
        ) : result ? (
          <ExerciseResults result={result} />
        ) : (
          <Text c="dimmed">The analysis does not list this exercise.</Text>
        )}
      </Section>

      <ExerciseCalibration exercise={exercise} calibration={result?.calibration} />

      <ExerciseFindings exercise={exercise} />

      {canReadAudit(session.data) && (
        <Section title="History">
          <AuditHistory kind="Exercise" id={id} enabled />
        </Section>
      )}
    </Stack>
  );
}
