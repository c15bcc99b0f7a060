/**
 * The what-if simulator: pick what fails, see what goes down (map and lists), when each service is back
 * (Gantt with RTO and MTPD), the breaches, and why each node is down. The scenario lives in `?fail=a,b`.
 */
import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  MultiSelect,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { getGraph } from '../api/analysis';
import type { GraphData } from '../api/analysis';
import { keys, useAllServices, useImpact } from '../api/queries';
import { CopyLink } from './CopyLink';
import { useIdSearch, useWithChosen } from '../catalog/RefSelect';
import { toElements } from '../map/graph-model';
import { MapView } from '../map/MapView';
import { MapLegend, NodePanel, PanelButton } from '../map/NodePanel';
import { useExpandableGraph } from '../map/useExpandableGraph';
import { formatMinutes, formatRestore } from '../util/duration';
import { Gantt } from './Gantt';
import { DownNodesTable, ServicesDownTable } from './ImpactTables';
import { RecoveryNotes } from './RecoveryNotes';
import { ScenarioCost } from '../bia/ScenarioCost';

const PICKABLE = ['Component', 'Site', 'Vendor', 'Service'] as const;

function Figure({ label, value, colour }: { label: string; value: number | string; colour?: string }) {
  return (
    <Card withBorder aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={26} fw={700} c={colour}>
        {value}
      </Text>
    </Card>
  );
}

/** The union of the neighbourhoods once all have arrived (stable: TanStack memoises `combine`'s result). */
function unionOfGraphs(results: { data?: GraphData | undefined }[]): GraphData | undefined {
  if (results.some((result) => !result.data)) return undefined;
  return {
    nodes: results.flatMap((result) => result.data?.nodes ?? []),
    edges: results.flatMap((result) => result.data?.edges ?? []),
    truncated: results.some((result) => result.data?.truncated === true),
  };
}

/** `/simulator?fail=a,b`. */
export function SimulatorPage() {
  const [params, setParams] = useSearchParams();
  const fail = useMemo(() => (params.get('fail') ?? '').split(',').filter(Boolean), [params]);
  const setFail = (ids: string[]) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (ids.length > 0) next.set('fail', ids.join(','));
      else next.delete('fail');
      return next;
    });
  const [search, setSearch] = useState('');
  const results = useIdSearch(PICKABLE, search);
  // Failing ids the search does not hold read as their names (looked up by id), not as bare ids.
  const data = useWithChosen(results.data ?? [], fail, 'Failing');

  return (
    <Stack>
      <Group justify="space-between" align="end">
        <Title order={1} size="h2">
          What-if simulator
        </Title>
        <CopyLink />
      </Group>
      <Group align="end">
        <MultiSelect
          label="Fail these"
          description="Components, sites, vendors or services; or click a node on the map"
          placeholder="Search, e.g. Leeds"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          data={data}
          filter={({ options }) => options}
          value={fail}
          onChange={(ids) => {
            setFail(ids);
            setSearch('');
          }}
          style={{ flex: 1, maxWidth: 720 }}
        />
        {fail.length > 0 && (
          <Button variant="default" onClick={() => setFail([])}>
            Clear
          </Button>
        )}
      </Group>
      {fail.length === 0 ? (
        <Text c="dimmed">Nothing fails yet. Pick a data centre, a vendor or a component above.</Text>
      ) : (
        <Scenario fail={fail} setFail={setFail} />
      )}
    </Stack>
  );
}

function Scenario({ fail, setFail }: { fail: string[]; setFail: (ids: string[]) => void }) {
  const impact = useImpact(fail);
  const services = useAllServices();
  // Everything that depends on a failed node, however far: the down set lies inside it, and the nodes that
  // stay up show where redundancy held.
  const base = useQueries({
    queries: fail.map((id) => ({
      queryKey: keys.graph(id, 50, 'up'),
      queryFn: ({ signal }: { signal: AbortSignal }) => getGraph(id, 50, 'up', signal),
    })),
    combine: unionOfGraphs,
  });
  const expandable = useExpandableGraph(base, fail);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const node of expandable.graph.nodes.values()) if (node.name) map.set(node.id, node.name);
    for (const service of services.data ?? [])
      if (service.metadata.name) map.set(service.metadata.id, service.metadata.name);
    return map;
  }, [expandable.graph, services.data]);
  const down = useMemo(
    () => new Map((impact.data?.down ?? []).map((node) => [node.id, node])),
    [impact.data],
  );
  const elements = useMemo(
    () =>
      toElements(expandable.graph, { failed: new Set(fail), down: new Set(down.keys()), showUp: true })
        .elements,
    [expandable.graph, fail, down],
  );

  if (impact.isPending) return <Loader aria-label="Computing the impact" />;
  if (impact.isError) return <Alert color="red">{impact.error.message}</Alert>;
  const result = impact.data;
  const servicesDown = result.services.filter((s) => s.down);
  const rtoBreaches = result.services.filter((s) => s.rtoBreach === true).length;
  const mtpdBreaches = result.services.filter((s) => s.mtpdBreach === true).length;
  const rpoBreaches = result.services.filter((s) => s.rpoBreach === true).length;
  const lastBack = Math.max(0, ...servicesDown.map((s) => s.restoreMinutes ?? 0));
  const lastBackBound = servicesDown.some((s) => !s.restoreKnown);
  const selected = selectedId ? expandable.graph.nodes.get(selectedId) : undefined;
  const selectedDown = selectedId ? down.get(selectedId) : undefined;
  const ganttRows = servicesDown
    .sort((a, b) => a.tier - b.tier || (a.restoreMinutes ?? Infinity) - (b.restoreMinutes ?? Infinity))
    .map((s) => ({ ...s, label: `T${s.tier} ${names.get(s.id) ?? s.id}` }));

  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 6 }} data-testid="impact-summary">
        <Figure label="Nodes down" value={result.down.length} />
        <Figure
          label="Services down"
          value={`${servicesDown.length} / ${result.services.length}`}
          colour={servicesDown.length ? 'red' : 'green'}
        />
        <Figure label="RTO breaches" value={rtoBreaches} colour={rtoBreaches ? 'red' : 'green'} />
        <Figure label="MTPD breaches" value={mtpdBreaches} colour={mtpdBreaches ? 'red' : 'green'} />
        <Figure label="RPO breaches" value={rpoBreaches} colour={rpoBreaches ? 'red' : 'green'} />
        <Figure
          label="All services back after"
          value={
            result.unrecoverable.length
              ? 'never'
              : `${lastBackBound ? 'at least ' : ''}${formatMinutes(lastBack)}`
          }
        />
      </SimpleGrid>
      <RecoveryNotes result={result} names={names} />
      <ScenarioCost impact={result} names={names} />
      {result.unrecoverable.length > 0 && (
        <Alert color="red" title="Some nodes can never be restored">
          {result.unrecoverable.map((u) => `${u.id} (cycle ${u.cycle.join(' → ')})`).join('; ')}
        </Alert>
      )}
      <Tabs defaultValue="map" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="map">Map</Tabs.Tab>
          <Tabs.Tab value="services">Services down ({servicesDown.length})</Tabs.Tab>
          <Tabs.Tab value="timeline">Restore timeline</Tabs.Tab>
          <Tabs.Tab value="nodes">Why each node is down ({result.down.length})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="map" pt="sm">
          <Grid>
            <Grid.Col span={{ base: 12, lg: 9 }}>
              <MapLegend simulator />
              {base ? (
                <MapView
                  elements={elements}
                  selected={selectedId}
                  onSelect={setSelectedId}
                  onActivate={expandable.toggle}
                  height="calc(100vh - 380px)"
                />
              ) : (
                <Loader aria-label="Loading the map" />
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 3 }}>
              <NodePanel
                nodes={[...expandable.graph.nodes.values()]}
                selected={selected}
                onSelect={setSelectedId}
                details={
                  selected && (
                    <Text size="sm" c={selectedDown ? 'red' : 'green'}>
                      {selectedDown
                        ? `Down; back after ${formatRestore(selectedDown.restoreMinutes, selectedDown.restoreKnown)}. Cause: ${selectedDown.cause.map((id) => names.get(id) ?? id).join(' → ')}`
                        : 'Stays up'}
                    </Text>
                  )
                }
                actions={
                  selected && (
                    <>
                      <PanelButton
                        onClick={() =>
                          setFail(
                            fail.includes(selected.id)
                              ? fail.filter((id) => id !== selected.id)
                              : [...fail, selected.id],
                          )
                        }
                      >
                        {fail.includes(selected.id) ? 'Stop failing it' : 'Fail it too'}
                      </PanelButton>
                      <PanelButton onClick={() => void expandable.expand(selected.id)}>Expand</PanelButton>
                    </>
                  )
                }
              />
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="services" pt="sm">
          <ServicesDownTable impact={result} names={names} />
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="sm">
          {ganttRows.length > 0 ? <Gantt rows={ganttRows} /> : <Text c="green">No service goes down.</Text>}
        </Tabs.Panel>
        <Tabs.Panel value="nodes" pt="sm">
          <DownNodesTable impact={result} names={names} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
