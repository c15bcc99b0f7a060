/**
 * What an exercise found: each finding's severity, owner, due date and status (an open one past its date is
 * overdue, in red), then the summary and the lessons learnt.
 */
import { Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import type { ExerciseDocument } from '../api/exercises';
import { NamedLink } from '../incidents/NamedLink';
import { Section } from '../risk/RiskSections';
import { formatDate } from '../util/dates';

const SEVERITY_COLOUR = { low: 'gray', medium: 'yellow', high: 'orange', critical: 'red' } as const;

/** The findings table, summary and lessons. */
export function ExerciseFindings({ exercise }: { exercise: ExerciseDocument }) {
  const { findings = [], summary, lessons = [] } = exercise.spec;
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Section title="Findings">
      <Stack>
        {findings.length === 0 ? (
          <Text size="sm" c="dimmed">
            No findings recorded.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Findings" data-testid="findings">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Finding</Table.Th>
                  <Table.Th>Severity</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {findings.map((finding) => {
                  const overdue =
                    finding.status === 'open' && finding.due !== undefined && finding.due < today;
                  return (
                    <Table.Tr key={finding.id} data-finding={finding.id} data-overdue={overdue || undefined}>
                      <Table.Td>
                        <Text size="sm">{finding.title}</Text>
                        {finding.description && (
                          <Text size="xs" c="dimmed">
                            {finding.description}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={SEVERITY_COLOUR[finding.severity]} variant="light">
                          {finding.severity}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {finding.owner ? (
                          <NamedLink id={finding.owner} kinds={['Person', 'Team']} size="sm" />
                        ) : (
                          '-'
                        )}
                      </Table.Td>
                      <Table.Td>
                        {finding.due ? (
                          <Group gap={6} wrap="nowrap">
                            <Text size="sm" c={overdue ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
                              <time dateTime={finding.due}>{formatDate(finding.due)}</time>
                            </Text>
                            {overdue && (
                              <Badge color="red" size="sm">
                                Overdue
                              </Badge>
                            )}
                          </Group>
                        ) : (
                          '-'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={finding.status === 'open' ? 'blue' : 'green'} variant="light">
                          {finding.status}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {summary && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              Summary
            </Title>
            <Text size="sm">{summary}</Text>
          </Stack>
        )}
        {lessons.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              Lessons learnt
            </Title>
            <List size="sm" aria-label="Lessons learnt">
              {lessons.map((lesson) => (
                <List.Item key={lesson}>{lesson}</List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
