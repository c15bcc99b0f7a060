/**
 * The cut-set section of `npm run bench`, runnable alone: `npx tsx bench/spof.ts` (or `npm run bench -- --only
 * spof`; `--json` prints the figures). Order-1 cut sets of every service of two generated catalogs of about 250k
 * documents, with the one-pass algorithm `analyzeSpof` runs at maxOrder 1 beside MOCUS at order 1 (the path it
 * took before, stopped past a cap), then cut sets up to order 2 of the tier-1 services of 100k nodes. Writes its
 * section of docs/benchmarks.md and leaves the others as they are.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { toEngineNodes } from '../src/catalog/engine-input.ts';
import { minimalCutSets } from '../src/engine/cut-sets.ts';
import { AnalysisCancelledError } from '../src/engine/errors.ts';
import { buildGraph, servicesByTier, type EngineGraph } from '../src/engine/graph.ts';
import { singleFailureSets } from '../src/engine/single-failures.ts';
import { analyzeSpof, catalogNetwork } from '../src/engine/spof.ts';
import type { EngineNode } from '../src/engine/types.ts';
import { DEFAULT_WORK_BUDGET, WorkMeter, unboundedMeter } from '../src/engine/work.ts';
import { generateCatalog } from './catalog-import.ts';
import { generateInfrastructure } from './generate.ts';

/** The heading of this bench's section of docs/benchmarks.md. */
export const SPOF_HEADING = '## Cut sets: order 1 for every service of 250k documents, order 2 for tier 1';
/** MOCUS at order 1 is stopped (through the engine's own cancellation check) after this many seconds. */
const OLD_PATH_CAP_SECONDS = 120;

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const repoRoot = path.resolve(import.meta.dirname, '..');

/** One catalog's order-1 figures. */
export interface Order1Row {
  catalog: string;
  documents: number;
  nodes: number;
  services: number;
  singlePoints: number;
  largest: number;
  steps: number;
  newMs: number;
  newRuns: number[];
  /** CPU time of the process (garbage collector threads included), median. */
  newCpuMs: number;
  heapMiB: number;
  oldMs: number | null;
  oldStoppedAt: { seconds: number; service: number } | null;
  same: boolean | null;
}

/** The figures of the whole section. */
export interface SpofBenchResult {
  machine: string;
  date: string;
  order1: Order1Row[];
  order2: { nodes: number; services: number; ms: number; order1: number; order2: number; steps: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const load = os.loadavg().map((l) => l.toFixed(2));
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average at the start ${load.join(', ')}`;
}

/** Steps the order-1 pass counts for every service (the unit of the work budget). */
function order1Steps(graph: EngineGraph): number {
  const meter = unboundedMeter();
  singleFailureSets(catalogNetwork(graph), servicesByTier(graph), meter);
  return meter.used;
}

function order1Row(catalog: string, documents: number, nodes: EngineNode[], gc: () => void): Order1Row {
  log(`== ${catalog}: ${nodes.length.toLocaleString('en')} failure nodes`);
  const graph = buildGraph(nodes);
  const services = servicesByTier(graph);
  gc();
  const before = process.memoryUsage();
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  let result = analyzeSpof(graph, { maxOrder: 1, workBudget: Infinity });
  const after = process.memoryUsage();
  for (let i = 0; i < 3; i++) {
    // Each run after a full collection, the previous answer dropped: the run pays for its own garbage only.
    result = { maxOrder: 1, services: [] };
    gc();
    const t = performance.now();
    const cpu = process.cpuUsage();
    result = analyzeSpof(graph, { maxOrder: 1, workBudget: Infinity });
    const used = process.cpuUsage(cpu);
    runs.push(performance.now() - t);
    cpuRuns.push((used.user + used.system) / 1000);
  }
  const heapMiB = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / 2 ** 20;
  const steps = order1Steps(graph);
  const singlePoints = result.services.reduce((sum, s) => sum + s.cutSets.length, 0);
  log(
    `one pass: ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms (CPU ${cpuRuns.map((ms) => ms.toFixed(0)).join(', ')}), ${steps.toLocaleString('en')} steps`,
  );

  // MOCUS at order 1, the path analyzeSpof took for every order before; stopped by its cancellation check.
  const deadline = performance.now() + OLD_PATH_CAP_SECONDS * 1000;
  const meter = new WorkMeter(
    { workBudget: Infinity, isCancelled: () => performance.now() > deadline },
    () => new Error('no budget'),
  );
  const t = performance.now();
  let oldMs: number | null = null;
  let oldStoppedAt: Order1Row['oldStoppedAt'] = null;
  let same: boolean | null = null;
  try {
    const families = minimalCutSets(catalogNetwork(graph), services, 1, meter);
    oldMs = performance.now() - t;
    same = families.every((family, i) => {
      const expected = result.services[i]!.cutSets.map((set) => graph.index.get(set[0]!)!).sort(
        (a, b) => a - b,
      );
      const got = family
        .map((set) => set[0]!)
        .filter((e) => e !== services[i])
        .sort((a, b) => a - b);
      return got.length === expected.length && got.every((e, j) => e === expected[j]);
    });
    log(`MOCUS: ${oldMs.toFixed(0)} ms, same sets: ${same}`);
  } catch (error) {
    if (!(error instanceof AnalysisCancelledError)) throw error;
    oldStoppedAt = { seconds: (performance.now() - t) / 1000, service: meter.target + 1 };
    log(`MOCUS stopped after ${oldStoppedAt.seconds.toFixed(0)} s, at service ${oldStoppedAt.service}`);
  }
  gc();
  return {
    catalog,
    documents,
    nodes: graph.n,
    services: services.length,
    singlePoints,
    largest: Math.max(0, ...result.services.map((s) => s.cutSets.length)),
    steps,
    newMs: median(runs),
    newRuns: runs,
    newCpuMs: median(cpuRuns),
    heapMiB,
    oldMs,
    oldStoppedAt,
    same,
  };
}

/** Runs the section's measurements; `gc` is a full garbage collection between cases. */
export function runSpofBench(gc: () => void): SpofBenchResult {
  const machine = machineLine();
  const date = new Date().toISOString();
  const order1: Order1Row[] = [];
  {
    const files = generateCatalog(245_000);
    const documents = [...files.values()].flat();
    order1.push(
      order1Row(
        'catalog as imported (bench/catalog-import.ts)',
        documents.length,
        toEngineNodes(documents),
        gc,
      ),
    );
  }
  {
    const infrastructure = generateInfrastructure(250_000);
    const nodes = infrastructure.nodes;
    order1.push(order1Row('synthetic infrastructure (bench/generate.ts)', nodes.length, nodes, gc));
  }
  log('== order 2, tier-1 services of 100k nodes');
  const infrastructure = generateInfrastructure(100_000);
  const graph = buildGraph(infrastructure.nodes);
  const options = { services: infrastructure.tier1, maxOrder: 2 };
  let result = analyzeSpof(graph, options);
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    result = analyzeSpof(graph, options);
    runs.push(performance.now() - t);
  }
  const meter = unboundedMeter();
  minimalCutSets(
    catalogNetwork(graph),
    infrastructure.tier1.map((id) => graph.index.get(id)!),
    2,
    meter,
  );
  const sets = result.services.flatMap((s) => s.cutSets);
  const order2 = {
    nodes: graph.n,
    services: infrastructure.tier1.length,
    ms: median(runs),
    order1: sets.filter((s) => s.length === 1).length,
    order2: sets.filter((s) => s.length === 2).length,
    steps: meter.used,
  };
  log(`order 2: ${runs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  return { machine, date, order1, order2 };
}

const count = (n: number): string => n.toLocaleString('en');
const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

/** The section of docs/benchmarks.md, from its heading to the end. */
export function renderSpofSection(result: SpofBenchResult): string {
  const rows = result.order1.map((row) => {
    const old =
      row.oldMs !== null
        ? seconds(row.oldMs)
        : `> ${row.oldStoppedAt!.seconds.toFixed(0)} s, stopped (at service ${count(row.oldStoppedAt!.service)} of ${count(row.services)})`;
    const speedup =
      row.oldMs !== null ? row.oldMs / row.newMs : (row.oldStoppedAt!.seconds * 1000) / row.newMs;
    return `| ${row.catalog} | ${count(row.documents)} | ${count(row.nodes)} | ${count(row.services)} | ${count(row.singlePoints)} | ${count(row.largest)} | **${seconds(row.newMs)}** | ${seconds(row.newCpuMs)} | ${count(Math.round(row.steps / 1e5) * 1e5)} | ${row.heapMiB.toFixed(0)} MiB | ${old} | ${row.oldMs !== null ? '' : '> '}${speedup.toFixed(0)}x | ${row.same === null ? '–' : row.same ? 'yes' : 'NO'} |`;
  });
  const o2 = result.order2;
  return [
    SPOF_HEADING,
    '',
    'Written by `npx tsx bench/spof.ts` (also `npm run bench -- --only spof`, and part of a full `npm run bench`).',
    '`analyzeSpof` at maxOrder 1 runs the one-pass algorithm of src/engine/single-failures.ts for every service at',
    'once; "MOCUS" is bounded MOCUS at order 1 over the same services (`minimalCutSets`, the path every order took',
    `before), stopped after ${OLD_PATH_CAP_SECONDS} s through the engine's own cancellation check. Two catalogs of about 250k documents:`,
    "the import bench's (each component on an earlier one within 2,000, 30% of them with an anyOf pair, so",
    'dependency chains run hundreds deep; its people and teams count as documents, not as nodes) and the engine',
    "bench's infrastructure (sites, power, switches, hosts, VMs, replicated databases, applications, services).",
    'Times are medians of 3 runs after a warm-up, each after a full garbage collection, building the graph',
    'excluded: wall clock, and the CPU time of the process (garbage collector threads included); steps are the work',
    `budget's unit (default ${count(DEFAULT_WORK_BUDGET)}); memory is the growth of the heap and array buffers over the first`,
    'run, with the answer held and its garbage not yet collected (an upper estimate of what one run needs).',
    '',
    `Machine: ${result.machine}.`,
    `Run: ${result.date}.`,
    '',
    '| catalog | documents | failure nodes | services | order-1 cut sets | most in one service | one pass | its CPU time | steps | memory | MOCUS | speed-up | same sets |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Cut sets up to order 2 of the ${count(o2.services)} tier-1 services of the ${count(o2.nodes)}-node infrastructure (MOCUS, as in`,
    `the engine table above): **${seconds(o2.ms)}**, ${count(o2.order1)} sets of order 1 and ${count(o2.order2)} of order 2,`,
    `${count(o2.steps)} steps.`,
    '',
    '',
  ].join('\n');
}

/** Where the section starting at `start` ends: the next heading, or the marker comment of another bench's block. */
function sectionEnd(page: string, start: number): number {
  const ends = ['\n## ', '\n<!-- ']
    .map((mark) => page.indexOf(mark, start + SPOF_HEADING.length))
    .filter((at) => at !== -1);
  return ends.length > 0 ? Math.min(...ends) : -1;
}

/** Replaces this bench's section of a benchmarks page (or appends it), keeping every other section. */
export function replaceSpofSection(page: string, section: string): string {
  const start = page.indexOf(`${SPOF_HEADING}\n`);
  if (start === -1) return `${page.trimEnd()}\n\n${section}`;
  const next = sectionEnd(page, start);
  const rest = next === -1 ? '' : page.slice(next + 1);
  return `${page.slice(0, start)}${section}${rest ? `\n${rest}` : ''}`;
}

/** Runs the section and writes it into docs/benchmarks.md; returns the figures. */
export function runAndWriteSpofSection(gc: () => void): SpofBenchResult {
  const result = runSpofBench(gc);
  const page = path.join(repoRoot, 'docs/benchmarks.md');
  writeFileSync(page, replaceSpofSection(readFileSync(page, 'utf8'), renderSpofSection(result)));
  log('wrote its section of docs/benchmarks.md');
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const result = runAndWriteSpofSection(gc);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
