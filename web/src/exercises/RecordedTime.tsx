/** A recorded time of day, with the full instant on hover and a mark while it waits to be sent. */
import { Text } from '@mantine/core';
import { formatInstant } from '../util/dates';
import type { Recorded } from './record-model';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** "Started 07:21:05" (and "waiting" until the server has it). */
export function RecordedTime({ label, recorded }: { label: string; recorded: Recorded }) {
  return (
    <Text size="sm" title={formatInstant(recorded.at)} data-waiting={recorded.waiting || undefined}>
      {label} <time dateTime={recorded.at}>{TIME.format(new Date(recorded.at))}</time>
      {recorded.waiting && (
        <Text span c="orange.8" size="sm">
          {' '}
          (waiting)
        </Text>
      )}
    </Text>
  );
}
