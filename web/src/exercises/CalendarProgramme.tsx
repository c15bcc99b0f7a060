/**
 * The exercise programme: per plan its tier, the lightest exercise type that counts for it, when it was last
 * exercised that way, when it is next due (overdue in red) and the next exercise scheduled. A filter keeps the
 * plans overdue or due within 90 days; it lives in the URL (`?programme=attention`).
 */
import { Anchor, Badge, Card, Group, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../util/dates';
import type { ProgrammeFilter, ProgrammeRow } from './calendar-model';
import { DUE_SOON_DAYS, filterProgramme, needsAttention } from './calendar-model';
import { TypeBadge } from './CalendarBadges';

function DateCell({ value, none }: { value: string | null; none: string }) {
  return value === null ? (
    <Text size="sm" c="dimmed">
      {none}
    </Text>
  ) : (
    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
      <time dateTime={value}>{formatDate(value)}</time>
    </Text>
  );
}

/** The programme table with its filter. */
export function CalendarProgramme({
  programme,
  today,
  planName,
}: {
  programme: readonly ProgrammeRow[];
  today: string;
  planName: (id: string) => string;
}) {
  const [params, setParams] = useSearchParams();
  const filter: ProgrammeFilter = params.get('programme') === 'attention' ? 'attention' : 'all';
  const rows = filterProgramme(programme, filter, today);
  const overdue = programme.filter((row) => row.overdue).length;
  return (
    <Card withBorder component="section" aria-label="Exercise programme">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3">
          Programme
        </Title>
        <SegmentedControl
          aria-label="Which plans"
          value={filter}
          onChange={(value) =>
            setParams(
              (previous) => {
                const next = new URLSearchParams(previous);
                if (value === 'attention') next.set('programme', 'attention');
                else next.delete('programme');
                return next;
              },
              { replace: true },
            )
          }
          data={[
            { value: 'all', label: 'All plans' },
            { value: 'attention', label: `Due within ${DUE_SOON_DAYS} days or overdue` },
          ]}
        />
      </Group>
      <Text size="sm" mb="xs" data-testid="programme-summary">
        {programme.length} plan{programme.length === 1 ? '' : 's'} in the programme
        {overdue > 0 && (
          <Text span c="red" fw={600}>
            , {overdue} overdue
          </Text>
        )}
      </Text>
      {rows.length === 0 ? (
        <Text c="dimmed">
          {filter === 'attention'
            ? `No plan is overdue or due within ${DUE_SOON_DAYS} days.`
            : 'No plan yet.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Exercise programme" data-testid="programme">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Plan</Table.Th>
                <Table.Th>Tier</Table.Th>
                <Table.Th>Counts</Table.Th>
                <Table.Th>Last exercised</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Next scheduled</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.plan} data-plan={row.plan} data-overdue={row.overdue || undefined}>
                  <Table.Td>
                    <Anchor component={Link} to={`/plans/${encodeURIComponent(row.plan)}`} size="sm">
                      {planName(row.plan)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{row.tier}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <TypeBadge type={row.atLeast} />
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        or heavier
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {row.lastExercised === null ? (
                      <Text size="sm" c="dimmed">
                        never
                      </Text>
                    ) : (
                      <Group gap={6} wrap="nowrap">
                        <DateCell value={row.lastExercised} none="never" />
                        {row.lastType && <TypeBadge type={row.lastType} />}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      {row.due === null ? (
                        <Text size="sm" c="red">
                          never exercised
                        </Text>
                      ) : (
                        <Text size="sm" c={row.overdue ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
                          <time dateTime={row.due}>{formatDate(row.due)}</time>
                        </Text>
                      )}
                      {row.overdue ? (
                        <Badge color="red" size="sm" data-testid="overdue">
                          OVERDUE
                        </Badge>
                      ) : (
                        needsAttention(row, today) && (
                          <Badge color="yellow" size="sm" variant="light" data-testid="due-soon">
                            due soon
                          </Badge>
                        )
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <DateCell value={row.scheduled} none="none" />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
