/**
 * Model calibration on an exercise's page: each node's predicted against achieved time (the most optimistic
 * first), and the catalog durations the exercise measured that differ from the catalog's. A manager chooses
 * changes and applies them after a confirmation listing each (old -> new); the page then says what changed.
 */
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Calibration } from '../../../src/exercises/analysis.ts';
import { PLAN_PHASES } from '../../../src/catalog/kinds.schema.ts';
import { isApiError } from '../api/client';
import { PLURAL_OF } from '../api/catalog';
import type { Kind } from '../api/catalog';
import { useDocumentsById } from '../api/documents';
import { canCalibrate, useApplyCalibration, useCalibration } from '../api/exercises';
import type {
  AppliedCalibration,
  ExerciseDocument,
  NodeCalibration,
  StepCalibration,
} from '../api/exercises';
import { useSession } from '../api/queries';
import { notifySuccess } from '../app/notify';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { NamedLink } from '../incidents/NamedLink';
import { Section } from '../risk/RiskSections';
import { formatDuration } from '../util/duration';
import { minutesText } from './ExerciseResults';

const stepKey = (row: { plan: string; step: string }) => `${row.plan}/${row.step}`;
const durationText = (minutes: number | null) => (minutes === null ? 'none' : formatDuration(minutes));

/** The section: the analysis's calibration list, then the proposal. */
export function ExerciseCalibration({
  exercise,
  calibration,
}: {
  exercise: ExerciseDocument;
  calibration: readonly Calibration[] | undefined;
}) {
  return (
    <Section title="Model calibration">
      <Stack>
        <Title order={3} size="h5">
          Predicted against achieved
        </Title>
        {calibration === undefined ? (
          <Loader size="sm" aria-label="Loading the calibration" />
        ) : calibration.length === 0 ? (
          <Text size="sm" c="dimmed">
            No node has both a predicted and an achieved time.
          </Text>
        ) : (
          <CalibrationList calibration={calibration} />
        )}
        <Title order={3} size="h5">
          Measured durations
        </Title>
        {exercise.spec.status === 'done' ? (
          <Proposal exercise={exercise} />
        ) : (
          <Text size="sm" c="dimmed">
            Nothing is measured until the exercise is done.
          </Text>
        )}
      </Stack>
    </Section>
  );
}

/** predicted / achieved per node: below 1 the catalog was optimistic. */
function CalibrationList({ calibration }: { calibration: readonly Calibration[] }) {
  return (
    <Table aria-label="Predicted against achieved" data-testid="calibration-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Node</Table.Th>
          <Table.Th>Predicted</Table.Th>
          <Table.Th>Achieved</Table.Th>
          <Table.Th>Predicted / achieved</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {calibration.map((row) => (
          <Table.Tr key={row.id} data-node={row.id}>
            <Table.Td>
              <NamedLink id={row.id} kinds={FAILURE_KINDS} size="sm" />
            </Table.Td>
            <Table.Td>{minutesText(row.predictedMinutes)}</Table.Td>
            <Table.Td>{minutesText(row.achievedMinutes)}</Table.Td>
            <Table.Td>
              <Text size="sm" c={row.ratio < 1 ? 'red' : undefined}>
                {row.ratio.toFixed(2)}
                {row.ratio < 1 ? ' (optimistic)' : row.ratio > 1 ? ' (pessimistic)' : ''}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The proposal, with choices and the apply button for a manager. */
function Proposal({ exercise }: { exercise: ExerciseDocument }) {
  const id = exercise.metadata.id;
  const session = useSession();
  const proposal = useCalibration(id);
  const apply = useApplyCalibration(id);
  const [opened, { open, close }] = useDisclosure();
  const [nodes, setNodes] = useState<ReadonlySet<string>>(new Set());
  const [steps, setSteps] = useState<ReadonlySet<string>>(new Set());
  const [applied, setApplied] = useState<AppliedCalibration | undefined>();
  const planIds = [...new Set(proposal.data?.steps.map((row) => row.plan) ?? [])];
  const planDocuments = useDocumentsById(planIds);
  const mayApply = canCalibrate(session.data);

  /** "Promote the York replica (plan-dc-leeds-loss)": the step's title from its plan, else its id. */
  function stepName(row: { plan: string; step: string }): string {
    const plan = planDocuments[planIds.indexOf(row.plan)];
    const step =
      plan?.kind === 'Plan'
        ? PLAN_PHASES.flatMap((phase) => plan.spec.phases?.[phase] ?? []).find((s) => s.id === row.step)
        : undefined;
    return step ? `${step.title} (${row.step})` : row.step;
  }

  if (proposal.isPending) return <Loader size="sm" aria-label="Loading the measured durations" />;
  if (proposal.isError) return <Alert color="red">{proposal.error.message}</Alert>;
  const chosenNodes = proposal.data.nodes.filter((row) => nodes.has(row.id));
  const chosenSteps = proposal.data.steps.filter((row) => steps.has(stepKey(row)));
  const chosen = chosenNodes.length + chosenSteps.length;
  const toggle = (set: ReadonlySet<string>, key: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(key);
    else next.delete(key);
    return next;
  };

  function cancel() {
    apply.reset();
    close();
  }
  function confirm() {
    apply.mutate(
      {
        nodes: chosenNodes.map((row) => row.id),
        steps: chosenSteps.map(({ plan, step }) => ({ plan, step })),
      },
      {
        onSuccess: (answer) => {
          setApplied(answer);
          setNodes(new Set());
          setSteps(new Set());
          close();
          notifySuccess(`Applied ${answer.nodes.length + answer.steps.length} measured duration(s)`);
        },
      },
    );
  }

  return (
    <Stack>
      {applied && (
        <AppliedChanges applied={applied} stepName={stepName} onClose={() => setApplied(undefined)} />
      )}
      {proposal.data.nodes.length === 0 && proposal.data.steps.length === 0 ? (
        <Text size="sm" c="dimmed">
          Every duration the exercise measured is what the catalog already says.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            What the exercise measured where the catalog says otherwise, the most optimistic first. A node is
            timed from when the last of its down dependencies was back; a step from its start to its finish.
          </Text>
          {proposal.data.nodes.length > 0 && (
            <Table aria-label="Measured node durations" data-testid="calibration-nodes">
              <Table.Thead>
                <Table.Tr>
                  {mayApply && <Table.Th w={40}>Apply</Table.Th>}
                  <Table.Th>Node</Table.Th>
                  <Table.Th>Field</Table.Th>
                  <Table.Th>Catalog</Table.Th>
                  <Table.Th>Measured</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {proposal.data.nodes.map((row) => (
                  <Table.Tr key={row.id} data-node={row.id}>
                    {mayApply && (
                      <Table.Td>
                        <Checkbox
                          aria-label={`Apply the measured ${row.field} of ${row.id}`}
                          checked={nodes.has(row.id)}
                          onChange={(event) => setNodes(toggle(nodes, row.id, event.currentTarget.checked))}
                        />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <NamedLink id={row.id} kinds={FAILURE_KINDS} size="sm" />
                    </Table.Td>
                    <Table.Td>{row.field}</Table.Td>
                    <Table.Td data-field="current">{durationText(row.currentMinutes)}</Table.Td>
                    <Table.Td data-field="measured">{formatDuration(row.measuredMinutes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {proposal.data.steps.length > 0 && (
            <Table aria-label="Measured step durations" data-testid="calibration-steps">
              <Table.Thead>
                <Table.Tr>
                  {mayApply && <Table.Th w={40}>Apply</Table.Th>}
                  <Table.Th>Plan</Table.Th>
                  <Table.Th>Step</Table.Th>
                  <Table.Th>Plan says</Table.Th>
                  <Table.Th>Measured</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {proposal.data.steps.map((row) => (
                  <Table.Tr key={stepKey(row)} data-step={row.step}>
                    {mayApply && (
                      <Table.Td>
                        <Checkbox
                          aria-label={`Apply the measured duration of step ${row.step}`}
                          checked={steps.has(stepKey(row))}
                          onChange={(event) =>
                            setSteps(toggle(steps, stepKey(row), event.currentTarget.checked))
                          }
                        />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <NamedLink id={row.plan} kinds={['Plan']} size="sm" />
                    </Table.Td>
                    <Table.Td>{stepName(row)}</Table.Td>
                    <Table.Td data-field="current">{durationText(row.currentMinutes)}</Table.Td>
                    <Table.Td data-field="measured">{formatDuration(row.measuredMinutes)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {mayApply && (
            <Group>
              <Button onClick={open} disabled={chosen === 0}>
                Apply measured durations
              </Button>
              <Text size="xs" c="dimmed">
                {chosen === 0 ? 'Choose the changes to apply.' : `${chosen} change(s) chosen.`}
              </Text>
            </Group>
          )}
        </>
      )}
      <Modal opened={opened} onClose={cancel} title="Apply the measured durations?">
        <Stack>
          <Text size="sm">
            These changes are written to the catalog in your name, as one change: every analysis then uses
            them.
          </Text>
          <ChangeList nodes={chosenNodes} steps={chosenSteps} stepName={stepName} label="Changes to apply" />
          {apply.error && (
            <Alert
              color="red"
              role="alert"
              title={isApiError(apply.error) ? apply.error.problem.title : 'Error'}
            >
              {apply.error.message}
            </Alert>
          )}
          <Group justify="end">
            <Button variant="default" onClick={cancel}>
              Cancel
            </Button>
            <Button loading={apply.isPending} onClick={confirm}>
              Apply {chosen} change{chosen === 1 ? '' : 's'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** Each change as "what: old -> new". */
function ChangeList({
  nodes,
  steps,
  stepName,
  label,
}: {
  nodes: readonly NodeCalibration[];
  steps: readonly StepCalibration[];
  stepName: (row: StepCalibration) => string;
  label: string;
}) {
  return (
    <List size="sm" aria-label={label}>
      {nodes.map((row) => (
        <List.Item key={row.id}>
          {row.id} {row.field}: {durationText(row.currentMinutes)} -&gt; {formatDuration(row.measuredMinutes)}
        </List.Item>
      ))}
      {steps.map((row) => (
        <List.Item key={stepKey(row)}>
          {row.plan}, step {stepName(row)}: {durationText(row.currentMinutes)} -&gt;{' '}
          {formatDuration(row.measuredMinutes)}
        </List.Item>
      ))}
    </List>
  );
}

/** What the last apply wrote, with links to the documents changed. */
function AppliedChanges({
  applied,
  stepName,
  onClose,
}: {
  applied: AppliedCalibration;
  stepName: (row: StepCalibration) => string;
  onClose: () => void;
}) {
  return (
    <Alert
      color="green"
      title="Measured durations applied"
      withCloseButton
      onClose={onClose}
      data-testid="applied"
    >
      <Stack gap="xs">
        <ChangeList nodes={applied.nodes} steps={applied.steps} stepName={stepName} label="Changes applied" />
        <Group gap="sm">
          <Text size="sm">Changed:</Text>
          {applied.documents.map((document) => (
            <Anchor
              key={document.id}
              component={Link}
              size="sm"
              to={`/${PLURAL_OF[document.kind as Kind]}/${encodeURIComponent(document.id)}`}
            >
              {document.id} (version {document.version})
            </Anchor>
          ))}
        </Group>
      </Stack>
    </Alert>
  );
}
