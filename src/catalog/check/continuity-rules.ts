import { parseDuration } from '../duration.ts';
import { FAILURE_KINDS } from '../kinds.ts';
import type { DocumentOf } from '../kinds.ts';
import { referencesOf } from '../references.ts';
import type { CheckedDocument } from './document-rules.ts';
import type { IdIndex } from './reference-rules.ts';
import type { Finding } from './finding.ts';
import { stronglyConnectedComponents } from './scc.ts';

/** A continuity warning about one document, at the path (`['spec', 'rto']`) of the value it is about. */
export interface ContinuityWarning {
  path: (string | number)[];
  message: string;
}

/** Whether a service's RTO is over its MTPD (both set and valid): it would come back too late to matter. */
export function rtoOverMtpd(spec: { rto?: string | undefined; mtpd?: string | undefined }): boolean {
  const rto = spec.rto === undefined ? undefined : parseDuration(spec.rto);
  const mtpd = spec.mtpd === undefined ? undefined : parseDuration(spec.mtpd);
  return rto !== undefined && mtpd !== undefined && rto > mtpd;
}

/**
 * The continuity warnings of one service: RTO over MTPD, tier-1/2 without RTO or RPO, no owner. Pure, so the
 * web application's form shows the checker's own warnings before saving.
 */
export function serviceContinuityWarnings(service: DocumentOf<'Service'>): ContinuityWarning[] {
  const { spec, metadata } = service;
  const warnings: ContinuityWarning[] = [];
  if (rtoOverMtpd(spec))
    warnings.push({
      path: ['spec', 'rto'],
      message: `rto ${spec.rto} is over mtpd ${spec.mtpd}: the service would come back after the damage is already unacceptable`,
    });
  if (spec.tier <= 2) {
    if (spec.rto === undefined)
      warnings.push({
        path: ['spec', 'tier'],
        message: `tier-${spec.tier} service "${metadata.id}" has no rto: set how soon it must be back after a disruption`,
      });
    if (spec.rpo === undefined)
      warnings.push({
        path: ['spec', 'tier'],
        message: `tier-${spec.tier} service "${metadata.id}" has no rpo: set how much data, as time, it may lose`,
      });
  }
  if (spec.owner === undefined)
    warnings.push({
      path: ['metadata', 'id'],
      message: `service "${metadata.id}" has no owner: set spec.owner to the Team or Person responsible`,
    });
  return warnings;
}

function serviceWarnings(
  checked: CheckedDocument,
  service: DocumentOf<'Service'>,
  warnings: Finding[],
): void {
  const { source } = checked;
  for (const { path, message } of serviceContinuityWarnings(service))
    warnings.push({ file: source.file, ...source.locate(path), message });
}

/** Warnings about objectives and ownership: RTO over MTPD, tier-1/2 without RTO or RPO, no owner. */
export function checkServices(documents: readonly CheckedDocument[], warnings: Finding[]): void {
  for (const checked of documents)
    if (checked.document?.kind === 'Service') serviceWarnings(checked, checked.document, warnings);
}

/** The shortest cycle through `start` inside one strongly connected component (breadth-first). */
function shortestCycle(start: number, adjacency: readonly number[][], inComponent: Set<number>): number[] {
  const previous = new Map<number, number>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as number;
    for (const next of adjacency[node] ?? []) {
      if (!inComponent.has(next)) continue;
      if (next === start) {
        const path = [node];
        for (let at = node; at !== start;) path.push((at = previous.get(at) ?? start));
        return [...path.reverse(), start];
      }
      if (previous.has(next)) continue;
      previous.set(next, node);
      queue.push(next);
    }
  }
  return [start, start];
}

/**
 * A warning for each dependency cycle among failure nodes (dependsOn and a component's site): nodes that
 * wait for each other cannot be brought back in order after a cold start. Reported once per strongly
 * connected component, as its shortest cycle through its smallest id, at the reference that closes the loop.
 */
export function checkCycles(
  documents: readonly CheckedDocument[],
  index: IdIndex,
  warnings: Finding[],
): void {
  const nodes: CheckedDocument[] = [];
  const position = new Map<string, number>();
  for (const checked of documents) {
    const { document } = checked;
    if (!document || !FAILURE_KINDS.includes(document.kind) || index.get(document.metadata.id) !== checked)
      continue;
    position.set(document.metadata.id, nodes.length);
    nodes.push(checked);
  }
  // The adjacency lists, and where each edge is written, to point the warning at it.
  const adjacency: number[][] = nodes.map(() => []);
  const edgePath = new Map<string, (string | number)[]>();
  nodes.forEach((checked, from) => {
    if (!checked.document) return;
    for (const reference of referencesOf(checked.document)) {
      const to = position.get(reference.id);
      // A reference to the document itself is an error of its own (reference-rules.ts), not also a cycle.
      if (!reference.dependency || to === undefined || to === from || edgePath.has(`${from} ${to}`)) continue;
      adjacency[from]?.push(to);
      edgePath.set(`${from} ${to}`, reference.path);
    }
  });
  const idOf = (node: number) => nodes[node]?.document?.metadata.id ?? '';
  for (const component of stronglyConnectedComponents(adjacency)) {
    const only = component[0];
    if (only === undefined) continue;
    if (component.length === 1 && !adjacency[only]?.includes(only)) continue;
    const start = component.reduce((a, b) => (idOf(a) <= idOf(b) ? a : b));
    const cycle = shortestCycle(start, adjacency, new Set(component));
    const source = nodes[start]?.source;
    const path = edgePath.get(`${start} ${cycle[1] ?? start}`) ?? ['metadata', 'id'];
    if (!source) continue;
    const others = component.length - (cycle.length - 1);
    warnings.push({
      file: source.file,
      ...source.locate(path),
      message:
        `dependency cycle: ${cycle.map(idOf).join(' -> ')}` +
        (others > 0 ? ` (and ${others} more node${others === 1 ? '' : 's'} in the same loop)` : '') +
        ': these cannot be brought back in order after a cold start',
    });
  }
}
