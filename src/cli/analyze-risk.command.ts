import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { currentDate } from '../catalog/check/check-catalog.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import { buildGraph } from '../engine/index.ts';
import { figuresOf } from '../bia/current.ts';
import { analyzeRisks, type RiskAnalysis } from '../risk/analysis.ts';
import { createGraphProvider } from '../server/services/graph-provider.ts';
import { createHeavyWork } from '../server/services/heavy-work.ts';
import { createRiskService } from '../server/services/risk.service.ts';
import { fileBia } from './analyze-bia.command.ts';
import { loadCheckedCatalog } from './catalog-source.ts';
import { formatTable } from './output.ts';
import { openCommandDatabase } from './import.command.ts';

/** The risk analysis of catalog files: every assessment in the files counts as approved, as for plans. */
async function fromFiles(
  catalogPath: string,
  options: { runs?: number; seed?: number },
): Promise<RiskAnalysis> {
  const documents = await loadCheckedCatalog('analyze risk', catalogPath, 'fix them to analyse it');
  const { policy, current } = fileBia(documents);
  return analyzeRisks({
    graph: buildGraph(toEngineNodes(documents)),
    risks: documents.flatMap((document) =>
      document.kind === 'Risk' ? [{ id: document.metadata.id, spec: document.spec }] : [],
    ),
    policy,
    bias: figuresOf(current),
    today: currentDate(),
    ...options,
  });
}

/** The risk analysis of the database: approved assessments only, as the server computes it. */
async function fromDatabase(options: { runs?: number; seed?: number }): Promise<RiskAnalysis> {
  const database = await openCommandDatabase('analyze risk');
  try {
    const graphs = createGraphProvider({ database });
    const work = createHeavyWork({ threads: 0 });
    return await createRiskService({ database, graphs, work, now: () => new Date() }).analysis(options);
  } finally {
    await database.close();
  }
}

/** An amount as a person reads it: whole units with thousands separators, `-` when not quantified. */
function money(value: number | null): string {
  return value === null ? '-' : Math.round(value).toLocaleString('en-GB');
}

/**
 * The risk analysis as a person reads it: one row per risk by ALE (unquantified ones last, by score), the
 * portfolio, then the single points of failure no risk names yet.
 */
export function formatRiskAnalysis(analysis: RiskAnalysis): string {
  const quantified = analysis.risks.filter((risk) => risk.ale !== null).length;
  const risks = [...analysis.risks].sort(
    (a, b) => (b.ale ?? -1) - (a.ale ?? -1) || b.score - a.score || (a.id < b.id ? -1 : 1),
  );
  const rows = [
    ['RISK', 'SCORE', 'RESIDUAL', 'APPETITE', 'EVENTS/YEAR', 'LOSS/EVENT', 'ALE', 'P90', 'P99', 'P(LOSS)'],
    ...risks.map((risk) => [
      risk.id,
      String(risk.score),
      risk.residualScore === null ? '-' : String(risk.residualScore),
      risk.aboveAppetite ? 'ABOVE' : 'within',
      risk.frequencyMean === null ? '-' : risk.frequencyMean.toPrecision(3),
      money(risk.lossPerEventMean),
      money(risk.ale),
      money(risk.p90),
      money(risk.p99),
      risk.probabilityOfLoss === null ? '-' : `${(100 * risk.probabilityOfLoss).toFixed(1)}%`,
    ]),
  ];
  const { portfolio } = analysis;
  const lines = [
    `risks: ${analysis.risks.length} (${quantified} quantified over ${analysis.runs.toLocaleString('en-GB')} simulated years, seed ${analysis.seed}); appetite: score ${analysis.appetite}; amounts in ${analysis.currency}`,
  ];
  if (analysis.risks.length > 0) lines.push('', formatTable(rows));
  if (portfolio.ale !== null)
    lines.push(
      '',
      `portfolio: ALE ${money(portfolio.ale)}, p90 ${money(portfolio.p90)}, p95 ${money(portfolio.p95)}, p99 ${money(portfolio.p99)} a year`,
    );
  if (analysis.risks.length > quantified)
    lines.push('-: not quantified (no frequency, or neither a loss range nor a scenario with a BIA loss)');
  lines.push('');
  if (analysis.suggested.length === 0)
    lines.push(
      'suggested risks: none (every single point of failure under a tier 1 or 2 service has a risk)',
    );
  else
    lines.push(
      `suggested risks: ${analysis.suggested.length} single points of failure under tier 1 or 2 services that no risk names`,
      '',
      formatTable([
        ['NODE', 'SERVICES IT TAKES DOWN'],
        ...analysis.suggested.map((point) => [point.node, point.services.join(', ')]),
      ]),
    );
  return lines.join('\n');
}

function parseWhole(min: number, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min || number > max)
      throw new InvalidArgumentError(
        `expected a whole number from ${min} to ${max.toLocaleString('en-GB')}.`,
      );
    return number;
  };
}

/** `lifeboat analyze risk [catalog]`. */
export function registerAnalyzeRisk(analyze: Command): void {
  analyze
    .command('risk')
    .description(
      "the risk register: each risk's score against the appetite, its annual loss by Monte Carlo simulation, and the single points of failure no risk names",
    )
    .argument('[catalog]', 'a catalog file or folder (default: the database)')
    .option(
      '--runs <n>',
      "years simulated per risk (default: the policy's, 10,000)",
      parseWhole(100, 1_000_000),
    )
    .option(
      '--seed <s>',
      'seed of the simulation: the same seed gives the same answer (default 1)',
      parseWhole(0, 2 ** 32 - 1),
    )
    .option('--json', 'print the result as JSON')
    .action(
      async (catalogPath: string | undefined, flags: { runs?: number; seed?: number; json?: boolean }) => {
        const options = {
          ...(flags.runs !== undefined && { runs: flags.runs }),
          ...(flags.seed !== undefined && { seed: flags.seed }),
        };
        const analysis =
          catalogPath === undefined ? await fromDatabase(options) : await fromFiles(catalogPath, options);
        process.stdout.write(
          `${flags.json ? JSON.stringify(analysis, null, 2) : formatRiskAnalysis(analysis)}\n`,
        );
      },
    );
}
