/** The dashboard's risks above the appetite without a treatment in force, each with why and a link to it. */
import { Alert, Anchor, Card, Group, List, Loader, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { documentPath } from '../catalog/links';
import { untreatedReason } from '../risk/risk-model';
import type { RiskRow } from '../risk/risk-model';

/** "Above the appetite without treatment": `rows` undefined while loading. */
export function UntreatedRisksCard(props: {
  rows: readonly RiskRow[] | undefined;
  appetite: number | undefined;
  error?: string | undefined;
}) {
  const untreated = (props.rows ?? []).flatMap((row) => {
    const reason = untreatedReason(row);
    return reason === null ? [] : [{ row, reason }];
  });
  return (
    <Card withBorder component="section" aria-label="Risks above the appetite without treatment" h="100%">
      <Group justify="space-between" mb="xs">
        <Title order={3}>Above the appetite, untreated</Title>
        <Anchor component={Link} to="/risks?above=yes" size="sm">
          all above the appetite
        </Anchor>
      </Group>
      {props.error && <Alert color="red">Risks: {props.error}</Alert>}
      {!props.error && !props.rows && <Loader size="sm" aria-label="Loading the risks" />}
      {props.rows && untreated.length === 0 && (
        <Text c="green">None: every risk over the appetite ({props.appetite}) is treated or accepted.</Text>
      )}
      {untreated.length > 0 && (
        <List spacing={4} aria-label="Untreated risks above the appetite">
          {untreated.map(({ row, reason }) => (
            <List.Item key={row.id} data-risk={row.id}>
              <Anchor component={Link} to={documentPath('Risk', row.id)}>
                {row.name}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                score {row.currentScore}: {reason}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}
