/** What a plan says before its steps: scope, scenario, activation and the call tree. */
import { Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';
import type { ReactNode } from 'react';
import type { PlanDocument } from '../api/plans';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { RefLink } from '../catalog/links';

/** The kinds a plan's owner, contacts and step owners may be. */
export const PEOPLE_KINDS = ['Person', 'Team'] as const;

/** A titled block of the plan page, a landmark named by its heading. */
export function PlanSection({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Scope, scenario, activation and call tree of a plan (the current one or a frozen version). */
export function PlanOverview({
  plan,
  serviceNames,
}: {
  plan: PlanDocument;
  serviceNames: ReadonlyMap<string, string>;
}) {
  const { spec } = plan;
  const contacts = spec.contacts ?? [];
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <PlanSection title="Scope">
        <Stack gap="xs">
          <Group gap="xs" data-testid="plan-services">
            <Text fw={500}>Services protected:</Text>
            {spec.services.map((id) => (
              <RefLink key={id} id={id} kinds={['Service']} label={serviceNames.get(id) ?? id} />
            ))}
          </Group>
          <Group gap="xs">
            <Text fw={500}>Owner:</Text>
            <RefLink id={spec.owner} kinds={PEOPLE_KINDS} />
          </Group>
        </Stack>
      </PlanSection>
      <PlanSection title="Scenario">
        <Stack gap="xs">
          <Text style={{ whiteSpace: 'pre-line' }}>{spec.scenario.description}</Text>
          <Group gap="xs">
            <Text fw={500}>Fails:</Text>
            {spec.scenario.fail.map((id) => (
              <RefLink key={id} id={id} kinds={FAILURE_KINDS} />
            ))}
          </Group>
        </Stack>
      </PlanSection>
      <PlanSection title="Activation">
        <Text style={{ whiteSpace: 'pre-line' }}>{spec.activation}</Text>
      </PlanSection>
      <PlanSection title="Call tree">
        {contacts.length === 0 ? (
          <Text c="dimmed">No contacts listed.</Text>
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table aria-label="Call tree" data-testid="call-tree">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>#</Table.Th>
                  <Table.Th>Contact</Table.Th>
                  <Table.Th>Role in this plan</Table.Th>
                  <Table.Th>Escalate after</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contacts.map((contact, index) => (
                  <Table.Tr key={`${contact.id}-${index}`}>
                    <Table.Td>{index + 1}</Table.Td>
                    <Table.Td>
                      <RefLink id={contact.id} kinds={PEOPLE_KINDS} />
                    </Table.Td>
                    <Table.Td>{contact.role ?? '-'}</Table.Td>
                    <Table.Td>{contact.escalateAfter ?? '-'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PlanSection>
    </SimpleGrid>
  );
}
