/**
 * Suggested risks: the single points of failure under tier 1 and 2 services that no Risk covers yet, as the
 * analysis ranks them (most services taken down first). A manager turns one into a Risk in one step: the dialog
 * comes prefilled (scenario = the node, category technical, the node's owner, today's review) and, for "accept",
 * asks who accepts it, on which day, until when.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { canWrite } from '../api/auth';
import type { FieldError } from '../api/client';
import { isApiError } from '../api/client';
import { useDocumentsById } from '../api/documents';
import { useSession } from '../api/queries';
import { useCreateRisk } from '../api/risk';
import type { EffectivePolicy, RiskAnalysis } from '../api/risk';
import { notifySuccess } from '../app/notify';
import { UnplacedErrors } from '../catalog/ConflictAlert';
import { documentPath } from '../catalog/links';
import { RefSelect } from '../catalog/RefSelect';
import { addDays } from '../../../src/plans/review.ts';
import { levelName, riskFromSuggestion } from './risk-model';
import type { SuggestionDecision } from './risk-model';

type Suggestion = RiskAnalysis['suggested'][number];

/** How many suggestions show before "Show more", and how many services a row names. */
const PAGE = 20;
const SERVICES_SHOWN = 5;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The suggested risks section of the register. */
export function SuggestedRisks({
  suggested,
  policy,
}: {
  suggested: readonly Suggestion[];
  policy: EffectivePolicy;
}) {
  const session = useSession();
  const [shown, setShown] = useState(PAGE);
  const [open, setOpen] = useState<Suggestion | null>(null);
  const visible = suggested.slice(0, shown);
  const nodes = useDocumentsById(visible.map((entry) => entry.node));
  const services = useDocumentsById([
    ...new Set(visible.flatMap((entry) => entry.services.slice(0, SERVICES_SHOWN))),
  ]);
  const serviceName = new Map(
    services.flatMap((document) => (document ? [[document.metadata.id, document.metadata.name]] : [])),
  );
  const mayWrite = canWrite(session.data, 'Risk');

  return (
    <Card withBorder component="section" aria-label="Suggested risks">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3">
          Suggested risks: single points of failure
        </Title>
        <Text c={suggested.length > 0 ? 'red' : 'green'} fw={600} data-testid="suggested-count">
          {suggested.length} not yet in the register
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        Each node here takes a tier 1 or 2 service down alone, and no risk names it in its scenario. Remove
        it, or record the decision: a risk accepted by a named person until a date.
      </Text>
      {suggested.length === 0 ? (
        <Text c="green">
          None: every single point of failure under a critical service is in the register.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Suggested risks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Single point of failure</Table.Th>
                <Table.Th>Services it takes down</Table.Th>
                {mayWrite && <Table.Th>Decision</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visible.map((entry, index) => {
                const node = nodes[index];
                const name = node?.metadata.name ?? entry.node;
                return (
                  <Table.Tr key={entry.node} data-node={entry.node}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {node ? (
                          <Anchor component={Link} to={documentPath(node.kind, entry.node)}>
                            {name}
                          </Anchor>
                        ) : (
                          <Text>{name}</Text>
                        )}
                        {node && (
                          <Text size="xs" c="dimmed">
                            {node.kind}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={8}>
                        <Badge variant="light" color="red" style={{ flexShrink: 0 }}>
                          {entry.services.length}
                        </Badge>
                        {entry.services.slice(0, SERVICES_SHOWN).map((service) => (
                          <Anchor
                            key={service}
                            component={Link}
                            to={documentPath('Service', service)}
                            size="sm"
                          >
                            {serviceName.get(service) ?? service}
                          </Anchor>
                        ))}
                        {entry.services.length > SERVICES_SHOWN && (
                          <Anchor
                            component={Link}
                            to={`/map?around=${encodeURIComponent(entry.node)}`}
                            size="sm"
                          >
                            and {entry.services.length - SERVICES_SHOWN} more on the map
                          </Anchor>
                        )}
                      </Group>
                    </Table.Td>
                    {mayWrite && (
                      <Table.Td>
                        <Button size="xs" variant="light" onClick={() => setOpen(entry)}>
                          Record as a risk<VisuallyHidden>: {name}</VisuallyHidden>
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {suggested.length > shown && (
        <Button variant="default" mt="xs" onClick={() => setShown(shown + PAGE)}>
          Show more ({suggested.length - shown} left)
        </Button>
      )}
      {open && (
        <RecordRiskDialog
          key={open.node}
          suggestion={open}
          nodeName={nodes[visible.indexOf(open)]?.metadata.name ?? open.node}
          nodeOwner={ownerOf(nodes[visible.indexOf(open)]?.spec)}
          policy={policy}
          onClose={() => setOpen(null)}
        />
      )}
    </Card>
  );
}

function ownerOf(spec: unknown): string | undefined {
  const owner = (spec as { owner?: unknown } | undefined)?.owner;
  return typeof owner === 'string' ? owner : undefined;
}

const DECISIONS = [
  { value: 'accept', label: 'Accept it (until a date)' },
  { value: 'mitigate', label: 'Mitigate it' },
  { value: 'transfer', label: 'Transfer it' },
  { value: 'avoid', label: 'Avoid it' },
];

/** The one-step dialog: the Risk prefilled, the acceptance asked for when the decision is accept. */
function RecordRiskDialog(props: {
  suggestion: Suggestion;
  nodeName: string;
  nodeOwner: string | undefined;
  policy: EffectivePolicy;
  onClose: () => void;
}) {
  const { suggestion, policy } = props;
  const day = today();
  const [owner, setOwner] = useState(props.nodeOwner);
  const [likelihood, setLikelihood] = useState('2');
  const [impact, setImpact] = useState(String(Math.min(4, policy.risk.impact.length)));
  const [decision, setDecision] = useState<SuggestionDecision['decision']>('accept');
  const [by, setBy] = useState<string | undefined>(undefined);
  const [on, setOn] = useState(day);
  const [until, setUntil] = useState(addDays(day, 365));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const create = useCreateRisk();
  const errorOf = (path: string) =>
    errors
      .filter((error) => error.path === path || error.path.startsWith(`${path}.`))
      .map((error) => error.message)
      .join('; ') || undefined;
  const placed = ['spec.owner', 'spec.acceptance', 'spec.likelihood', 'spec.impact'];
  const unplaced = errors.filter((error) => !placed.some((path) => error.path.startsWith(path)));

  const submit = () => {
    setErrors([]);
    const document = riskFromSuggestion({
      node: suggestion.node,
      nodeName: props.nodeName,
      services: suggestion.services,
      owner: owner ?? '',
      likelihood: Number(likelihood),
      impact: Number(impact),
      decision,
      acceptance: decision === 'accept' ? { by: by ?? '', on, until } : undefined,
      today: day,
    });
    create.mutate(document, {
      onSuccess: (saved) => {
        notifySuccess(`Recorded ${saved.metadata.name ?? saved.metadata.id}`);
        props.onClose();
      },
      onError: (error) => {
        // Field errors land on their field; anything else shows as the server's detail below the form.
        if (isApiError(error) && error.problem.errors?.length) setErrors(error.problem.errors);
      },
    });
  };

  const levels = (scale: EffectivePolicy['risk']['likelihood']) =>
    scale.map((level) => ({ value: String(level.level), label: levelName(scale, level.level) }));

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={`Record ${props.nodeName} as a risk`}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form
        aria-label={`Record ${props.nodeName} as a risk`}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Text size="sm">
            Scenario: {props.nodeName} fails, taking down {suggestion.services.length}{' '}
            {suggestion.services.length === 1 ? 'service' : 'services'}. Category: technical.
          </Text>
          <UnplacedErrors errors={unplaced} />
          <RefSelect
            label="Owner"
            kinds={['Team', 'Person']}
            value={owner}
            onChange={setOwner}
            required
            error={errorOf('spec.owner')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Likelihood"
              required
              data={levels(policy.risk.likelihood)}
              value={likelihood}
              onChange={(value) => value && setLikelihood(value)}
              allowDeselect={false}
              error={errorOf('spec.likelihood')}
            />
            <Select
              label="Impact"
              required
              data={levels(policy.risk.impact)}
              value={impact}
              onChange={(value) => value && setImpact(value)}
              allowDeselect={false}
              error={errorOf('spec.impact')}
            />
          </SimpleGrid>
          <Select
            label="Decision"
            required
            data={DECISIONS}
            value={decision}
            onChange={(value) => value && setDecision(value as SuggestionDecision['decision'])}
            allowDeselect={false}
          />
          {decision === 'accept' && (
            <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
              <Text component="legend" fw={600} size="sm">
                Acceptance
              </Text>
              <RefSelect
                label="Accepted by"
                kinds={['Person']}
                value={by}
                onChange={setBy}
                required
                error={errorOf('spec.acceptance.by')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Accepted on"
                  required
                  placeholder="e.g. 2026-05-01"
                  value={on}
                  onChange={(event) => setOn(event.currentTarget.value)}
                  error={errorOf('spec.acceptance.on')}
                />
                <TextInput
                  label="Accepted until"
                  required
                  placeholder="e.g. 2027-05-01"
                  value={until}
                  onChange={(event) => setUntil(event.currentTarget.value)}
                  error={errorOf('spec.acceptance.until')}
                />
              </SimpleGrid>
            </Stack>
          )}
          {create.isError && errors.length === 0 && <Alert color="red">{create.error.message}</Alert>}
          <Group justify="end">
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create risk
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
