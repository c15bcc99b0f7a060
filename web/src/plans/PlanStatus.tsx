/** Where a plan stands: draft, approved or retired, by whom and when, and whether it is due for review. */
import { Alert, Anchor, Badge, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { DuePlan, PlanDocument, PlanVersionSummary } from '../api/plans';
import { formatDate, formatInstant } from '../util/dates';

const STATUS_COLOURS = { draft: 'gray', approved: 'green', retired: 'dark' } as const;

/** The plan's status as a badge (a plan without one is a draft). */
export function StatusBadge({ plan }: { plan: PlanDocument }) {
  const status = plan.spec.status ?? 'draft';
  return (
    <Badge color={STATUS_COLOURS[status]} data-testid="plan-status">
      {status}
    </Badge>
  );
}

/** How many reasons show before "show all": a changed catalog can give dozens. */
const FIRST_REASONS = 3;

function ReviewReasons({ reasons }: { reasons: readonly string[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? reasons : reasons.slice(0, FIRST_REASONS);
  return (
    <Alert color="yellow" variant="light" title="Due for review" data-testid="review-due" p="xs">
      <List size="sm">
        {shown.map((reason) => (
          <List.Item key={reason}>{reason}</List.Item>
        ))}
      </List>
      {reasons.length > FIRST_REASONS && (
        <Anchor component="button" type="button" size="sm" onClick={() => setAll(!all)}>
          {all ? 'Show fewer reasons' : `Show all ${reasons.length} reasons`}
        </Anchor>
      )}
    </Alert>
  );
}

/** Approval and review, in words. */
export function PlanStatus({
  plan,
  latest,
  due,
}: {
  plan: PlanDocument;
  /** The newest frozen version, when there is one. */
  latest: PlanVersionSummary | undefined;
  /** The plan's entry in the due list (undefined when not due; null while the list loads or failed). */
  due: DuePlan | undefined | null;
}) {
  const { spec } = plan;
  return (
    <Stack gap={6} data-testid="plan-approval">
      {spec.status === 'approved' && spec.approvedAt ? (
        <Text size="sm">
          Approved by <b>{spec.approvedBy}</b> on{' '}
          <time dateTime={spec.approvedAt}>{formatInstant(spec.approvedAt)}</time>
          {latest && ` as version ${latest.number}`}.
        </Text>
      ) : (
        <Text size="sm">
          {spec.status === 'retired' ? 'Retired' : 'Not approved'}
          {latest
            ? `: changed since version ${latest.number} was approved by ${latest.approvedBy} on ${formatDate(latest.approvedAt)}.`
            : ': no version has been approved yet.'}
        </Text>
      )}
      {due === null ? null : due ? (
        <ReviewReasons reasons={due.reasons} />
      ) : (
        <Text size="sm" data-testid="review-ok">
          Not due for review
          {spec.lastReviewed && `: last reviewed ${formatDate(spec.lastReviewed)}`}, reviewed every{' '}
          {spec.reviewInterval ?? '52w'}.
        </Text>
      )}
    </Stack>
  );
}
