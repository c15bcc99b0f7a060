/** Open corrective actions across incidents, soonest due first, overdue ones flagged and counted. */
import { Alert, Anchor, Button, Card, Group, Loader, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ActionItem } from '../api/incidents';
import { ActionsTable } from '../incidents/ActionsTable';

const SHOWN = 10;

/**
 * The "Open incident actions" card of the dashboard; each action links to its incident, and the card to the
 * actions page, which adds the actions of risks and exercises.
 */
export function OpenActionsCard({ actions }: { actions: UseQueryResult<ActionItem[]> }) {
  const [showAll, setShowAll] = useState(false);
  const list = actions.data ?? [];
  const overdue = list.filter((action) => action.overdue).length;
  const shown = showAll ? list : list.slice(0, SHOWN);
  return (
    <Card withBorder component="section" aria-label="Open incident actions">
      <Group justify="space-between" mb="xs">
        <Title order={3}>Open incident actions</Title>
        <Anchor component={Link} to="/actions" size="sm">
          all actions (risks and exercises too)
        </Anchor>
      </Group>
      {actions.isPending && <Loader size="sm" aria-label="Loading the open actions" />}
      {actions.isError && <Alert color="red">Open actions: {actions.error.message}</Alert>}
      {actions.isSuccess && list.length === 0 && <Text c="green">None: every action is done.</Text>}
      {list.length > 0 && (
        <>
          <Text size="sm" mb="xs" data-testid="actions-summary">
            {list.length} open
            {overdue > 0 && (
              <Text span c="red" fw={600}>
                , {overdue} overdue
              </Text>
            )}
          </Text>
          <ActionsTable actions={shown} label="Open incident actions" showIncident showStatus={false} />
          {list.length > shown.length && (
            <Button variant="subtle" mt="xs" onClick={() => setShowAll(true)}>
              Show all {list.length}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
