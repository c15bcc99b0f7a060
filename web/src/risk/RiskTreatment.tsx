/** A risk's treatment (decision, description, actions with the overdue ones flagged) and its acceptance. */
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { RiskDocument } from '../api/risk';
import { RefLink } from '../catalog/links';
import { formatDate } from '../util/dates';
import type { RiskRow } from './risk-model';
import { Field, Section } from './RiskSections';

/** The decision, its description and its actions (overdue open ones flagged). */
export function Treatment({ risk, today }: { risk: RiskDocument; today: string }) {
  const treatment = risk.spec.treatment;
  return (
    <Section title="Treatment">
      {!treatment ? (
        <Text c="orange.8">No treatment decided yet.</Text>
      ) : (
        <Stack gap="xs">
          <Text>
            Decision: <b>{treatment.decision}</b>
          </Text>
          {treatment.description && <Text size="sm">{treatment.description}</Text>}
          {treatment.actions?.length ? (
            <Table.ScrollContainer minWidth={480}>
              <Table aria-label="Treatment actions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {treatment.actions.map((action, index) => {
                    const overdue =
                      action.status === 'open' && action.due !== undefined && action.due < today;
                    return (
                      <Table.Tr key={index}>
                        <Table.Td>{action.title}</Table.Td>
                        <Table.Td>
                          {action.owner ? <RefLink id={action.owner} kinds={['Team', 'Person']} /> : '–'}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {action.due ? formatDate(action.due) : '–'}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Badge color={action.status === 'done' ? 'green' : 'blue'} variant="light">
                              {action.status}
                            </Badge>
                            {overdue && <Badge color="red">overdue</Badge>}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="sm" c="dimmed">
              No actions recorded.
            </Text>
          )}
        </Stack>
      )}
    </Section>
  );
}

/** Who accepted the risk, on which day, until when; an expired acceptance flagged. */
export function Acceptance({ risk, row }: { risk: RiskDocument; row: RiskRow }) {
  const acceptance = risk.spec.acceptance;
  return (
    <Section title="Acceptance">
      {!acceptance ? (
        <Text c="dimmed">
          {row.aboveAppetite && risk.spec.treatment?.decision === 'accept'
            ? 'Accepted without an acceptance record.'
            : 'Not accepted.'}
        </Text>
      ) : (
        <Table variant="vertical" aria-label="Acceptance">
          <Table.Tbody>
            <Field label="Accepted by" name="acceptedBy">
              <RefLink id={acceptance.by} kinds={['Person']} />
            </Field>
            <Field label="On">{formatDate(acceptance.on)}</Field>
            <Field label="Until" name="acceptedUntil">
              <Group gap="xs">
                <Text size="sm">{formatDate(acceptance.until)}</Text>
                {row.acceptance === 'expired' ? (
                  <Badge color="red" data-testid="expired">
                    expired
                  </Badge>
                ) : (
                  <Badge color="green" variant="light">
                    current
                  </Badge>
                )}
              </Group>
            </Field>
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}
