/** The incident's timeline, in time order, each entry with how long after the start it happened. */
import { Group, Text, Timeline } from '@mantine/core';
import { formatMinutes } from '../util/duration';
import { formatInstant } from '../util/dates';
import { inTimeOrder, minutesBetween } from './incident-model';
import type { TimelineEntry } from './incident-model';
import { NamedLink } from './NamedLink';

/** An instant as a person reads it, in a `<time>` element that keeps the exact value. */
export function Instant({ at }: { at: string }) {
  return (
    <time dateTime={at} title={at}>
      {formatInstant(at)}
    </time>
  );
}

/** The vertical timeline; `started` anchors the "+2h 10m" offsets. */
export function IncidentTimeline({
  entries,
  started,
}: {
  entries: readonly TimelineEntry[];
  started: string;
}) {
  if (entries.length === 0) return <Text c="dimmed">No timeline was recorded.</Text>;
  const sorted = inTimeOrder(entries);
  return (
    <Timeline active={sorted.length - 1} bulletSize={14} lineWidth={2} role="list" aria-label="Timeline">
      {sorted.map((entry, index) => {
        const offset = minutesBetween(started, entry.at);
        return (
          <Timeline.Item
            key={`${entry.at}-${index}`}
            role="listitem"
            title={
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  <Instant at={entry.at} />
                </Text>
                {offset !== null && (
                  <Text size="xs" c="dimmed">
                    {offset < 0 ? `${formatMinutes(-offset)} before the start` : `+${formatMinutes(offset)}`}
                  </Text>
                )}
              </Group>
            }
          >
            <Text size="sm" data-testid="timeline-entry">
              {entry.entry}
            </Text>
            {entry.by && (
              <Text size="xs" c="dimmed">
                by <NamedLink id={entry.by} kinds={['Person', 'Team']} size="xs" />
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
