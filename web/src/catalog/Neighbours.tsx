/** "Depends on" and "depended on by", several levels deep, from the graph endpoint, as indented trees. */
import { Anchor, Badge, Box, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Direction, GraphData, GraphNode } from '../api/analysis';
import { useGraph } from '../api/queries';
import { documentPath } from './links';

interface TreeLine {
  node: GraphNode;
  depth: number;
  group?: string;
  /** Already shown higher up the tree: not expanded again. */
  repeat: boolean;
}

const MAX_LINES = 300;

/** Walks the graph from `root` in one direction, depth first, each node expanded once. */
export function treeLines(graph: GraphData, root: string, direction: 'down' | 'up'): TreeLine[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const next = new Map<string, { id: string; group?: string }[]>();
  for (const edge of graph.edges) {
    const [from, to] = direction === 'down' ? [edge.from, edge.to] : [edge.to, edge.from];
    const group = edge.group
      ? `${edge.group.k === 1 ? 'any' : `≥${edge.group.k}`} of ${edge.group.of}`
      : undefined;
    next.set(from, [...(next.get(from) ?? []), { id: to, ...(group !== undefined && { group }) }]);
  }
  const lines: TreeLine[] = [];
  const seen = new Set<string>([root]);
  const walk = (id: string, depth: number) => {
    for (const child of next.get(id) ?? []) {
      const node = byId.get(child.id);
      if (!node || lines.length >= MAX_LINES) continue;
      const repeat = seen.has(child.id);
      lines.push({ node, depth, repeat, ...(child.group !== undefined && { group: child.group }) });
      if (!repeat) {
        seen.add(child.id);
        walk(child.id, depth + 1);
      }
    }
  };
  walk(root, 0);
  return lines;
}

function Tree({
  id,
  direction,
  depth,
  title,
}: {
  id: string;
  direction: Direction & ('down' | 'up');
  depth: number;
  title: string;
}) {
  const graph = useGraph(id, depth, direction);
  const lines = graph.data ? treeLines(graph.data, id, direction) : [];
  return (
    <Stack gap={4} aria-label={title} component="section">
      <Title order={4}>{title}</Title>
      {graph.isPending && <Text c="dimmed">Loading…</Text>}
      {graph.isError && <Text c="red">{graph.error.message}</Text>}
      {graph.data && lines.length === 0 && <Text c="dimmed">nothing</Text>}
      {lines.map((line, index) => (
        <Box key={`${line.node.id}-${index}`} pl={line.depth * 18}>
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={documentPath(line.node.kind, line.node.id)} size="sm">
              {line.node.name ?? line.node.id}
            </Anchor>
            <Text size="xs" c="dimmed">
              {line.node.kind}
              {line.node.type ? ` · ${line.node.type}` : ''}
            </Text>
            {line.group && (
              <Badge size="xs" color="teal" variant="light">
                {line.group}
              </Badge>
            )}
            {line.repeat && (
              <Text size="xs" c="dimmed">
                (shown above)
              </Text>
            )}
          </Group>
        </Box>
      ))}
      {lines.length >= MAX_LINES && (
        <Text size="sm" c="dimmed">
          First {MAX_LINES} shown; open the map for the rest.
        </Text>
      )}
    </Stack>
  );
}

/** Both directions around a failure node, with the depth adjustable. */
export function Neighbours({ id }: { id: string }) {
  const [depth, setDepth] = useState(3);
  return (
    <Stack>
      <NumberInput
        label="Levels"
        min={1}
        max={10}
        value={depth}
        onChange={(value) => setDepth(Math.max(1, Math.min(10, Number(value) || 1)))}
        w={100}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Tree id={id} direction="down" depth={depth} title="Depends on" />
        <Tree id={id} direction="up" depth={depth} title="Depended on by" />
      </SimpleGrid>
    </Stack>
  );
}
