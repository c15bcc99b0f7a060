/** An exercise's type and status as badges: the type's weight and the status said in words, not colour alone. */
import { Badge } from '@mantine/core';
import { EXERCISE_TYPES } from '../../../src/catalog/kinds/exercise.kind.ts';
import type { ExerciseType } from '../../../src/catalog/kinds/exercise.kind.ts';
import type { CalendarExercise } from './calendar-model';

const STATUS_COLOR: Record<CalendarExercise['status'], string> = {
  planned: 'blue',
  running: 'orange',
  done: 'green',
  cancelled: 'gray',
};

/** The type, darker the heavier it is (from a communication test to a full interruption). */
export function TypeBadge({ type }: { type: ExerciseType }) {
  const heavy = EXERCISE_TYPES.indexOf(type) >= EXERCISE_TYPES.indexOf('simulation');
  return (
    <Badge variant={heavy ? 'filled' : 'light'} color="indigo" tt="none" size="sm" data-type={type}>
      {type}
    </Badge>
  );
}

/** The status. */
export function StatusBadge({ status }: { status: CalendarExercise['status'] }) {
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} size="sm" data-status={status}>
      {status}
    </Badge>
  );
}
