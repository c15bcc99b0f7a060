import { analyzeImpact } from '../../engine/index.ts';
import type { CheckItem, ComplianceCheck } from '../types.ts';
import { scopedServices, serviceName } from './c01-objectives.ts';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A cycle as a message writes it, closing the loop: `db -> auth -> db`. */
function loop(cycle: readonly string[]): string {
  return [...cycle, cycle[0]].join(' -> ');
}

const BREAK =
  'break the cycle (drop a dependency that is not needed to start, or make it a redundancy group with a member ' +
  'outside the loop)';

/**
 * C05: a cold start (every failure node down at once) brings every service back: the engine's restore order
 * (src/engine/restore.ts) finds no node blocked by a dependency cycle. One item per service of the scoped tiers
 * (every tier by default), failing when its restore waits on a cycle, and one failing item per node on a blocking
 * cycle, naming it, so a cycle no service depends on still shows.
 */
export const coldStartCheck: ComplianceCheck = {
  id: 'C05',
  title: 'Recoverable from a cold start',
  rule:
    'With every site, vendor, component and service down at once, each service comes back in dependency order: ' +
    'no dependency cycle (a loop of required dependencies no redundancy group breaks) leaves it, or any node on ' +
    'the loop, unrecoverable. Applies to services of every tier.',
  references: [{ framework: 'nist-800-34', clause: '4.3' }],
  defaults: { tiers: [], severity: 'high' },
  items(context) {
    const graph = context.graph();
    const services = scopedServices(context, 'C05');
    if (graph.ids.length === 0) return [];
    const result = analyzeImpact(graph, graph.ids);
    const blocked = new Map(result.unrecoverable.map((entry) => [entry.id, entry.cycle]));
    const serviceItems = services.map((service): CheckItem => {
      const { id } = service.metadata;
      const cycle = blocked.get(id);
      const base = { id, kind: 'Service' as const, path: context.pathOf(service) };
      if (cycle === undefined)
        return {
          ...base,
          status: 'pass',
          message: `${serviceName(service)} is recoverable from a cold start: nothing it depends on waits on a dependency cycle.`,
        };
      return {
        ...base,
        status: 'fail',
        message:
          `${serviceName(service)} cannot come back from a cold start: ` +
          (cycle.includes(id) ? 'it is on' : 'what it depends on waits on') +
          ` the dependency cycle ${loop(cycle)}; ${BREAK}.`,
      };
    });
    const listed = new Set(services.map((service) => service.metadata.id));
    const onCycles = new Map<string, string[]>();
    for (const cycle of blocked.values())
      for (const id of cycle) if (!onCycles.has(id)) onCycles.set(id, cycle);
    const cycleItems = [...onCycles]
      .filter(([id]) => !listed.has(id))
      .sort(([a], [b]) => compare(a, b))
      .flatMap(([id, cycle]): CheckItem[] => {
        const document = context.byId.get(id);
        if (!document) return [];
        return [
          {
            id,
            kind: document.kind,
            status: 'fail',
            message:
              `${document.kind} "${id}" is on the dependency cycle ${loop(cycle)}: after a cold start none of ` +
              `them can come back first; ${BREAK}.`,
            path: context.pathOf(document),
          },
        ];
      });
    return [...serviceItems, ...cycleItems];
  },
};
