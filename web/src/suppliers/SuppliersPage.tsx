/**
 * `/vendors`: the suppliers ranked by concentration (what their failure takes down with their group and supply
 * chain, weighted by tier and BIA loss), with substitutability, exit plan state, contracts, the services each
 * takes down and a one-click simulation of its failure; the fourth parties (subcontractors shared by several
 * suppliers) below.
 */
import { Alert, Anchor, Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { canWrite } from '../api/auth';
import { usePolicy } from '../api/bia';
import { useSession } from '../api/queries';
import { useSupplierAnalysis } from '../api/suppliers';
import type { SupplierAnalysis, SupplierRow } from '../api/suppliers';
import { documentPath } from '../catalog/links';
import { formatMoney } from '../risk/risk-model';
import { RegisterCard } from './RegisterCard';

/** The suppliers page. */
export function SuppliersPage() {
  const analysis = useSupplierAnalysis();
  const policy = usePolicy();
  const session = useSession();
  const currency = policy.data?.organisation.currency;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Suppliers
        </Title>
        {canWrite(session.data, 'Vendor') && (
          <Button component={Link} to="/vendors/new">
            New vendor
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Ranked by concentration: the services each supplier&apos;s failure takes down, with its group and its
        subcontractors, weighted by tier and by the BIA loss at each service&apos;s RTO.
      </Text>
      {analysis.isError && <Alert color="red">Supplier analysis: {analysis.error.message}</Alert>}
      {analysis.isPending && <Loader aria-label="Ranking the suppliers" />}
      {analysis.isSuccess && (
        <>
          <Ranking suppliers={analysis.data.suppliers} currency={currency} />
          <FourthParties parties={analysis.data.fourthParties} />
        </>
      )}
      <RegisterCard />
    </Stack>
  );
}

function Ranking({ suppliers, currency }: { suppliers: SupplierRow[]; currency: string | undefined }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table aria-label="Suppliers by concentration" verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Supplier</Table.Th>
            <Table.Th ta="right">Score</Table.Th>
            <Table.Th>Services down</Table.Th>
            <Table.Th>Critical functions</Table.Th>
            <Table.Th ta="right">Loss</Table.Th>
            <Table.Th>Substitutability</Table.Th>
            <Table.Th>Exit plan</Table.Th>
            <Table.Th>Contracts</Table.Th>
            <Table.Th>Simulate</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {suppliers.map((supplier) => (
            <Table.Tr key={supplier.id} data-supplier={supplier.id}>
              <Table.Td>
                <Anchor component={Link} to={documentPath('Vendor', supplier.id)}>
                  {supplier.name}
                </Anchor>
                {supplier.subcontractors.length > 0 && (
                  <Text size="xs" c="dimmed">
                    subcontracts {supplier.subcontractors.join(', ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right" data-testid="score">
                {supplier.score.toFixed(2)}
              </Table.Td>
              <Table.Td>
                {supplier.servicesDown.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    none
                  </Text>
                ) : (
                  <Text size="sm">
                    {supplier.servicesDown
                      .map((service) => `${service.id} (tier ${service.tier})`)
                      .join(', ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {supplier.criticalFunctions.length}
                  {supplier.criticalShare !== null && ` (${Math.round(100 * supplier.criticalShare)}%)`}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                {supplier.loss === null || currency === undefined
                  ? '-'
                  : formatMoney(supplier.loss, currency)}
              </Table.Td>
              <Table.Td>
                {supplier.substitutability
                  ? `${supplier.substitutability.level}${supplier.substitutability.reason ? ` (${supplier.substitutability.reason})` : ''}`
                  : '-'}
                {supplier.alternatives.length > 0 && (
                  <Text size="xs" c="dimmed">
                    alternatives: {supplier.alternatives.join(', ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td data-testid="exit-plan">
                <ExitPlan exit={supplier.exitPlan} />
              </Table.Td>
              <Table.Td>
                {supplier.contracts.map((contract) => (
                  <Text size="sm" key={contract.id} c={contract.ended ? 'dimmed' : undefined}>
                    <Anchor component={Link} to={documentPath('Contract', contract.id)} underline="always">
                      {contract.reference}
                    </Anchor>
                    {contract.end && ` to ${contract.end}`}
                    {contract.ended && ' (ended)'}
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/simulator?fail=${encodeURIComponent(supplier.id)}`}
                  aria-label={`Simulate the failure of ${supplier.name}`}
                >
                  Simulate
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** An exit plan's state: the plan and when last tested; overdue (never, or over 12 months ago) in red. */
function ExitPlan({ exit }: { exit: SupplierRow['exitPlan'] }) {
  if (exit === null)
    return (
      <Text size="sm" c="dimmed">
        none
      </Text>
    );
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={documentPath('Plan', exit.plan)} size="sm">
        {exit.plan}
      </Anchor>
      <Group gap={4}>
        <Text size="xs">{exit.lastTested ? `tested ${exit.lastTested}` : 'never tested'}</Text>
        {exit.overdue && (
          <Badge color="red" size="sm">
            overdue
          </Badge>
        )}
      </Group>
    </Stack>
  );
}

function FourthParties({ parties }: { parties: SupplierAnalysis['fourthParties'] }) {
  return (
    <Card withBorder component="section" aria-label="Fourth parties">
      <Title order={2} size="h3" mb="xs">
        Fourth parties
      </Title>
      {parties.length === 0 ? (
        <Text size="sm">No subcontractor is shared by two or more suppliers.</Text>
      ) : (
        <Table aria-label="Subcontractors shared by several suppliers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Subcontractor</Table.Th>
              <Table.Th>Suppliers relying on it</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {parties.map((party) => (
              <Table.Tr key={party.id}>
                <Table.Td>
                  <Anchor component={Link} to={documentPath('Vendor', party.id)}>
                    {party.id}
                  </Anchor>
                </Table.Td>
                <Table.Td>{party.suppliers.join(', ')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
