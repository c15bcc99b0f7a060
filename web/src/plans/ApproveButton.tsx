/**
 * "Approve": confirms, approves the plan at the version on screen and shows the server's refusal when there is one
 * (a 409 when someone changed the plan meanwhile).
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { isApiError } from '../api/client';
import { useApprovePlan } from '../api/plans';
import type { PlanDocument } from '../api/plans';
import { notifySuccess } from '../app/notify';

/** The Approve button and its confirmation dialog; `nextVersion` is the number approval will freeze. */
export function ApproveButton({ plan, nextVersion }: { plan: PlanDocument; nextVersion: number }) {
  const [opened, { open, close }] = useDisclosure();
  const id = plan.metadata.id;
  const approve = useApprovePlan(id);
  const error = approve.error;

  function cancel() {
    approve.reset();
    close();
  }

  return (
    <>
      <Button color="green" onClick={open}>
        Approve
      </Button>
      <Modal opened={opened} onClose={cancel} title={`Approve ${plan.metadata.name ?? id}?`}>
        <Stack>
          <Text>
            {plan.spec.status === 'approved'
              ? `The plan is already approved as it stands; approving it again (after a review, say) records your approval and freezes the same content as version ${nextVersion}.`
              : `This approves the plan as it stands, in your name, and freezes it as version ${nextVersion}. Editing it afterwards makes it a draft again.`}
          </Text>
          {error && (
            <Alert color="red" role="alert" title={isApiError(error) ? error.problem.title : 'Error'}>
              {error.message}
            </Alert>
          )}
          <Group justify="end">
            <Button variant="default" onClick={cancel}>
              Cancel
            </Button>
            <Button
              color="green"
              loading={approve.isPending}
              onClick={() =>
                // The version on screen is the one reviewed; the server refuses it once the plan has moved on.
                approve.mutate(plan.metadata.version, {
                  onSuccess: ({ version }) => {
                    close();
                    notifySuccess(`Approved ${id}: version ${version.number}`);
                  },
                })
              }
            >
              Approve version {nextVersion}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
