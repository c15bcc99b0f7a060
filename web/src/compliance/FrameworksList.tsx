/**
 * Each framework's requirements: clause, title, status and the checks that evidence it (linked to them on the
 * checks tab); a requirement no check covers is manual and shows the statements made about it.
 */
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { canWrite } from '../api/auth';
import { useSession } from '../api/queries';
import { documentPath } from '../catalog/links';
import type { CheckResult, FrameworkId, FrameworkResult } from './compliance-model';
import { checkHref, countRequirements, requirementChecks } from './compliance-model';
import { StatusBadge } from './StatusBadge';

type Requirement = FrameworkResult['requirements'][number];

/** Where a new statement is written: the generic form, opened on the requirement's framework and clause. */
const NEW_STATEMENT = '/statements/new';

function Statements({
  framework,
  requirement,
  mayWrite,
}: {
  framework: FrameworkResult['id'];
  requirement: Requirement;
  mayWrite: boolean;
}) {
  const statements = requirement.statements ?? [];
  return (
    <Stack gap={6}>
      {statements.length === 0 ? (
        <Text size="sm" c="dimmed">
          No check covers it and no statement says how it is met.
        </Text>
      ) : (
        statements.map((statement) => (
          <Stack key={statement.id} gap={0} data-statement={statement.id}>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {statement.text}
            </Text>
            <Text size="xs" c="dimmed">
              <Anchor component={Link} to={documentPath('Statement', statement.id)} size="xs">
                Statement
              </Anchor>{' '}
              by{' '}
              <Anchor component={Link} to={documentPath('Person', statement.madeBy)} size="xs">
                {statement.madeBy}
              </Anchor>{' '}
              on {statement.date}
            </Text>
          </Stack>
        ))
      )}
      {mayWrite && (
        <Anchor
          component={Link}
          to={`${NEW_STATEMENT}?${new URLSearchParams({ framework, clause: requirement.clause }).toString()}`}
          size="sm"
        >
          Add a statement
        </Anchor>
      )}
    </Stack>
  );
}

function FrameworkTable({
  framework,
  checks,
  selected,
  mayWrite,
}: {
  framework: FrameworkResult;
  checks: readonly CheckResult[];
  selected: FrameworkId | undefined;
  mayWrite: boolean;
}) {
  const counts = countRequirements(framework);
  return (
    <Stack gap="xs" component="section" aria-labelledby={`framework-${framework.id}`}>
      <Title order={2} size="h4" id={`framework-${framework.id}`}>
        {framework.title}
      </Title>
      <Text size="sm" c="dimmed" data-testid={`framework-counts-${framework.id}`}>
        {counts.pass} met, {counts.fail} failing, {counts.manual} manual
        {counts['not-applicable'] > 0 && `, ${counts['not-applicable']} not applicable`}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="xs" aria-label={`${framework.title} requirements`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Clause</Table.Th>
              <Table.Th>Requirement</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Evidenced by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {framework.requirements.map((requirement) => (
              <Table.Tr key={requirement.clause} data-clause={requirement.clause}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{requirement.clause}</Table.Td>
                <Table.Td>{requirement.title}</Table.Td>
                <Table.Td>
                  <StatusBadge status={requirement.status} size="sm" />
                </Table.Td>
                <Table.Td>
                  {requirement.status === 'manual' ? (
                    <Statements framework={framework.id} requirement={requirement} mayWrite={mayWrite} />
                  ) : (
                    <Stack gap={2}>
                      {requirementChecks(requirement, checks).map((check) => (
                        <Group key={check.id} gap={6} wrap="nowrap">
                          <Anchor component={Link} to={checkHref(check.id, selected)} size="sm">
                            {check.id} {check.title}
                          </Anchor>
                          <StatusBadge status={check.status} size="sm" />
                        </Group>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Every framework of the report, in its order. */
export function FrameworksList({
  frameworks,
  checks,
  selected,
}: {
  frameworks: readonly FrameworkResult[];
  checks: readonly CheckResult[];
  selected: FrameworkId | undefined;
}) {
  const session = useSession();
  const mayWrite = canWrite(session.data, 'Statement');
  if (frameworks.length === 0)
    return (
      <Text c="dimmed" size="sm">
        No framework is defined yet.
      </Text>
    );
  return (
    <Stack gap="xl">
      {mayWrite && (
        <Text size="sm" c="dimmed">
          A manual requirement is one no check can compute: say how it is met in a statement (framework and
          clause as the table gives them).
        </Text>
      )}
      {frameworks.map((framework) => (
        <FrameworkTable
          key={framework.id}
          framework={framework}
          checks={checks}
          selected={selected}
          mayWrite={mayWrite}
        />
      ))}
    </Stack>
  );
}
