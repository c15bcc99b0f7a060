/**
 * The register's table: name, category, owner, inherent and residual score against the appetite, decision
 * (with the acceptance's end), ALE and last review; each column header sorts (aria-sort says how).
 */
import { Anchor, Badge, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { documentPath, RefLink } from '../catalog/links';
import { formatDate } from '../util/dates';
import { formatMoney } from './risk-model';
import type { RiskRow, SortKey } from './risk-model';
import { ScoreBadge } from './ScoreBadge';

interface Props {
  rows: readonly RiskRow[];
  appetite: number;
  currency: string;
  sort: SortKey;
  direction: 'asc' | 'desc';
  onSort: (key: SortKey) => void;
  /** Whether the analysis (ALE) has answered; until then the ALE column says so. */
  analysed: boolean;
}

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'category', label: 'Category' },
  { key: 'owner', label: 'Owner' },
  { key: 'score', label: 'Inherent' },
  { key: 'residualScore', label: 'Residual' },
  { key: 'decision', label: 'Decision' },
  { key: 'ale', label: 'ALE' },
  { key: 'lastReviewed', label: 'Last reviewed' },
];

/** A risk's decision, with an accepted risk's end date and an expired acceptance flagged. */
export function DecisionBadge({ row }: { row: Pick<RiskRow, 'decision' | 'acceptance' | 'acceptedUntil'> }) {
  if (row.decision === null)
    return (
      <Badge color="orange" variant="light">
        no treatment
      </Badge>
    );
  if (row.decision !== 'accept')
    return (
      <Badge color="blue" variant="light">
        {row.decision}
      </Badge>
    );
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color="gray" variant="light" data-testid="accepted">
        accepted{row.acceptedUntil ? ` until ${formatDate(row.acceptedUntil)}` : ''}
      </Badge>
      {row.acceptance === 'expired' && (
        <Badge color="red" data-testid="expired">
          expired
        </Badge>
      )}
    </Group>
  );
}

/** The register's table. */
export function RiskTable({ rows, appetite, currency, sort, direction, onSort, analysed }: Props) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover aria-label="Risk register">
        <Table.Thead>
          <Table.Tr>
            {COLUMNS.map((column) => {
              const active = column.key === sort;
              return (
                <Table.Th
                  key={column.key}
                  aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <UnstyledButton onClick={() => onSort(column.key)} fw={700} fz="sm">
                    {column.label}
                    {active ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </UnstyledButton>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-risk={row.id}>
              <Table.Td>
                <Anchor component={Link} to={documentPath('Risk', row.id)}>
                  {row.name}
                </Anchor>
                {row.name !== row.id && (
                  <Text size="xs" c="dimmed">
                    {row.id}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{row.category}</Table.Td>
              <Table.Td>
                <RefLink id={row.owner} kinds={['Team', 'Person']} />
              </Table.Td>
              <Table.Td data-field="score">
                <ScoreBadge score={row.score} appetite={appetite} label="Inherent score" />
              </Table.Td>
              <Table.Td data-field="residual">
                {row.residualScore === null ? (
                  <Text size="sm" c="dimmed">
                    not assessed
                  </Text>
                ) : (
                  <ScoreBadge score={row.residualScore} appetite={appetite} label="Residual score" />
                )}
              </Table.Td>
              <Table.Td data-field="decision">
                <DecisionBadge row={row} />
              </Table.Td>
              <Table.Td data-field="ale" style={{ whiteSpace: 'nowrap' }}>
                {row.ale !== null ? (
                  formatMoney(row.ale, currency)
                ) : (
                  <Text size="sm" c="dimmed">
                    {analysed ? 'no frequency' : '…'}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm">{row.lastReviewed ? formatDate(row.lastReviewed) : 'never'}</Text>
                  {row.reviewDue && (
                    <Badge color="yellow" variant="light" data-testid="review-due">
                      review due
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
