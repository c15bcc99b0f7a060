/** The exercise calendar as an agenda: month by month, what is coming up and what is behind. */
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../util/dates';
import type { CalendarExercise, CalendarMonth } from './calendar-model';
import { calendarOf, formatMonth, isLate } from './calendar-model';
import { StatusBadge, TypeBadge } from './CalendarBadges';

/** One exercise in its month: its day, title (to its page), type, status and the plans it tests. */
function Entry({
  exercise,
  today,
  planName,
}: {
  exercise: CalendarExercise;
  today: string;
  planName: (id: string) => string;
}) {
  const late = isLate(exercise, today);
  return (
    <Group
      component="li"
      gap="sm"
      wrap="nowrap"
      align="start"
      data-exercise={exercise.id}
      aria-label={`${exercise.title}, ${exercise.type}, ${exercise.status}`}
    >
      <Text size="sm" w={110} style={{ flexShrink: 0 }}>
        <time dateTime={exercise.date}>{formatDate(exercise.date)}</time>
      </Text>
      <Stack gap={2}>
        <Anchor component={Link} to={`/exercises/${encodeURIComponent(exercise.id)}`} fw={600} size="sm">
          {exercise.title}
        </Anchor>
        <Group gap={6}>
          <TypeBadge type={exercise.type} />
          <StatusBadge status={exercise.status} />
          {late && (
            <Badge color="red" size="sm" data-testid="late">
              date passed
            </Badge>
          )}
          {exercise.openFindings > 0 && (
            <Text size="xs" c="dimmed">
              {exercise.openFindings} open finding{exercise.openFindings === 1 ? '' : 's'}
            </Text>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {exercise.plans.map(planName).join(', ')}
        </Text>
      </Stack>
    </Group>
  );
}

function Months({
  months,
  today,
  planName,
}: {
  months: CalendarMonth[];
  today: string;
  planName: (id: string) => string;
}) {
  return (
    <Stack gap="sm">
      {months.map(({ month, exercises }) => (
        <section key={month} aria-label={formatMonth(month)} data-month={month}>
          <Title order={4} size="h5" mb={4}>
            {formatMonth(month)}
          </Title>
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {exercises.map((exercise) => (
              <Entry key={exercise.id} exercise={exercise} today={today} planName={planName} />
            ))}
          </Stack>
        </section>
      ))}
    </Stack>
  );
}

/** Planned and running exercises (soonest first) beside done and cancelled ones (latest first). */
export function CalendarAgenda({
  exercises,
  today,
  planName,
}: {
  exercises: readonly CalendarExercise[];
  today: string;
  planName: (id: string) => string;
}) {
  const { ahead, behind } = calendarOf(exercises);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card withBorder component="section" aria-label="Coming up">
        <Title order={2} size="h3" mb="xs">
          Coming up
        </Title>
        {ahead.length === 0 ? (
          <Text c="dimmed">No exercise is planned.</Text>
        ) : (
          <Months months={ahead} today={today} planName={planName} />
        )}
      </Card>
      <Card withBorder component="section" aria-label="Behind">
        <Title order={2} size="h3" mb="xs">
          Behind
        </Title>
        {behind.length === 0 ? (
          <Text c="dimmed">No exercise has been held yet.</Text>
        ) : (
          <Months months={behind} today={today} planName={planName} />
        )}
      </Card>
    </SimpleGrid>
  );
}
