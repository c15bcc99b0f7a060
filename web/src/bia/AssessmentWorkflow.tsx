/**
 * An assessment's workflow, by role and state: the owner submits a draft; a manager approves it or returns it with
 * a comment, which the owner then reads on the page. Each step names the version on screen, so nobody approves
 * or returns what they have not seen (the server answers 409 otherwise).
 */
import { Alert, Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { canWrite } from '../api/auth';
import type { User } from '../api/auth';
import { useAssessmentWorkflow } from '../api/bia';
import type { AssessmentDocument, AssessmentEvent } from '../api/bia';
import { isApiError } from '../api/client';
import { canApprove } from '../api/plans';
import { notifySuccess } from '../app/notify';
import { formatInstant } from '../util/dates';

const STATE_COLOURS = { draft: 'gray', submitted: 'blue', approved: 'green' } as const;

/** The derived state as a badge (an assessment without one is a draft). */
export function AssessmentStateBadge({ state }: { state: string | undefined }) {
  const shown = state ?? 'draft';
  return (
    <Badge
      color={STATE_COLOURS[shown as keyof typeof STATE_COLOURS] ?? 'gray'}
      data-testid="assessment-status"
    >
      {shown}
    </Badge>
  );
}

function Refusal({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={isApiError(error) ? error.problem.title : 'Error'}>
      {error.message}
    </Alert>
  );
}

/** Submit, Approve and Return, as the role and the state allow; `dirty` holds them back while edits are unsaved. */
export function WorkflowButtons({
  assessment,
  user,
  dirty,
}: {
  assessment: AssessmentDocument;
  user: User | null | undefined;
  dirty: boolean;
}) {
  const workflow = useAssessmentWorkflow(assessment);
  const [approveOpen, approveDialog] = useDisclosure();
  const [returnOpen, returnDialog] = useDisclosure();
  const [comment, setComment] = useState('');
  const state = assessment.spec.status ?? 'draft';
  const id = assessment.metadata.id;
  const manager = canApprove(user);
  const mayWrite = canWrite(user, 'ImpactAssessment');
  const title = dirty ? 'Save your changes first' : undefined;

  const close = () => {
    workflow.reset();
    approveDialog.close();
    returnDialog.close();
  };

  return (
    <>
      {mayWrite && state === 'draft' && (
        <Button
          disabled={dirty}
          title={title}
          loading={workflow.isPending && workflow.variables.action === 'submit'}
          onClick={() =>
            workflow.mutate(
              { action: 'submit' },
              { onSuccess: () => notifySuccess(`Submitted ${id} for approval`) },
            )
          }
        >
          Submit for approval
        </Button>
      )}
      {manager && state !== 'approved' && (
        <Button color="green" disabled={dirty} title={title} onClick={approveDialog.open}>
          Approve
        </Button>
      )}
      {manager && state === 'submitted' && (
        <Button color="orange" variant="light" disabled={dirty} title={title} onClick={returnDialog.open}>
          Return
        </Button>
      )}
      {/* A submit refused shows here, as the button has no dialog. */}
      {!approveOpen && !returnOpen && workflow.isError && workflow.variables.action === 'submit' && (
        <Refusal error={workflow.error} />
      )}
      <Modal opened={approveOpen} onClose={close} title={`Approve ${assessment.metadata.name ?? id}?`}>
        <Stack>
          <Text>
            This approves the assessment as it stands (version {assessment.metadata.version}), in your name,
            and freezes it. Editing it afterwards makes it a draft again.
          </Text>
          <Refusal error={workflow.error} />
          <Group justify="end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="green"
              loading={workflow.isPending}
              onClick={() =>
                workflow.mutate(
                  { action: 'approve' },
                  {
                    onSuccess: () => {
                      close();
                      notifySuccess(`Approved ${id}`);
                    },
                  },
                )
              }
            >
              Approve this assessment
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={returnOpen} onClose={close} title={`Return ${assessment.metadata.name ?? id}?`}>
        <Stack>
          <Text>The owner reads your comment on the assessment and submits it again once it is changed.</Text>
          <Textarea
            label="Comment"
            required
            autosize
            minRows={3}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
          />
          <Refusal error={workflow.error} />
          <Group justify="end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              color="orange"
              disabled={comment.trim() === ''}
              loading={workflow.isPending}
              onClick={() =>
                workflow.mutate(
                  { action: 'return', comment: comment.trim() },
                  {
                    onSuccess: () => {
                      close();
                      setComment('');
                      notifySuccess(`Returned ${id} to its owner`);
                    },
                  },
                )
              }
            >
              Return with this comment
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * The latest return, while it still stands (nothing was submitted or approved after it): who returned the
 * assessment, when, and their comment.
 */
export function ReturnedNotice({ events }: { events: readonly AssessmentEvent[] }) {
  const last = events.at(-1);
  if (last?.action !== 'returned') return null;
  return (
    <Alert color="orange" title="Returned for changes" data-testid="returned-comment">
      <Text size="sm">
        {last.actor} returned it on <time dateTime={last.at}>{formatInstant(last.at)}</time>
        {last.comment ? ':' : '.'}
      </Text>
      {last.comment && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} fs="italic">
          {last.comment}
        </Text>
      )}
    </Alert>
  );
}

/** The workflow history as a list: submitted, returned (with the comment), approved. */
export function WorkflowHistory({ events }: { events: readonly AssessmentEvent[] }) {
  if (events.length === 0) return <Text size="sm">Not submitted yet.</Text>;
  return (
    <Stack gap={4} data-testid="workflow-history">
      {events.map((event, index) => (
        <Text size="sm" key={`${event.at}-${index}`}>
          <time dateTime={event.at}>{formatInstant(event.at)}</time>: <b>{event.action}</b> by {event.actor}
          {event.version !== undefined && ` (version ${event.version})`}
          {event.comment && `: “${event.comment}”`}
        </Text>
      ))}
    </Stack>
  );
}
