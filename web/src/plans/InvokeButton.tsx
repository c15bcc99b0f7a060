/**
 * "Invoke plan": confirms, declares an incident for the plan's scenario and notifies its call tree, then opens
 * the incident's page, where the call tree shows who was reached and who acknowledged.
 */
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { useInvokePlan } from '../api/call-tree';
import type { PlanDocument } from '../api/plans';
import { notifySuccess } from '../app/notify';

/** The Invoke plan button and its confirmation dialog. */
export function InvokeButton({ plan }: { plan: PlanDocument }) {
  const [opened, { open, close }] = useDisclosure();
  const [summary, setSummary] = useState('');
  const id = plan.metadata.id;
  const invoke = useInvokePlan(id);
  const navigate = useNavigate();
  const contacts = plan.spec.contacts ?? [];
  const first = contacts[0];

  function cancel() {
    invoke.reset();
    close();
  }

  return (
    <>
      <Button color="red" onClick={open}>
        Invoke plan
      </Button>
      <Modal opened={opened} onClose={cancel} title={`Invoke ${plan.metadata.name ?? id}?`}>
        <Stack>
          <Text>
            This declares an incident for the plan's scenario ({plan.spec.scenario.description}) and{' '}
            {first
              ? `emails its call tree in order, starting with ${first.id}; each contact gets a link to acknowledge, and who does not answer in time is escalated.`
              : 'notifies nobody: the plan has no call tree.'}
          </Text>
          <Textarea
            label="What is happening"
            description="Optional; the plan's scenario when empty."
            value={summary}
            onChange={(event) => setSummary(event.currentTarget.value)}
            autosize
            minRows={2}
          />
          {invoke.error && (
            <Alert
              color="red"
              role="alert"
              title={isApiError(invoke.error) ? invoke.error.problem.title : 'Error'}
            >
              {invoke.error.message}
            </Alert>
          )}
          <Group justify="end">
            <Button variant="default" onClick={cancel}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={invoke.isPending}
              onClick={() =>
                invoke.mutate(summary.trim() || undefined, {
                  onSuccess: ({ incident, notified }) => {
                    close();
                    notifySuccess(
                      `Declared ${incident.metadata.id}; notified ${notified.length === 0 ? 'nobody' : notified.map((person) => person.name).join(', ')}`,
                    );
                    void navigate(`/incidents/${encodeURIComponent(incident.metadata.id)}`);
                  },
                })
              }
            >
              Invoke and notify
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
