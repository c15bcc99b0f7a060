/**
 * The DORA register of information on the suppliers page: ready to download, or each problem the validator
 * finds with a link to the catalog document to fix (docs/dora.md). For the roles that may export it.
 */
import { Alert, Anchor, Button, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { isKind } from '../../../src/catalog/kinds.ts';
import { canReadAudit } from '../api/auth';
import { useSession } from '../api/queries';
import { REGISTER_URL, useRegisterReadiness } from '../api/suppliers';
import type { RegisterReadiness } from '../api/suppliers';
import { documentPath } from '../catalog/links';

/** Where in the package a problem is: `b_02.01.csv row 3 c0050`. */
function place(problem: RegisterReadiness['problems'][number]): string {
  return [problem.table, problem.row === null ? '' : `row ${problem.row}`, problem.column ?? '']
    .filter((part) => part !== '')
    .join(' ');
}

/** The register's card; nothing for roles that may not export it. */
export function RegisterCard() {
  const session = useSession();
  const allowed = canReadAudit(session.data);
  const readiness = useRegisterReadiness(allowed);
  if (!allowed) return null;
  return (
    <Card withBorder component="section" aria-label="Register of information">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3">
          Register of information (DORA)
        </Title>
        {readiness.data?.ready && (
          <Button
            component="a"
            href={REGISTER_URL}
            download={readiness.data.zipName ?? undefined}
            variant="light"
          >
            Download the register (ZIP)
          </Button>
        )}
      </Group>
      {readiness.isPending && <Loader size="sm" aria-label="Checking the register" />}
      {readiness.isError && <Alert color="red">Register: {readiness.error.message}</Alert>}
      {readiness.data?.ready && (
        <Text size="sm" c="green.8" data-testid="register-ready">
          Ready: the validator finds no problem in {readiness.data.zipName}.
        </Text>
      )}
      {readiness.data && !readiness.data.ready && (
        <>
          <Text size="sm" c="red" mb="xs" data-testid="register-problems">
            {readiness.data.problems.length} {readiness.data.problems.length === 1 ? 'problem' : 'problems'}{' '}
            to fix before the register can be filed:
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table fz="sm" aria-label="Register problems">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Where</Table.Th>
                  <Table.Th>Problem</Table.Th>
                  <Table.Th>Fix</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {readiness.data.problems.map((problem, index) => (
                  <Table.Tr key={index}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{place(problem)}</Table.Td>
                    <Table.Td>{problem.message}</Table.Td>
                    <Table.Td>
                      {problem.document && isKind(problem.document.kind) ? (
                        <Anchor
                          component={Link}
                          to={documentPath(problem.document.kind, problem.document.id)}
                        >
                          {problem.document.kind} {problem.document.id}
                        </Anchor>
                      ) : (
                        '-'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Card>
  );
}
