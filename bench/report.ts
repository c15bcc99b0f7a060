/** Renders the benchmark results as docs/benchmarks.md. */
import type { AraliaRow } from './aralia.ts';
import type { Machine, SizeResult } from './run.ts';

const ms = (value: number | null): string =>
  value === null
    ? 'skipped'
    : value < 10
      ? value.toFixed(2)
      : value < 100
        ? value.toFixed(1)
        : value.toFixed(0);
const ratio = (a: number | null, b: number): string =>
  a === null ? '–' : `${(a / b).toFixed(a / b < 10 ? 1 : 0)}x`;
const count = (n: number): string => n.toLocaleString('en');

/** The whole markdown file. */
export function renderMarkdown(results: {
  machine: Machine;
  date: string;
  sizes: SizeResult[];
  aralia: AraliaRow[];
  /** Set when the Aralia table comes from another run than the engine tables (see the file's Run line). */
  araliaDate?: string;
}): string {
  const { machine, sizes, aralia } = results;
  const lines: string[] = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); `npm run -s bench -- --json` prints the same figures as JSON alone',
    '(progress goes to stderr). Every figure comes from one run on one machine, the engine and its alternatives on',
    'the same graph. Times are medians of several runs after a warm-up (one run for the slowest cases), in',
    'milliseconds. The run takes about 15 minutes on 2 cores.',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, Node ${machine.node}, ${machine.platform}` +
      ` (load average at the start: ${machine.loadAverage.join(', ')}; other work shared the machine, so expect noise).`,
    results.araliaDate === undefined
      ? `Run: ${results.date}.`
      : `Runs: engine tables ${results.date}; Aralia table ${results.araliaDate} (a later run, in which the 1M-node` +
        ' graph ran close to the heap limit and its figures were dominated by garbage collection).',
    '',
    '## Engine: synthetic infrastructures',
    '',
    'bench/generate.ts builds a seeded infrastructure: one backbone vendor every site relies on, sites, power feeds,',
    'switches, storage, hosts, VMs, databases (half of them 2-of-3 replicas across sites), applications (VM pairs),',
    'IT services (half behind a redundant application pair) and business services; 10% of services are tier 1.',
    '',
    '| target | nodes | edges | edges in groups | build from EngineNode[] | memory per node | typed arrays per node | one edit (add/remove a dependency) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of sizes) {
    lines.push(
      `| ${count(s.target)} | ${count(s.nodes)} | ${count(s.edges)} | ${(s.groupShare * 100).toFixed(0)}% | ${ms(s.buildMs)} ms | ${s.bytesPerNode.toFixed(0)} B | ${s.typedArrayBytesPerNode.toFixed(0)} B | ${(s.editMs * 1000).toFixed(1)} µs |`,
    );
  }
  lines.push(
    '',
    'Memory per node is the growth of the JavaScript heap plus array buffers while building (the id map and id',
    'array included); the typed-array column is the CSR alone. An edit appends to the pools and the overflow',
    'lists (see src/engine/graph.ts) instead of rebuilding.',
    '',
    '### Impact of one failure',
    '',
    'The engine computes the least fixed point with redundancy groups; every other column is plain reachability',
    '(no redundancy logic), which over-approximates the down set when a group survives ("reached" vs "down").',
    '"engine, full" is `analyzeImpact`: down set, restore times, cause chains, service breaches, all as JSON objects.',
    '',
    '| nodes | scenario | down (engine) | reached (plain BFS) | engine down set | minimal BFS (floor) | engine / floor (median; best) | graphology BFS | SQLite CTE | PostgreSQL CTE | CTE / engine | restore times | engine, full |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  const notes: string[] = [];
  for (const s of sizes) {
    for (const sc of s.scenarios) {
      const fastestCte = [sc.sqliteMs, sc.postgresMs].filter((x): x is number => x !== null);
      lines.push(
        `| ${count(s.nodes)} | ${sc.name} | ${count(sc.downEngine)} | ${count(sc.reachable)} | ${ms(sc.engineDownSetMs)} | ${ms(sc.minimalBfsMs)} | ${ratio(sc.engineDownSetMs, sc.minimalBfsMs)}; ${ratio(sc.engineDownSetBestMs, sc.minimalBfsBestMs)} | ${ms(sc.graphologyMs)} | ${ms(sc.sqliteMs)} | ${ms(sc.postgresMs)} | ${fastestCte.length ? ratio(Math.min(...fastestCte), sc.engineDownSetMs) : '–'} | ${ms(sc.engineRestoreMs)} | ${ms(sc.engineFullMs)} |`,
      );
      for (const note of sc.notes) notes.push(`- ${count(s.nodes)} nodes, ${sc.name}: ${note}.`);
    }
  }
  if (notes.length) lines.push('', ...notes);
  lines.push(
    '',
    'Loading the baselines (not in the times above): ' +
      sizes
        .map(
          (s) =>
            `${count(s.nodes)} nodes: graphology ${ms(s.graphologyBuildMs)} ms, SQLite ${ms(s.sqliteLoadMs)} ms, PostgreSQL ${ms(s.postgresLoadMs)} ms`,
        )
        .join('; ') +
      '.',
    '',
    goals(sizes),
    '',
    '### Minimal cut sets up to order 2 of every tier-1 service',
    '',
    '| nodes | tier-1 services | time | cut sets of order 1 | of order 2 | most in one service |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const s of sizes) {
    if (!s.cutSets) continue;
    const c = s.cutSets;
    lines.push(
      `| ${count(s.nodes)} | ${c.services} | ${ms(c.ms)} ms | ${count(c.order1)} | ${count(c.order2)} | ${count(c.largest)} |`,
    );
  }
  lines.push('', ...araliaSection(aralia), '');
  return lines.join('\n');
}

function goals(sizes: SizeResult[]): string {
  const big = sizes.at(-1);
  const root = big?.scenarios.at(-1);
  if (!big || !root) return '';
  const ctes = [root.sqliteMs, root.postgresMs].filter((x): x is number => x !== null);
  const cteText = ctes.length
    ? `${(Math.min(...ctes) / root.engineDownSetMs).toFixed(0)}x faster than the fastest recursive CTE that ran ` +
      `(the minimal BFS itself is ${(Math.min(...ctes) / root.minimalBfsMs).toFixed(0)}x faster than it, the most any ` +
      'traversal in this process could reach)'
    : 'the recursive CTEs were skipped at this size (see the notes); compare at the sizes below';
  return (
    `Goals, whole-graph impact on ${count(big.nodes)} nodes: ${(root.engineDownSetMs / root.minimalBfsMs).toFixed(2)}x the ` +
    `minimal BFS by median, ${(root.engineDownSetBestMs / root.minimalBfsBestMs).toFixed(2)}x by best run (goal: within 2x); ` +
    `${cteText} (goal: at least 100x). The engine and the floor were timed alternately, run after run, so ` +
    'both saw the same background load.'
  );
}

function araliaSection(rows: AraliaRow[]): string[] {
  if (rows.length === 0) return ['## Aralia fault trees', '', 'Skipped: ../shared/data/aralia not found.'];
  const yes = (b: boolean | null): string => (b === null ? '–' : b ? 'yes' : '**no**');
  const sec = (x: number | null): string => (x === null ? '–' : `${x.toFixed(2)} s`);
  const out = [
    '## Aralia fault trees against SCRAM',
    '',
    'Open-PSA MEF models read by src/engine/fault-tree/mef.ts. "Order <= 2" is the engine\'s bounded cut-set code',
    '(the one `analyzeSpof` runs) against SCRAM\'s `upToOrder2`; "all" counts every minimal cut set up to order 20',
    "on a ZBDD without listing them (src/engine/fault-tree/count.ts) against SCRAM's count. SCRAM times are wall",
    'times of its fastest algorithm with the process start (from reference.json, measured on a 2-core machine of',
    'the same kind); engine times exclude reading the XML.',
    '',
    '| model | events | gates | order <= 2 | SCRAM | same sets | engine | SCRAM (L2) | all | SCRAM | same count | engine | SCRAM (all) | note |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    out.push(
      `| ${r.model} | ${r.events ?? '–'} | ${r.gates ?? '–'} | ${r.order2 ?? '–'} | ${r.order2Reference ?? '–'} | ${yes(r.order2Match)} | ${r.order2Ms === null ? '–' : `${ms(r.order2Ms)} ms`} | ${sec(r.scramOrder2Seconds)} | ${r.allCount === null ? '–' : count(r.allCount)} | ${r.allReference === null ? 'unsolved' : count(r.allReference)} | ${yes(r.allMatch)} | ${r.allMs === null ? '–' : `${ms(r.allMs)} ms`} | ${sec(r.scramAllSeconds)} | ${r.note} |`,
    );
  }
  const coherent = rows.filter((r) => r.coherent);
  const matched = coherent.filter((r) => r.order2Match).length;
  const counted = rows.filter((r) => r.allMatch !== null);
  out.push(
    '',
    `Order <= 2: ${matched} of ${coherent.length} coherent models give exactly SCRAM's sets. ` +
      `Full counts: ${counted.filter((r) => r.allMatch).length} of ${counted.length} counted models where SCRAM has a count match it.`,
  );
  return out;
}

/** The `## ` sections of a page by heading (the text before the first one is left out). */
function sectionsOf(page: string): Map<string, string> {
  const sections = new Map<string, string>();
  const parts = `\n${page}`.split('\n## ').slice(1);
  for (const part of parts) sections.set(part.slice(0, part.indexOf('\n')), `## ${part.trimEnd()}\n`);
  return sections;
}

/** The new page with every section the engine bench does not write (such as the catalog bench's) carried over. */
export function carryOtherSections(previous: string, next: string): string {
  const ours = sectionsOf(next);
  const carried = [...sectionsOf(previous)].filter(([heading]) => !ours.has(heading)).map(([, text]) => text);
  return carried.length === 0 ? next : `${next.trimEnd()}\n\n${carried.join('\n')}`;
}
