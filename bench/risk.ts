/**
 * The risk section of `npm run bench`, runnable alone: `npx tsx bench/risk.ts` (`--json` prints the figures).
 * `analyze risk` for 1,000 risks with scenarios on the generated catalog of 100k nodes at 10,000 simulated years
 * each (goal: under 10 s, in the heavy-work pool): every service has a BIA loss curve, so each risk's event costs
 * its scenario's business loss, and half the risks draw a duration factor per event. Also times the parts (the
 * scenarios' restore times, the years, the suggested single points) and measures pyfair's reference example.
 * Writes its section of docs/benchmarks.md and leaves the others as they are.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BiaFigures } from '../src/bia/business-impact.ts';
import { effectivePolicy } from '../src/bia/policy.ts';
import type { RiskSpec } from '../src/catalog/kinds/risk.kind.ts';
import { buildGraph } from '../src/engine/graph.ts';
import { analyzeRisks, scenarioOutages, suggestedRisks, type RiskDocument } from '../src/risk/analysis.ts';
import { quantifyRisks } from '../src/risk/quantify.ts';
import { generateInfrastructure, mulberry32 } from './generate.ts';

/** The heading of this bench's section of docs/benchmarks.md. */
export const RISK_HEADING = '## Risk analysis: 1,000 risks with scenarios on 100k nodes, 10,000 years each';

const GOAL_SECONDS = 10;
const NODES = 100_000;
const RISKS = 1000;
const RUNS = 10_000;
const REPEATS = 3;

const repoRoot = path.resolve(import.meta.dirname, '..');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** The figures of this section. */
export interface RiskBenchResult {
  nodes: number;
  services: number;
  risks: number;
  runs: number;
  /** Median of REPEATS runs of the whole analysis, and each run. */
  totalMs: number;
  totalRuns: number[];
  scenariosMs: number;
  yearsMs: number;
  suggestedMs: number;
  suggested: number;
  portfolioAle: number | null;
  pyfair: { runs: number; ale: number; closedForm: number; standardError: number };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

/** The bench's catalog: the generated infrastructure, a BIA loss curve per service, and 1,000 risks. */
function setUp() {
  const infrastructure = generateInfrastructure(NODES);
  const graph = buildGraph(infrastructure.nodes);
  const random = mulberry32(2026);
  const bias = new Map<string, BiaFigures>();
  for (const node of infrastructure.nodes) {
    if (!node.service) continue;
    // Money lost after 1h, 4h, 1d, 3d and 1w, growing with the tier's weight.
    const scale = [50_000, 20_000, 5_000, 1_000][node.service.tier - 1] ?? 1_000;
    const hour = scale * (0.5 + random());
    bias.set(node.id, {
      impacts: { financial: { '1h': 1, '4h': 2, '1d': 3, '3d': 4, '1w': 5 } },
      loss: { '1h': hour, '4h': 5 * hour, '1d': 30 * hour, '3d': 80 * hour, '1w': 150 * hour },
    });
  }
  const candidates = infrastructure.nodes.filter((node) => node.kind !== 'Service');
  const risks: RiskDocument[] = [];
  for (let i = 0; i < RISKS; i++) {
    const target = candidates[Math.floor(random() * candidates.length)]!;
    const likely = 0.05 + random() * 2;
    const spec: RiskSpec = {
      category: 'technical',
      owner: 'ops',
      description: `Loss of ${target.id}`,
      scenario: { fail: [target.id] },
      likelihood: 1 + Math.floor(random() * 5),
      impact: 1 + Math.floor(random() * 5),
      frequency: { min: likely / 4, likely, max: likely * 3 },
      // Half the risks draw a duration factor per event: the scenario's loss is evaluated for each event.
      ...(i % 2 === 0 && { durationFactor: { min: 0.7, likely: 1, max: 2.5 } }),
    };
    risks.push({ id: `risk-${String(i).padStart(4, '0')}`, spec });
  }
  return { graph, bias, risks, services: bias.size };
}

/** Runs the bench. */
export function runRiskBench(gc: () => void): RiskBenchResult {
  log(`risk: generating ${NODES.toLocaleString('en')} nodes and ${RISKS} risks`);
  const { graph, bias, risks, services } = setUp();
  const policy = effectivePolicy();
  const input = { graph, risks, policy, bias, today: '2026-06-01', runs: RUNS, seed: 1 };
  const totalRuns: number[] = [];
  let portfolioAle: number | null = null;
  for (let r = 0; r < REPEATS; r++) {
    gc();
    const run = timed(() => analyzeRisks(input));
    totalRuns.push(run.ms);
    portfolioAle = run.value.portfolio.ale;
    log(`risk: analyze risk ${Math.round(run.ms)} ms`);
  }
  gc();
  const scenarios = timed(() => risks.map((risk) => scenarioOutages(graph, risk.spec.scenario!.fail)));
  gc();
  const suggested = timed(() => suggestedRisks(graph, risks));
  const totalMs = median(totalRuns);
  // The part left is the years: pricing each scenario once, then the simulation.
  const yearsMs = Math.max(0, totalMs - scenarios.ms - suggested.ms);
  const part = { min: 3e6, likely: 3.5e6, max: 5e6 };
  const frequency = { min: 20, likely: 100, max: 900 };
  const pyfair = quantifyRisks([{ id: 'pyfair', frequency, loss: { ranges: [part, part] } }], {
    runs: RUNS,
    seed: 1,
  }).risks[0]!;
  const closedForm = (220 * (2 * (3 + 4 * 3.5 + 5) * 1e6)) / 6;
  // Var(year) = E[rate] E[X^2] + E[X]^2 Var(rate), X the loss of one event (two PERTs).
  const meanX = closedForm / 220;
  const varX = (2 * ((3.5e6 + 1e6 / 6 - 3e6) * (5e6 - 3.5e6 - 1e6 / 6))) / 7;
  const varRate = ((220 - 20) * (900 - 220)) / 7;
  const standardError = Math.sqrt((220 * (varX + meanX * meanX) + meanX * meanX * varRate) / RUNS);
  return {
    nodes: graph.n,
    services,
    risks: RISKS,
    runs: RUNS,
    totalMs,
    totalRuns,
    scenariosMs: scenarios.ms,
    yearsMs,
    suggestedMs: suggested.ms,
    suggested: suggested.value.length,
    portfolioAle,
    pyfair: { runs: RUNS, ale: pyfair.ale, closedForm, standardError },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The section as Markdown. */
export function renderRiskSection(result: RiskBenchResult): string {
  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`;
  const verdict = result.totalMs < GOAL_SECONDS * 1000 ? 'within' : 'over';
  return [
    RISK_HEADING,
    '',
    `\`analyze risk\` (src/risk/analysis.ts, as the heavy-work pool runs it) on the generated catalog of ${result.nodes.toLocaleString('en')} nodes`,
    `(${result.services.toLocaleString('en')} services, each with a BIA loss curve), ${result.risks.toLocaleString('en')} risks whose scenario fails one node, ${result.runs.toLocaleString('en')} simulated`,
    "years per risk; every event costs its scenario's business loss, and half the risks draw a duration factor per event.",
    `Median of ${result.totalRuns.length} runs on ${machine}.`,
    '',
    '| part | time |',
    '| --- | --- |',
    `| whole analysis (goal: under ${GOAL_SECONDS} s) | **${seconds(result.totalMs)}** (${verdict} the goal; runs: ${result.totalRuns.map(seconds).join(', ')}) |`,
    `| restore times of the 1,000 scenarios (once per risk) | ${seconds(result.scenariosMs)} |`,
    `| simulated years, scores, figures | ${seconds(result.yearsMs)} |`,
    `| single points of failure of tier 1 and 2 services (${result.suggested.toLocaleString('en')} suggested) | ${seconds(result.suggestedMs)} |`,
    '',
    `pyfair's reference (frequency PERT(20, 100, 900) a year, primary and secondary loss each PERT(3.0M, 3.5M, 5.0M),`,
    `${result.pyfair.runs.toLocaleString('en')} runs, seed 1): ALE ${(result.pyfair.ale / 1e9).toFixed(4)} billion against the closed form`,
    `${(result.pyfair.closedForm / 1e9).toFixed(4)} billion (one standard error: ${(result.pyfair.standardError / 1e6).toFixed(1)} million); pyfair's README reports about 1.613 billion.`,
    '',
  ].join('\n');
}

/** Replaces this bench's section of a benchmarks page (or appends it), keeping every other section. */
export function replaceRiskSection(page: string, section: string): string {
  const start = page.indexOf(`${RISK_HEADING}\n`);
  if (start === -1) return `${page.trimEnd()}\n\n${section}`;
  const next = page.indexOf('\n## ', start + RISK_HEADING.length);
  const rest = next === -1 ? '' : page.slice(next + 1);
  return `${page.slice(0, start)}${section}${rest ? `\n${rest}` : ''}`;
}

/** Runs the section and writes it into docs/benchmarks.md; returns the figures. */
export function runAndWriteRiskSection(gc: () => void): RiskBenchResult {
  const result = runRiskBench(gc);
  const page = path.join(repoRoot, 'docs/benchmarks.md');
  const previous = existsSync(page) ? readFileSync(page, 'utf8') : '';
  writeFileSync(page, replaceRiskSection(previous, renderRiskSection(result)));
  log('risk: wrote its section of docs/benchmarks.md');
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const result = runAndWriteRiskSection(gc);
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
