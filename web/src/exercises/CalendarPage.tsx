/**
 * `/exercises`: the exercise calendar (month by month, what is coming up and what is behind, each exercise to its
 * page) and the programme (per plan, when it is next due for an exercise of a type that counts). All of it from
 * `GET /api/v1/analysis/exercises`; the dates are judged on the server's day.
 */
import { Alert, Anchor, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { canWrite } from '../api/auth';
import { useExerciseAnalysis } from '../api/exercise-analysis';
import { useAllPlans } from '../api/incidents';
import { useSession } from '../api/queries';
import { CalendarAgenda } from './CalendarAgenda';
import { CalendarProgramme } from './CalendarProgramme';

/** A plan's name by its id (the id until the plans have loaded). */
export function usePlanNames(): (id: string) => string {
  const plans = useAllPlans();
  return useMemo(() => {
    const names = new Map((plans.data ?? []).map((plan) => [plan.metadata.id, plan.metadata.name]));
    return (id: string) => names.get(id) ?? id;
  }, [plans.data]);
}

/** The calendar page. */
export function CalendarPage() {
  const analysis = useExerciseAnalysis();
  const session = useSession();
  const planName = usePlanNames();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Exercises
        </Title>
        <Group gap="xs">
          <Button variant="default" component={Link} to="/trainings">
            Training
          </Button>
          {canWrite(session.data, 'Exercise') && (
            <Button component={Link} to="/exercises/new">
              New exercise
            </Button>
          )}
        </Group>
      </Group>
      <Text c="dimmed" maw={760}>
        Each plan is exercised at the interval its tier asks, by an exercise of a type that counts (a heavier
        type counts wherever a lighter one is asked for). Open actions from findings are on the{' '}
        <Anchor component={Link} to="/actions?source=exercise">
          actions page
        </Anchor>
        .
      </Text>
      {analysis.isPending && <Loader aria-label="Loading the exercises" />}
      {analysis.isError && <Alert color="red">Exercises: {analysis.error.message}</Alert>}
      {analysis.data && (
        <>
          <CalendarAgenda exercises={analysis.data.exercises} today={today} planName={planName} />
          <CalendarProgramme programme={analysis.data.programme} today={today} planName={planName} />
        </>
      )}
    </Stack>
  );
}
