/**
 * `npm run bench` (`-- --json` for JSON on stdout): the engine on synthetic infrastructures of 10k, 100k and 1M
 * nodes against recursive CTEs (SQLite, PostgreSQL), graphology and a minimal typed-array BFS, all in one run on
 * the same graph; then the Aralia fault trees against SCRAM; then cut sets (bench/spof.ts, alone with `--only spof`);
 * then the engine with standbys, data and plans (bench/recovery.ts, alone with `--only recovery`); then the
 * server's health checks under heavy work (bench/server.ts, alone with `--only server`); then the objectives gap
 * of 100 scenarios on 100k nodes (bench/objectives.ts, alone with `--only objectives`); then `lifeboat import --from
 * csv` of a 100k-item export with 300k relations (bench/source-import.ts, alone with `--only source-import`).
 * Writes docs/benchmarks.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeImpact } from '../src/engine/analyze-impact.ts';
import { minimalCutSets } from '../src/engine/cut-sets.ts';
import { buildGraph, updateNode, type EngineGraph } from '../src/engine/graph.ts';
import { computeDownSet } from '../src/engine/impact.ts';
import { computeRestoreTimes } from '../src/engine/restore.ts';
import { catalogNetwork } from '../src/engine/spof.ts';
import { runAralia, type AraliaRow } from './aralia.ts';
import { edgesOf, graphologyBfs, minimalBfs, postgresCte, sqliteCte } from './baselines.ts';
import { describeInfrastructure, generateInfrastructure } from './generate.ts';
import { carryOtherSections, renderMarkdown } from './report.ts';
import { runAndWriteObjectivesSection } from './objectives.ts';
import { runAndWriteRecoverySection } from './recovery.ts';
import { runAndWriteRiskSection } from './risk.ts';
import { writeServerBench } from './server.ts';
import { runAndWriteSpofSection } from './spof.ts';
import { runAndWriteSourceImportSection } from './source-import.ts';

const json = process.argv.includes('--json');
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const repoRoot = path.resolve(import.meta.dirname, '..');
const pgUrl = process.env.LIFEBOAT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** A recursive CTE is skipped when its estimate from the previous size passes this many seconds. */
const CTE_BUDGET_SECONDS = 150;

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Median milliseconds of `runs` calls after one warm-up call. */
function time(runs: number, fn: () => unknown): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** Medians of `a` and `b` run alternately, so both see the same background load on a shared machine. */
function timePair(runs: number, a: () => unknown, b: () => unknown): [number, number, number, number] {
  a();
  b();
  const samplesA: number[] = [];
  const samplesB: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    a();
    samplesA.push(performance.now() - t);
    t = performance.now();
    b();
    samplesB.push(performance.now() - t);
  }
  const median = (xs: number[]): number => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return [median(samplesA), median(samplesB), samplesA[0]!, samplesB[0]!];
}

async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** One scenario's figures (milliseconds; null when skipped, with the reason in `notes`). */
export interface ScenarioResult {
  name: string;
  failed: string;
  downEngine: number;
  reachable: number;
  engineDownSetMs: number;
  engineDownSetBestMs: number;
  minimalBfsBestMs: number;
  engineRestoreMs: number;
  engineFullMs: number;
  minimalBfsMs: number;
  graphologyMs: number;
  sqliteMs: number | null;
  postgresMs: number | null;
  notes: string[];
}

/** One size's figures. */
export interface SizeResult {
  target: number;
  nodes: number;
  edges: number;
  groupShare: number;
  buildMs: number;
  bytesPerNode: number;
  typedArrayBytesPerNode: number;
  editMs: number;
  graphologyBuildMs: number;
  sqliteLoadMs: number;
  postgresLoadMs: number | null;
  scenarios: ScenarioResult[];
  cutSets: { services: number; ms: number; order1: number; order2: number; largest: number } | null;
}

function typedBytes(graph: EngineGraph): number {
  let total = 0;
  for (const value of Object.values(graph)) if (ArrayBuffer.isView(value)) total += value.byteLength;
  return total;
}

const previousCte = new Map<string, number>();

async function runSize(target: number): Promise<SizeResult> {
  log(`== ${target.toLocaleString('en')} nodes`);
  const infrastructure = generateInfrastructure(target);
  const shape = describeInfrastructure(infrastructure.nodes);
  gc();
  const before = process.memoryUsage();
  let graph = buildGraph(infrastructure.nodes);
  gc();
  const after = process.memoryUsage();
  const bytes = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
  const buildMs = time(target >= 1_000_000 ? 2 : 3, () => (graph = buildGraph(infrastructure.nodes)));
  log(`build ${buildMs.toFixed(0)} ms, ${(bytes / graph.n).toFixed(0)} B/node`);

  // An edit: add a dependency to one application, then remove it again; time per edit.
  const app = infrastructure.nodes.find((n) => n.id.startsWith('app-'))!;
  const edited = { ...app, requires: [...app.requires, infrastructure.firstSite] };
  let edits = 0;
  const editMs = time(200, () => updateNode(graph, edits++ % 2 === 0 ? edited : app));
  updateNode(graph, app);
  graph = buildGraph(infrastructure.nodes);

  const edges = edgesOf(graph);
  const floor = minimalBfs(graph.n, edges);
  let t = performance.now();
  const gBfs = graphologyBfs(graph.ids, edges);
  const graphologyBuildMs = performance.now() - t;
  t = performance.now();
  const sqlite = sqliteCte(edges);
  const sqliteLoadMs = performance.now() - t;
  t = performance.now();
  const postgres = await postgresCte(pgUrl, edges);
  const postgresLoadMs = postgres ? performance.now() - t : null;
  log(
    `baselines loaded: graphology ${graphologyBuildMs.toFixed(0)} ms, sqlite ${sqliteLoadMs.toFixed(0)} ms`,
  );

  const scenarios: ScenarioResult[] = [];
  const runs = target >= 1_000_000 ? 9 : 15;
  for (const [name, failed] of [
    ['site failure', infrastructure.firstSite],
    ['root failure (cascades to everything)', infrastructure.root],
  ] as const) {
    const source = graph.index.get(failed)!;
    const notes: string[] = [];
    const downSet = computeDownSet(graph, [source]);
    const [engineDownSetMs, minimalBfsMs, engineDownSetBestMs, minimalBfsBestMs] = timePair(
      runs,
      () => computeDownSet(graph, [source]),
      () => floor(source),
    );
    const engineRestoreMs = time(3, () => computeRestoreTimes(graph, downSet));
    const engineFullMs = time(target >= 1_000_000 ? 1 : 3, () => analyzeImpact(graph, [failed]));
    const reachable = floor(source);
    const graphologyMs = time(3, () => gBfs(failed));
    const cteRuns = target >= 1_000_000 ? 1 : 3;
    const key = name;
    const estimate = (engine: string): number | undefined => {
      const ms = previousCte.get(`${engine}:${key}`);
      // Sizes grow tenfold; a recursive CTE's work grows at least linearly with the edges it reaches.
      return ms === undefined ? undefined : ms * 10;
    };
    let sqliteMs: number | null = null;
    const sqliteEstimate = estimate('sqlite');
    if (sqliteEstimate !== undefined && sqliteEstimate / 1000 > CTE_BUDGET_SECONDS) {
      notes.push(`SQLite CTE skipped: estimated ${(sqliteEstimate / 1000).toFixed(0)} s from the size below`);
    } else {
      sqlite.query(source);
      sqliteMs = time(cteRuns, () => sqlite.query(source));
      previousCte.set(`sqlite:${key}`, sqliteMs);
    }
    let postgresMs: number | null = null;
    const postgresEstimate = estimate('postgres');
    if (!postgres) notes.push(`PostgreSQL unreachable at ${new URL(pgUrl).host}: skipped`);
    else if (postgresEstimate !== undefined && postgresEstimate / 1000 > CTE_BUDGET_SECONDS) {
      notes.push(
        `PostgreSQL CTE skipped: estimated ${(postgresEstimate / 1000).toFixed(0)} s from the size below`,
      );
    } else {
      await postgres.query(source);
      postgresMs = await timeAsync(cteRuns, () => postgres.query(source));
      previousCte.set(`postgres:${key}`, postgresMs);
    }
    const result: ScenarioResult = {
      name,
      failed,
      downEngine: downSet.order.length,
      reachable,
      engineDownSetMs,
      engineDownSetBestMs,
      minimalBfsBestMs,
      engineRestoreMs,
      engineFullMs,
      minimalBfsMs,
      graphologyMs,
      sqliteMs,
      postgresMs,
      notes,
    };
    log(JSON.stringify(result));
    scenarios.push(result);
  }
  sqlite.close();
  await postgres?.close();

  let cutSets: SizeResult['cutSets'] = null;
  if (target <= 100_000) {
    const tops = infrastructure.tier1.map((id) => graph.index.get(id)!);
    let families = minimalCutSets(catalogNetwork(graph), tops, 2);
    const ms = time(
      target <= 10_000 ? 3 : 1,
      () => (families = minimalCutSets(catalogNetwork(graph), tops, 2)),
    );
    let order1 = 0;
    let order2 = 0;
    families.forEach((family, i) => {
      for (const set of family) {
        if (set.length === 1 && set[0] !== tops[i]) order1++;
        if (set.length === 2) order2++;
      }
    });
    cutSets = {
      services: tops.length,
      ms,
      order1,
      order2,
      largest: Math.max(...families.map((f) => f.length - 1)),
    };
    log(`cut sets: ${JSON.stringify(cutSets)}`);
  }
  return {
    target,
    nodes: shape.nodes,
    edges: shape.edges,
    groupShare: shape.groupShare,
    buildMs,
    bytesPerNode: bytes / graph.n,
    typedArrayBytesPerNode: typedBytes(graph) / graph.n,
    editMs,
    graphologyBuildMs,
    sqliteLoadMs,
    postgresLoadMs,
    scenarios,
    cutSets,
  };
}

/** The machine, from the os module at bench time. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  loadAverage: number[];
}

const machine: Machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
};

// `--sizes=10000,100000` and `--skip-aralia` shorten a run while working on the bench itself; `--only spof`
// runs the cut-set section alone (bench/spof.ts), `--only recovery` the recovery-strategies section
// (bench/recovery.ts), `--only server` the server section (bench/server.ts).
const onlyAt = process.argv.indexOf('--only');
const only =
  process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ??
  (onlyAt === -1 ? undefined : process.argv[onlyAt + 1]);
if (only !== undefined && !['spof', 'recovery', 'server', 'objectives', 'source-import'].includes(only)) {
  throw new Error(
    `--only takes "spof", "recovery", "server", "objectives" or "source-import" (the sections that run alone), got "${only}"`,
  );
}

async function runAll(): Promise<void> {
  const sizesArgument = process.argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length);
  const targets = sizesArgument ? sizesArgument.split(',').map(Number) : [10_000, 100_000, 1_000_000];
  // The Aralia models run first, each after a full garbage collection, so the large graphs below leave no
  // collection work behind to land inside their timings.
  const aralia: AraliaRow[] = process.argv.includes('--skip-aralia')
    ? []
    : runAralia(path.resolve(repoRoot, '../shared/data/aralia'), 3_000_000, log, gc);
  const sizes: SizeResult[] = [];
  for (const target of targets) sizes.push(await runSize(target));
  const results = { machine, date: new Date().toISOString(), sizes, aralia };
  const page = path.join(repoRoot, 'docs/benchmarks.md');
  // Other benches own other sections of the page (bench/catalog-import.ts): keep them.
  const previous = existsSync(page) ? readFileSync(page, 'utf8') : '';
  writeFileSync(page, carryOtherSections(previous, renderMarkdown(results)));
  log('wrote docs/benchmarks.md');
  const spof = runAndWriteSpofSection(gc);
  const recovery = runAndWriteRecoverySection(gc, targets);
  const risk = runAndWriteRiskSection(gc);
  if (json) process.stdout.write(`${JSON.stringify({ ...results, spof, recovery, risk }, null, 2)}\n`);
  runAndWriteObjectivesSection(gc);
  await runAndWriteSourceImportSection();
  // Last: it starts the server as a child process and writes its own section.
  await writeServerBench();
}

if (only === 'spof') {
  const spof = runAndWriteSpofSection(gc);
  if (json) process.stdout.write(`${JSON.stringify(spof, null, 2)}\n`);
} else if (only === 'recovery') {
  const recovery = runAndWriteRecoverySection(gc);
  if (json) process.stdout.write(`${JSON.stringify(recovery, null, 2)}\n`);
} else if (only === 'objectives') {
  const objectives = runAndWriteObjectivesSection(gc);
  if (json) process.stdout.write(`${JSON.stringify(objectives, null, 2)}\n`);
} else if (only === 'source-import') await runAndWriteSourceImportSection();
else if (only === 'server') await writeServerBench();
else await runAll();
