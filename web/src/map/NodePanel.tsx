/** The side panel of the map: the selected node, what can be done with it, and a keyboard way to pick one. */
import { Anchor, Badge, Button, Card, Group, Select, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { GraphNode } from '../api/analysis';
import { documentPath } from '../catalog/links';
import { TierBadge } from '../catalog/SpecValue';

interface Props {
  nodes: readonly GraphNode[];
  selected: GraphNode | undefined;
  onSelect: (id: string | null) => void;
  /** Buttons for the selected node (expand, collapse, fail...). */
  actions?: ReactNode;
  /** Extra lines about the selected node (SPOF, down, restore time...). */
  details?: ReactNode;
}

const collator = new Intl.Collator();

/** The panel beside the map. */
export function NodePanel({ nodes, selected, onSelect, actions, details }: Props) {
  // Sorted once per graph, not on every selection, with one collator (localeCompare builds one per call).
  const options = useMemo(
    () =>
      nodes
        .map((node) => ({ value: node.id, label: node.name ? `${node.name} (${node.id})` : node.id }))
        .sort((a, b) => collator.compare(a.label, b.label)),
    [nodes],
  );
  return (
    <Stack gap="sm">
      <Select
        label="Find on the map"
        placeholder="Type a name"
        searchable
        clearable
        limit={50}
        data={options}
        value={selected?.id ?? null}
        onChange={(id) => onSelect(id)}
      />
      {selected ? (
        <Card withBorder aria-label="Selected node" data-testid="selected-node">
          <Stack gap={6}>
            <Anchor component={Link} to={documentPath(selected.kind, selected.id)} fw={600}>
              {selected.name ?? selected.id}
            </Anchor>
            <Group gap={6}>
              <Badge variant="outline" size="sm">
                {selected.kind}
              </Badge>
              {selected.type && (
                <Badge variant="light" color="gray" size="sm">
                  {selected.type}
                </Badge>
              )}
              <TierBadge tier={selected.tier} />
            </Group>
            {details}
            <Group gap="xs">{actions}</Group>
          </Stack>
        </Card>
      ) : (
        <Text size="sm" c="dimmed">
          Click a node to select it; double-click to expand or collapse its neighbours.
        </Text>
      )}
    </Stack>
  );
}

/** The legend of the map's colours and shapes. */
export function MapLegend({ simulator = false }: { simulator?: boolean }) {
  return (
    <Group gap={6} aria-label="Legend">
      <Badge color="indigo" variant="light">
        business service
      </Badge>
      <Badge color="blue" variant="light">
        IT service
      </Badge>
      <Badge color="gray" variant="light">
        component
      </Badge>
      <Badge color="violet" variant="light">
        vendor
      </Badge>
      <Badge color="orange" variant="light">
        site
      </Badge>
      <Badge color="teal" variant="outline">
        redundancy group
      </Badge>
      {simulator ? (
        <>
          <Badge color="red" variant="filled">
            failed
          </Badge>
          <Badge color="red" variant="light">
            down
          </Badge>
          <Badge color="green" variant="light">
            stays up
          </Badge>
        </>
      ) : (
        <Badge color="red" variant="outline">
          single point of failure
        </Badge>
      )}
    </Group>
  );
}

/** A button that toggles, for panel actions. */
export function PanelButton(props: { onClick: () => void; children: ReactNode; disabled?: boolean }) {
  return (
    <Button size="xs" variant="default" onClick={props.onClick} disabled={props.disabled}>
      {props.children}
    </Button>
  );
}
