/** The dependency map: the graph around a service or site, SPOFs of a focused service, expand and collapse. */
import {
  Alert,
  Badge,
  Grid,
  Group,
  Loader,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { Direction } from '../api/analysis';
import { useGraph, useSpof } from '../api/queries';
import { FAILURE_KINDS } from '../catalog/kind-info';
import { RefSelect } from '../catalog/RefSelect';
import { toElements, VISIBLE_LIMIT } from './graph-model';
import { MapView } from './MapView';
import { MapLegend, NodePanel, PanelButton } from './NodePanel';
import { useExpandableGraph } from './useExpandableGraph';

function directionOf(value: string | null): Direction {
  return value === 'up' || value === 'down' ? value : 'both';
}

/** `/map?around=<id>&depth=<n>&direction=both|down|up`. */
export function MapPage() {
  const [params, setParams] = useSearchParams();
  const around = params.get('around') ?? undefined;
  const depth = Math.min(50, Math.max(1, Number(params.get('depth') ?? 2) || 2));
  const direction = directionOf(params.get('direction'));
  const setParam = (name: string, value: string | undefined) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });

  return (
    <Stack>
      <Group justify="space-between" align="end">
        <Title order={1} size="h2">
          Dependency map
        </Title>
        <MapLegend />
      </Group>
      <Group align="end">
        <RefSelect
          label="Around"
          kinds={FAILURE_KINDS}
          value={around}
          onChange={(id) => setParam('around', id)}
          placeholder="Search a service or a site"
        />
        <NumberInput
          label="Depth"
          min={1}
          max={50}
          value={depth}
          onChange={(value) => setParam('depth', String(value))}
          w={90}
        />
        <div>
          <Text size="sm" fw={500} id="direction-label">
            Direction
          </Text>
          <SegmentedControl
            aria-labelledby="direction-label"
            value={direction}
            onChange={(value) => setParam('direction', value)}
            data={[
              { value: 'both', label: 'Both' },
              { value: 'down', label: 'Depends on' },
              { value: 'up', label: 'Depended on by' },
            ]}
          />
        </div>
      </Group>
      {around ? (
        <FocusedMap
          key={`${around}/${depth}/${direction}`}
          around={around}
          depth={depth}
          direction={direction}
        />
      ) : (
        <Text c="dimmed">Pick a service, component, site or vendor to draw what surrounds it.</Text>
      )}
    </Stack>
  );
}

function FocusedMap({ around, depth, direction }: { around: string; depth: number; direction: Direction }) {
  const navigate = useNavigate();
  const base = useGraph(around, depth, direction);
  const focusNode = base.data?.nodes.find((node) => node.id === around);
  const isService = focusNode?.kind === 'Service';
  const spof = useSpof(around, 1, isService);
  const roots = useMemo(() => [around], [around]);
  const expandable = useExpandableGraph(base.data, roots);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const spofs = useMemo(
    () =>
      new Set(
        (spof.data?.services[0]?.cutSets ?? []).filter((set) => set.length === 1).map((set) => set[0] ?? ''),
      ),
    [spof.data],
  );
  const { elements, visible, aggregated } = useMemo(
    () => toElements(expandable.graph, { focus: around, spofs }),
    [expandable.graph, around, spofs],
  );

  const nodes = useMemo(() => [...expandable.graph.nodes.values()], [expandable.graph]);

  if (base.isPending) return <Loader aria-label="Loading the map" />;
  if (base.isError) return <Alert color="red">{base.error.message}</Alert>;
  const selected = selectedId ? expandable.graph.nodes.get(selectedId) : undefined;

  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 9 }}>
        <Group gap="xs" mb={4} aria-live="polite">
          <Text size="sm" data-testid="map-count">
            {visible} nodes shown
          </Text>
          {aggregated > 0 && (
            <Badge color="yellow">
              {aggregated} more aggregated by kind and type (over {VISIBLE_LIMIT.toLocaleString()})
            </Badge>
          )}
          {base.data.truncated && <Badge color="yellow">the server cut the neighbourhood short</Badge>}
          {isService && (
            <Badge color={spofs.size > 0 ? 'red' : 'green'} variant="light" data-testid="spof-count">
              {spof.isPending ? 'finding SPOFs…' : `${spofs.size} single points of failure`}
            </Badge>
          )}
        </Group>
        <MapView
          elements={elements}
          selected={selectedId}
          onSelect={setSelectedId}
          onActivate={expandable.toggle}
          focus={around}
          height="calc(100vh - 260px)"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 3 }}>
        <NodePanel
          nodes={nodes}
          selected={selected}
          onSelect={setSelectedId}
          details={
            selected &&
            spofs.has(selected.id) && (
              <Text size="sm" c="red">
                Single point of failure of {focusNode?.name ?? around}
              </Text>
            )
          }
          actions={
            selected && (
              <>
                <PanelButton
                  onClick={() => void expandable.expand(selected.id)}
                  disabled={expandable.loading !== null}
                >
                  Expand
                </PanelButton>
                <PanelButton
                  onClick={() => expandable.collapse(selected.id)}
                  disabled={selected.id === around}
                >
                  Collapse
                </PanelButton>
                <PanelButton onClick={() => void navigate(`/map?around=${selected.id}&depth=${depth}`)}>
                  Centre here
                </PanelButton>
                <PanelButton onClick={() => void navigate(`/simulator?fail=${selected.id}`)}>
                  Fail it
                </PanelButton>
              </>
            )
          }
        />
      </Grid.Col>
    </Grid>
  );
}
