/** The dashboard's top risks by annualised loss expectancy, each linked to its page. */
import { Alert, Anchor, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { documentPath } from '../catalog/links';
import { formatMoney, topByAle } from '../risk/risk-model';
import type { RiskRow } from '../risk/risk-model';

/** How many risks the card lists. */
const SHOWN = 5;

/** "Top risks by ALE": `rows` undefined while loading. */
export function TopRisksCard(props: {
  rows: readonly RiskRow[] | undefined;
  currency: string | undefined;
  error?: string | undefined;
}) {
  const top = props.rows ? topByAle(props.rows, SHOWN) : [];
  const money = (amount: number | null) =>
    amount === null || props.currency === undefined ? '–' : formatMoney(amount, props.currency);
  return (
    <Card withBorder component="section" aria-label="Top risks by ALE" h="100%">
      <Group justify="space-between" mb="xs">
        <Title order={3}>Top risks by expected annual loss</Title>
        <Anchor component={Link} to="/risks?sort=ale" size="sm">
          the register
        </Anchor>
      </Group>
      {props.error && <Alert color="red">Risks: {props.error}</Alert>}
      {!props.error && !props.rows && <Loader size="sm" aria-label="Quantifying the risks" />}
      {props.rows && top.length === 0 && (
        <Text c="dimmed">No quantified risk: give risks a frequency to see what they would cost a year.</Text>
      )}
      {top.length > 0 && (
        <Table.ScrollContainer minWidth={360}>
          <Table aria-label="Top risks by ALE">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Risk</Table.Th>
                <Table.Th ta="right">ALE</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {top.map((row) => (
                <Table.Tr key={row.id} data-risk={row.id}>
                  <Table.Td>
                    <Anchor component={Link} to={documentPath('Risk', row.id)}>
                      {row.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-field="ale">
                    {money(row.ale)}
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
