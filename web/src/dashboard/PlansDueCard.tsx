/** Plans due for review, with why each is due, linked to the plan. */
import { Alert, Anchor, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { DuePlan } from '../api/incidents';
import { documentPath } from '../catalog/links';

// A plan whose services depend on most of the estate has a reason per changed document: the first few say enough.
const REASONS_SHOWN = 2;

function DuePlanItem({ plan }: { plan: DuePlan }) {
  const [expanded, setExpanded] = useState(false);
  const reasons = expanded ? plan.reasons : plan.reasons.slice(0, REASONS_SHOWN);
  const more = plan.reasons.length - reasons.length;
  return (
    <li data-plan={plan.id}>
      <Anchor component={Link} to={documentPath('Plan', plan.id)} fw={600}>
        {plan.name}
      </Anchor>
      <List size="sm" c="dimmed" aria-label={`Why ${plan.name} is due`}>
        {reasons.map((reason) => (
          <List.Item key={reason}>{reason}</List.Item>
        ))}
      </List>
      {more > 0 && (
        <Button variant="subtle" size="compact-xs" onClick={() => setExpanded(true)}>
          {more} more {more === 1 ? 'reason' : 'reasons'}
        </Button>
      )}
    </li>
  );
}

/** The "Plans due for review" card of the dashboard. */
export function PlansDueCard({ due }: { due: UseQueryResult<DuePlan[]> }) {
  return (
    <Card withBorder component="section" aria-label="Plans due for review">
      <Group justify="space-between" mb="xs">
        <Title order={3}>Plans due for review</Title>
        <Anchor component={Link} to="/plans" size="sm">
          all plans
        </Anchor>
      </Group>
      {due.isPending && <Loader size="sm" aria-label="Loading the plans due for review" />}
      {due.isError && <Alert color="red">Plans due for review: {due.error.message}</Alert>}
      {due.isSuccess && due.data.length === 0 && (
        <Text c="green">None: every plan was reviewed on time.</Text>
      )}
      {due.isSuccess && due.data.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {due.data.map((plan) => (
            <DuePlanItem key={plan.id} plan={plan} />
          ))}
        </Stack>
      )}
    </Card>
  );
}
