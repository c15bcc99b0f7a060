/**
 * The engine with recovery strategies (`npm run bench -- --only recovery`, or after the other sections): the
 * generated infrastructures of bench/generate.ts with a standby added to a third of the redundancy groups, data
 * on every database and storage node (replicas, backups, a tenth without `data`), and a backbone vendor without a
 * recovery time. It measures the two goals of the engine: restore times of the whole graph (the root failure) against
 * a minimal BFS, and the whole `analyzeImpact` answer of a site failure against its down set plus the list of
 * services (the least any answer holds); with and without a plan's `restoredAt`. Writes its own section of
 * docs/benchmarks.md (`--dry-run` prints it instead).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeImpact } from '../src/engine/analyze-impact.ts';
import { buildGraph, servicesByTier, type EngineGraph } from '../src/engine/graph.ts';
import { computeDownSet } from '../src/engine/impact.ts';
import { computeRestoreTimes } from '../src/engine/restore.ts';
import type { EngineNode, RestoredAt } from '../src/engine/types.ts';
import { edgesOf, minimalBfs } from './baselines.ts';
import { generateInfrastructure, mulberry32 } from './generate.ts';

export const RECOVERY_HEADING = '## Engine: standbys, data loss, unknown durations and plans';

const repoRoot = path.resolve(import.meta.dirname, '..');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** The generated nodes with standbys, data and an unknown recovery time added (same seed, same graph). */
export function withRecoveryStrategies(nodes: readonly EngineNode[], seed = 7): EngineNode[] {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const storage = nodes.filter((n) => n.id.startsWith('storage-')).map((n) => n.id);
  const databases = nodes.filter((n) => n.id.startsWith('db-')).map((n) => n.id);
  const out: EngineNode[] = [];
  const standbys: EngineNode[] = [];
  for (const node of nodes) {
    let next: EngineNode = node;
    if (node.id === 'backbone') next = { ...next, recoveryKnown: false };
    // A third of the groups gain a standby: a copy of their first member's dependencies, activated in minutes
    // to hours.
    const groups = node.groups.map((group, i) => {
      if (random() >= 1 / 3) return group;
      const model = byId.get(group.of[0]!)!;
      const id = `standby-${node.id}-${i}`;
      standbys.push({
        id,
        kind: 'Component',
        requires: model.requires,
        groups: model.groups,
        recoveryMinutes: model.recoveryMinutes,
        restartMinutes: model.restartMinutes,
        activationMinutes: int(5, 240),
      });
      return { k: group.k, of: [...group.of, id] };
    });
    if (groups.some((g, i) => g !== node.groups[i])) next = { ...next, groups };
    if (node.id.startsWith('db-') || node.id.startsWith('storage-')) {
      const roll = random();
      next = {
        ...next,
        holdsData: true,
        ...(roll < 0.1
          ? {}
          : {
              data: {
                backup: { intervalMinutes: 1440, at: storage[int(0, storage.length - 1)]! },
                ...(node.id.startsWith('db-')
                  ? { replicas: [{ id: databases[int(0, databases.length - 1)]!, lagMinutes: int(0, 30) }] }
                  : {}),
              },
            }),
      };
    }
    out.push(next);
  }
  return [...out, ...standbys];
}

interface ScenarioRow {
  name: string;
  down: number;
  activations: number;
  bounds: number;
  downSetMs: number;
  listMs: number;
  bfsMs: number;
  restoreMs: number;
  bfsMedianMs: number;
  restoreMedianMs: number;
  fullMs: number;
  planFullMs: number;
  jsonMiB: number;
}

interface SizeRow {
  target: number;
  nodes: number;
  standbys: number;
  dataNodes: number;
  buildMs: number;
  scenarios: ScenarioRow[];
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * The fewest milliseconds of `runs` calls after one warm-up call, each after a full collection when `gc` is
 * given: on a shared machine the fastest run is the one least disturbed.
 */
function time(runs: number, fn: () => unknown, gc?: () => void): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    if (gc) {
      gc();
      // A pause lets the collector's threads finish sweeping, so the run does not pay for a collection the
      // bench forced on a heap of millions of objects.
      Atomics.wait(pause, 0, 0, 100);
    }
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * Runs each function `runs` times after one warm-up call each, in turns (a, b, a, b, ...), each after a full
 * collection and a pause, so a burst of load on a shared machine falls on both; the fewest and the median
 * milliseconds of each.
 */
function alternate(runs: number, fns: (() => unknown)[], gc: () => void): { best: number; median: number }[] {
  for (const fn of fns) fn();
  const samples = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, f) => {
      gc();
      Atomics.wait(pause, 0, 0, 100);
      const t = performance.now();
      fn();
      samples[f]!.push(performance.now() - t);
    });
  }
  return samples.map((list) => {
    const sorted = list.sort((a, b) => a - b);
    return { best: sorted[0]!, median: sorted[sorted.length >> 1]! };
  });
}

/**
 * The least an impact answer holds: every service, by tier then id, with its objectives and whether the scenario
 * took it down, as the answer shows a service the scenario leaves alone. The floor of goal 2.
 */
function serviceList(graph: EngineGraph, down: Uint8Array): unknown[] {
  return servicesByTier(graph).map((s) => {
    const info = graph.service.get(s)!;
    return {
      id: graph.ids[s]!,
      tier: info.tier,
      down: down[s] === 1,
      restoreMinutes: null,
      restoreKnown: true,
      rtoMinutes: info.rtoMinutes,
      rpoMinutes: info.rpoMinutes,
      mtpdMinutes: info.mtpdMinutes,
      rtoBreach: info.rtoMinutes === null ? null : false,
      mtpdBreach: info.mtpdMinutes === null ? null : false,
      dataLossMinutes: 0,
      dataLossKnown: true,
      rpoBreach: info.rpoMinutes === null ? null : false,
    };
  });
}

function runSize(target: number, gc: () => void): SizeRow {
  const infrastructure = generateInfrastructure(target);
  const nodes = withRecoveryStrategies(infrastructure.nodes);
  log(`== recovery strategies, ${nodes.length.toLocaleString('en')} nodes`);
  gc();
  const buildMs = time(target >= 1_000_000 ? 1 : 3, () => buildGraph(nodes));
  const graph = buildGraph(nodes);
  const floor = minimalBfs(graph.n, edgesOf(graph));
  const runs = target >= 1_000_000 ? 5 : 9;
  const scenarios: ScenarioRow[] = [];
  for (const [name, failed] of [
    ['site failure', infrastructure.firstSite],
    ['root failure, recovery unknown (cascades to everything)', infrastructure.root],
  ] as const) {
    const source = graph.index.get(failed)!;
    const downSet = computeDownSet(graph, [source]);
    // A plan restores the first hundred down nodes 30 minutes apart, every tenth step without a duration.
    const restoredAt = new Map<string, RestoredAt>(
      Array.from(downSet.order.subarray(0, 100), (v, i) => [
        graph.ids[v]!,
        { minutes: 30 * (i + 1), known: i % 10 !== 9 },
      ]),
    );
    gc();
    const result = analyzeImpact(graph, [failed]);
    // The BFS and the restore times in turns, so that both see the same load.
    const [bfs, restore] = alternate(
      target >= 1_000_000 ? 11 : 9,
      [() => floor(source), () => computeRestoreTimes(graph, downSet)],
      gc,
    );
    const row: ScenarioRow = {
      name,
      down: result.down.length,
      activations: result.activations.length,
      bounds: result.down.filter((d) => !d.restoreKnown).length,
      downSetMs: time(runs, () => computeDownSet(graph, [source])),
      listMs: time(runs, () => serviceList(graph, downSet.down), gc),
      bfsMs: bfs!.best,
      restoreMs: restore!.best,
      bfsMedianMs: bfs!.median,
      restoreMedianMs: restore!.median,
      fullMs: time(5, () => analyzeImpact(graph, [failed]), gc),
      planFullMs: time(5, () => analyzeImpact(graph, [failed], { restoredAt }), gc),
      jsonMiB: JSON.stringify(result).length / 2 ** 20,
    };
    log(JSON.stringify(row));
    scenarios.push(row);
  }
  return {
    target,
    nodes: graph.n,
    standbys: nodes.filter((n) => (n.activationMinutes ?? 0) > 0).length,
    dataNodes: nodes.filter((n) => n.holdsData === true).length,
    buildMs,
    scenarios,
  };
}

const ms = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** The section of docs/benchmarks.md. */
export function renderRecoverySection(sizes: SizeRow[]): string {
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`;
  const lines = [
    RECOVERY_HEADING,
    '',
    'The generated infrastructures above with a standby added to a third of the redundancy groups (activation 5',
    'minutes to 4 hours), every database and storage node holding data (a replica and a nightly backup, a tenth',
    'without `data`), and the backbone vendor without a recovery time, so every time of the root failure is a lower',
    'bound. "restore" is `computeRestoreTimes` (lower bounds and exactness in one pass); "full" the whole',
    '`analyzeImpact` answer (down set, causes, restore times and bounds, activations, data loss, every service);',
    '"with a plan" the same with `restoredAt` for 100 nodes; "services" the least an answer holds, every service',
    'with its objectives and whether it is down. "BFS" is the minimal typed-array BFS of the engine section, timed',
    'in turns with "restore" (9 runs each, 11 at a million nodes, each after a full garbage collection): their',
    'median, then the fastest in parentheses, and the ratio of the medians, then of the fastest. The other columns:',
    'the fewest milliseconds of 5 to 9 runs (services and the full answers each after a full garbage collection).',
    'The goals: restore times of the whole graph (the root failure) within 3x of the BFS ("restore / BFS"); the',
    'full answer of a site failure within 10x of the down set plus the services ("full / (down set + services)").',
    '',
    `Machine: ${machine}; load average at the start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}. Run: ${new Date().toISOString()}.`,
    '',
    '| nodes | standbys | data nodes | scenario | down | activations | bounds | down set | services | BFS | restore | restore / BFS | full | full / (down set + services) | with a plan | JSON |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const size of sizes) {
    for (const s of size.scenarios) {
      lines.push(
        `| ${size.nodes.toLocaleString('en')} | ${size.standbys.toLocaleString('en')} | ${size.dataNodes.toLocaleString('en')} | ${s.name} | ${s.down.toLocaleString('en')} | ${s.activations.toLocaleString('en')} | ${s.bounds.toLocaleString('en')} | ${ms(s.downSetMs)} ms | ${ms(s.listMs)} ms | ${ms(s.bfsMedianMs)} ms (${ms(s.bfsMs)}) | ${ms(s.restoreMedianMs)} ms (${ms(s.restoreMs)}) | ${(s.restoreMedianMs / s.bfsMedianMs).toFixed(1)}x (${(s.restoreMs / s.bfsMs).toFixed(1)}x) | ${ms(s.fullMs)} ms | ${(s.fullMs / (s.downSetMs + s.listMs)).toFixed(1)}x | ${ms(s.planFullMs)} ms | ${s.jsonMiB.toFixed(1)} MiB |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Replaces this section of a benchmarks page (or appends it), keeping every other section. */
export function replaceRecoverySection(page: string, section: string): string {
  const start = page.indexOf(`${RECOVERY_HEADING}\n`);
  if (start === -1) return `${page.trimEnd()}\n\n${section}`;
  const next = page.indexOf('\n## ', start + RECOVERY_HEADING.length);
  const rest = next === -1 ? '' : page.slice(next + 1);
  return `${page.slice(0, start)}${section}${rest ? `\n${rest}` : ''}`;
}

/** Runs the section at the given sizes and writes it into docs/benchmarks.md (or prints it, `dryRun`). */
export function runAndWriteRecoverySection(
  gc: () => void,
  targets: readonly number[] = [10_000, 100_000, 1_000_000],
  dryRun = false,
): SizeRow[] {
  const sizes = targets.map((target) => runSize(target, gc));
  if (dryRun) {
    process.stdout.write(renderRecoverySection(sizes));
    return sizes;
  }
  const page = path.join(repoRoot, 'docs/benchmarks.md');
  writeFileSync(page, replaceRecoverySection(readFileSync(page, 'utf8'), renderRecoverySection(sizes)));
  log('wrote its section of docs/benchmarks.md');
  return sizes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const sizesArgument = process.argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length);
  runAndWriteRecoverySection(
    gc,
    sizesArgument ? sizesArgument.split(',').map(Number) : undefined,
    process.argv.includes('--dry-run'),
  );
}
