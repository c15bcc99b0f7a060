import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { didYouMean } from '../catalog/check/suggest.ts';
import { formatDuration } from '../catalog/duration.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import { analyzeImpact, analyzeSpof, buildGraph, UnknownIdError } from '../engine/index.ts';
import type { ImpactResult, SpofResult } from '../engine/index.ts';
import {
  createAnalysisService,
  nameSinglePoints,
  SERVICES_PER_POINT,
} from '../server/services/analysis.service.ts';
import { topSinglePoints } from '../server/services/heavy-work.tasks.ts';
import type { NamedSinglePoint } from '../server/services/analysis.service.ts';
import { createGraphProvider } from '../server/services/graph-provider.ts';
import { CatalogError } from '../server/services/errors.ts';
import {
  followScenario,
  objectivePlans,
  objectiveRisks,
  objectiveScenarios,
  objectivesGap,
  planScenario,
} from '../plans/objectives.ts';
import type { ObjectivesGap } from '../plans/objectives.ts';
import { fileApprovalNote, fileApprovedPlan } from '../plans/versions.ts';
import { fileBusinessImpact, formatBusinessImpact, registerAnalyzeBia } from './analyze-bia.command.ts';
import { registerAnalyzeRisk } from './analyze-risk.command.ts';
import { registerAnalyzeSuppliers } from './analyze-suppliers.command.ts';
import { registerAnalyzeExercises } from './analyze-exercises.command.ts';
import { registerAnalyzeCompliance } from './analyze-compliance.command.ts';
import { loadCheckedCatalog } from './catalog-source.ts';
import { openCommandDatabase } from './import.command.ts';
import { fail, formatTable, minutesText } from './output.ts';

/** The engine's two questions, asked of a catalog path or, without one, of the database. */
interface Analysis {
  impact(fail: string[]): Promise<ImpactResult>;
  spof(options: { service?: string; maxOrder: number }): Promise<SpofResult>;
  /** The worst single points of failure, ranked by the services they take down weighted by tier, with names. */
  singlePoints(limit: number): Promise<{ total: number; points: NamedSinglePoint[] }>;
  /** The impact of a plan's scenario (or of `fail`) with restore times that follow the plan's steps. */
  followPlan(plan: string, fail: string[] | undefined): Promise<ImpactResult>;
  /** The ids of the plans, to suggest one for a typo. */
  planIds(): Promise<string[]>;
  /** Every service against its RTO and RPO in each site's, vendor's and plan's scenario. */
  objectives(): Promise<ObjectivesGap>;
  /** The ids a failure may name (Services, Components, Sites, Vendors), to suggest one for a typo. */
  failureIds(): Promise<Iterable<string>>;
  close(): Promise<void>;
  /** What a reader should know about the source, said once under a table (none for the database). */
  note?: string;
}

async function openAnalysis(command: string, catalogPath: string | undefined): Promise<Analysis> {
  if (catalogPath !== undefined) {
    // Analysing writes nothing: the refusal says what to do instead of what was not written.
    const documents = await loadCheckedCatalog(command, catalogPath, 'fix them to analyse it');
    const nodes = toEngineNodes(documents);
    const graph = buildGraph(nodes);
    const costed = fileBusinessImpact(documents);
    const plans = documents.filter(
      (document) => document.kind === 'Plan' && fileApprovedPlan(document).spec.status === 'approved',
    ).length;
    return {
      // Files have no approvals of their own: their plans count as approved (the repository reviewed them).
      ...(plans > 0 && { note: fileApprovalNote(plans) }),
      // What a scenario costs, from the files' BIA.
      impact: (ids) => Promise.resolve(costed(analyzeImpact(graph, ids))),
      spof: (options) => Promise.resolve(analyzeSpof(graph, options)),
      singlePoints: (limit) => {
        const names = new Map(documents.map((d) => [d.metadata.id, d.metadata.name ?? d.metadata.id]));
        const tiers = new Map(nodes.map((node) => [node.id, node.service?.tier ?? 4]));
        const ranked = topSinglePoints(graph, limit, SERVICES_PER_POINT);
        return Promise.resolve(
          nameSinglePoints(
            ranked,
            (id) => names.get(id) ?? id,
            (id) => tiers.get(id) ?? 4,
          ),
        );
      },
      objectives: () =>
        Promise.resolve(
          objectivesGap(
            graph,
            objectiveScenarios(nodes, objectivePlans(documents), objectiveRisks(documents)),
          ),
        ),
      followPlan: (id, fail) => {
        const plan = documents.find((document) => document.kind === 'Plan' && document.metadata.id === id);
        if (plan?.kind !== 'Plan') throw new CatalogError('not-found', `No Plan has the id "${id}"`);
        const scenario = planScenario({ id, spec: plan.spec });
        return Promise.resolve(costed(followScenario(graph, fail ? { ...scenario, fail } : scenario)));
      },
      planIds: () =>
        Promise.resolve(documents.filter((document) => document.kind === 'Plan').map((d) => d.metadata.id)),
      failureIds: () => Promise.resolve(nodes.map((node) => node.id)),
      close: () => Promise.resolve(),
    };
  }
  const database = await openCommandDatabase(command);
  const graphs = createGraphProvider({ database });
  const service = createAnalysisService({ database, graphs });
  return {
    impact: (ids) => service.impact(ids),
    spof: (options) => service.spof(options),
    singlePoints: (limit) => service.singlePoints(limit),
    objectives: () => service.objectives(),
    followPlan: (id, fail) => service.followPlan(id, fail),
    planIds: async () =>
      (await graphs.catalog()).documents.filter((d) => d.kind === 'Plan').map((d) => d.metadata.id),
    failureIds: async () => (await graphs.engine()).nodes.keys(),
    close: () => database.close(),
  };
}

/**
 * Runs one analysis. An unknown id among `named` (the ids the user typed, with the option that took them) is
 * bad usage (exit 2): the message names it and, as `lifeboat check` does, the closest id when it looks like a typo.
 */
async function run<T>(
  command: string,
  catalogPath: string | undefined,
  named: { option: string; ids: readonly string[] },
  work: (analysis: Analysis) => Promise<T>,
) {
  const analysis = await openAnalysis(command, catalogPath);
  try {
    if (named.ids.length > 0) {
      const known = new Set(await analysis.failureIds());
      const unknown = named.ids.find((id) => !known.has(id));
      if (unknown !== undefined)
        fail(command, `${new UnknownIdError(unknown, named.option).message}${didYouMean(unknown, known)}`, 2);
    }
    return await work(analysis);
  } catch (error) {
    if (error instanceof UnknownIdError) fail(command, error.message, 2);
    if (error instanceof CatalogError) fail(command, error.detail, 2);
    throw error;
  } finally {
    await analysis.close();
  }
}

/** A table with the source's note under it, when there is one. */
function withNote(text: string, note: string | undefined): string {
  return note === undefined ? text : `${text}\n\n${note}`;
}

/** What `--fail-on` can gate on: `breach`, any objective (RTO, MTPD, RPO) breached. */
const FAIL_ON = ['breach'] as const;

/** One objective a service missed, with what it measures: minutes back (RTO, MTPD) or minutes of data lost (RPO). */
interface Missed {
  objective: 'RTO' | 'MTPD' | 'RPO';
  /** The objective's minutes. */
  limitMinutes: number;
  /** Restore time or data loss; null when never back or unbounded. */
  minutes: number | null;
  /** False when `minutes` is a lower bound, or for an RPO, part of the loss is unknown (the breach holds even so). */
  known: boolean;
}

/** A service (in a scenario, for the objectives gap) that missed at least one objective. */
export interface Breach {
  service: string;
  scenario?: string;
  missed: Missed[];
}

/** By how much an objective is missed: `RTO by 1h35m`, `RTO by at least 10m`, `RTO (never back)`, `RPO (unbounded)`. */
function missedText(missed: Missed): string {
  if (missed.minutes === null) {
    if (missed.objective !== 'RPO') return `${missed.objective} (never back)`;
    // Null data loss over the RPO: no copy left (unbounded), or a known part already over it and the rest unknown.
    return `RPO (${missed.known ? 'unbounded: no copy of the data left' : 'by an unknown amount: part of the loss is unknown'})`;
  }
  const over = formatDuration(missed.minutes - missed.limitMinutes);
  return `${missed.objective} by ${missed.known ? '' : 'at least '}${over}`;
}

/** The objectives a service's result breaches, each with how far it is from its limit. */
function missedOf(
  result: {
    restoreMinutes: number | null;
    restoreKnown: boolean;
    dataLossMinutes: number | null;
    /** The impact says whether a loss is known; the objectives gap only gives the loss (null: unbounded). */
    dataLossKnown?: boolean;
    rtoBreach: boolean | null;
    rpoBreach: boolean | null;
    mtpdBreach?: boolean | null;
  },
  limits: { rtoMinutes: number | null; rpoMinutes: number | null; mtpdMinutes?: number | null },
): Missed[] {
  const restore = { minutes: result.restoreMinutes, known: result.restoreKnown };
  const loss = { minutes: result.dataLossMinutes, known: result.dataLossKnown ?? true };
  return (
    [
      ['RTO', result.rtoBreach, limits.rtoMinutes, restore],
      ['MTPD', result.mtpdBreach, limits.mtpdMinutes, restore],
      ['RPO', result.rpoBreach, limits.rpoMinutes, loss],
    ] as const
  ).flatMap(([objective, breached, limit, measured]) =>
    breached === true && limit !== null && limit !== undefined
      ? [{ objective, limitMinutes: limit, ...measured }]
      : [],
  );
}

/** The services whose RTO, MTPD or RPO the failure breaches, by how much. */
export function breachesOf(result: ImpactResult): Breach[] {
  return result.services.flatMap((service) => {
    const missed = missedOf(service, service);
    return missed.length > 0 ? [{ service: service.id, missed }] : [];
  });
}

/** Every service and scenario of the objectives gap that breaches an RTO or RPO, by how much. */
export function objectivesBreaches(gap: ObjectivesGap): Breach[] {
  return gap.services.flatMap((service) =>
    service.results.flatMap((result) => {
      const missed = missedOf(result, service);
      return missed.length > 0 ? [{ service: service.id, scenario: result.scenario, missed }] : [];
    }),
  );
}

/**
 * `--fail-on breach`: when any breach is found, says on standard error which services missed which objective and
 * by how much (`pay in dc-a (RTO by 1h35m, RPO by 10m)`), and sets exit code 1.
 */
function failOnBreach(
  command: string,
  failOn: (typeof FAIL_ON)[number] | undefined,
  breaches: readonly Breach[],
  objectives: string,
): void {
  if (failOn !== 'breach' || breaches.length === 0) return;
  const count = breaches.length === 1 ? '1 breach' : `${breaches.length} breaches`;
  const listed = breaches.map(
    (breach) =>
      `${breach.service}${breach.scenario === undefined ? '' : ` in ${breach.scenario}`} (${breach.missed.map(missedText).join(', ')})`,
  );
  process.stderr.write(
    `lifeboat ${command}: error: ${count} of ${objectives} (--fail-on breach): ${listed.join(', ')}\n`,
  );
  process.exitCode = 1;
}

/** A service's data loss as a person reads it: `-` for none, `unbounded` (no copy left) or `unknown`. */
function lossText(service: ImpactResult['services'][number]): string {
  if (service.dataLossMinutes === null) return service.dataLossKnown ? 'unbounded' : 'unknown';
  return service.dataLossMinutes === 0 ? '-' : formatDuration(service.dataLossMinutes);
}

/**
 * The impact as a person reads it: one row per service (`>=` marks a lower bound, `?` an objective that may yet be
 * breached), then the standbys activated, the unknowns and the unrecoverable nodes.
 */
export function formatImpact(result: ImpactResult): string {
  const breach = (service: ImpactResult['services'][number]) => {
    const marks = (
      [
        ['RTO', service.rtoBreach, service.rtoMinutes],
        ['MTPD', service.mtpdBreach, service.mtpdMinutes],
        ['RPO', service.rpoBreach, service.rpoMinutes],
      ] as const
    ).map(([what, breached, objective]) =>
      breached
        ? what
        : breached === null && objective !== null && (service.down || what === 'RPO')
          ? `${what}?`
          : '',
    );
    return marks.filter(Boolean).join(', ') || '-';
  };
  const rows = [
    ['SERVICE', 'TIER', 'DOWN', 'BACK AFTER', 'RTO', 'MTPD', 'DATA LOST', 'RPO', 'BREACH'],
    ...result.services.map((service) => [
      service.id,
      String(service.tier),
      service.down ? 'yes' : 'no',
      service.down ? restoreText(service.restoreMinutes, service.restoreKnown) : '-',
      minutesText(service.rtoMinutes),
      minutesText(service.mtpdMinutes),
      lossText(service),
      minutesText(service.rpoMinutes),
      breach(service),
    ]),
  ];
  const downServices = result.services.filter((service) => service.down).length;
  const lines = [
    `failed: ${result.failed.join(', ')}`,
    `${result.down.length} nodes down, ${downServices} of ${result.services.length} services down`,
    '',
    formatTable(rows),
  ];
  if (rows.some((row) => row.some((cell) => cell.startsWith('>=') || cell.includes('?'))))
    lines.push(
      '',
      '>=: at least (it waits on something with no recovery time); ?: may be breached (a bound within it, or an unknown data loss)',
    );
  if (result.activations.length > 0)
    lines.push(
      `standbys activated: ${result.activations.map((a) => `${a.id} (ready after ${formatDuration(a.readyMinutes)})`).join(', ')}`,
    );
  if (result.unknown.length > 0)
    lines.push(`unknown (no recovery time, or data without copies): ${result.unknown.join(', ')}`);
  for (const node of result.unrecoverable)
    lines.push(`unrecoverable: ${node.id} (blocked by the cycle ${node.cycle.join(' -> ')})`);
  return lines.join('\n');
}

/** A restore time as a person reads it: `never`, or `>= 4h` when it is only a lower bound. */
function restoreText(minutes: number | null, known: boolean): string {
  if (minutes === null) return 'never';
  return known ? formatDuration(minutes) : `>= ${formatDuration(minutes)}`;
}

/** The objectives gap as a person reads it: one row per service and scenario that takes it down or costs it data. */
export function formatObjectives(gap: ObjectivesGap): string {
  const sources = (['site', 'vendor', 'plan', 'risk'] as const).map(
    (source) => `${gap.scenarios.filter((scenario) => scenario.source === source).length} ${source}s`,
  );
  const verdict = (breach: boolean | null, objective: number | null) =>
    objective === null ? 'no objective' : breach === null ? 'unknown' : breach ? 'BREACH' : 'met';
  const rows = [
    ['SERVICE', 'TIER', 'SCENARIO', 'BACK AFTER', 'RTO', 'RTO CHECK', 'DATA LOSS', 'RPO', 'RPO CHECK'],
  ];
  for (const service of gap.services)
    for (const result of service.results) {
      // A scenario that leaves the service up may still cost it data.
      if (!result.down && result.dataLossMinutes === 0 && result.rpoBreach !== true) continue;
      rows.push([
        service.id,
        String(service.tier),
        result.scenario,
        result.down ? restoreText(result.restoreMinutes, result.restoreKnown) : 'stays up',
        minutesText(service.rtoMinutes),
        verdict(result.rtoBreach, service.rtoMinutes),
        // Null is unbounded (then over any RPO) or unknown.
        result.dataLossMinutes === null
          ? result.rpoBreach
            ? 'unbounded'
            : 'unknown'
          : formatDuration(result.dataLossMinutes),
        minutesText(service.rpoMinutes),
        verdict(result.rpoBreach, service.rpoMinutes),
      ]);
    }
  const breaches = objectivesBreaches(gap);
  const lines = [
    `scenarios: ${sources.join(', ')}; services: ${gap.services.length}; breaches: ${breaches.length}`,
  ];
  if (rows.length > 1) lines.push('', formatTable(rows));
  else lines.push('no scenario takes a service down or costs it data');
  return lines.join('\n');
}

/** How many single points the human-readable `analyze spof` ranks before the cut sets. */
const RANKED = 20;

/** Single points of failure as a person reads them: the worst first, with names and the services by tier. */
export function formatSinglePoints(ranking: { total: number; points: NamedSinglePoint[] }): string {
  if (ranking.total === 0)
    return 'single points of failure: none (every service survives any single failure)';
  const rows = [
    ['SINGLE POINT', 'KIND', 'SERVICES', 'TIER 1', 'TIER 2', 'TIER 3', 'TIER 4', 'SCORE'],
    ...ranking.points.map((point) => [
      point.name === point.id ? point.id : `${point.id} (${point.name})`,
      point.kind,
      String(point.serviceCount),
      ...([1, 2, 3, 4] as const).map((tier) => String(point.byTier[tier])),
      String(point.weightedScore),
    ]),
  ];
  const shown = ranking.points.length < ranking.total ? `, the worst ${ranking.points.length} shown` : '';
  return [
    `single points of failure: ${ranking.total} nodes take services down alone${shown} (score: tier 1 counts 8, tier 2 4, tier 3 2, tier 4 1)`,
    '',
    formatTable(rows),
  ].join('\n');
}

/** Cut sets as a person reads them: one row per set. */
export function formatSpof(result: SpofResult): string {
  const rows = [['SERVICE', 'ORDER', 'CUT SET']];
  for (const service of result.services) {
    if (service.cutSets.length === 0) rows.push([service.id, '-', `none up to order ${result.maxOrder}`]);
    for (const set of service.cutSets) rows.push([service.id, String(set.length), set.join(' + ')]);
  }
  return formatTable(rows);
}

function parseOrder(value: string): number {
  const order = Number(value);
  if (!Number.isInteger(order) || order < 1 || order > 4)
    throw new InvalidArgumentError('expected a whole number from 1 to 4.');
  return order;
}

function parseIds(value: string): string[] {
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new InvalidArgumentError('expected ids separated by commas.');
  return ids;
}

/** `lifeboat analyze impact|objectives|spof [catalog]`. */
export function registerAnalyze(program: Command): void {
  const analyze = program
    .command('analyze')
    .description(
      'ask the continuity engine: what a failure takes down (impact), single points of failure (spof), every service against its RTO and RPO in every scenario (objectives)',
    );
  registerAnalyzeBia(analyze);
  registerAnalyzeRisk(analyze);
  registerAnalyzeSuppliers(analyze);
  registerAnalyzeExercises(analyze);
  registerAnalyzeCompliance(analyze);

  analyze
    .command('impact')
    .description(
      'what failing the given nodes takes down, when each service is back, and the RTO, MTPD and RPO breaches',
    )
    .argument('[catalog]', 'a catalog file or folder (default: the database)')
    .option('--fail <ids>', 'ids of the failed nodes, separated by commas', parseIds)
    .option(
      '--plan <id>',
      "follow this plan: its steps' durations give the restore times of what they restore; without --fail, its scenario fails",
    )
    .option('--json', 'print the result as JSON')
    .addOption(
      new Option(
        '--fail-on <condition>',
        'exit 1 when the failure breaches any RTO, MTPD or RPO (for CI)',
      ).choices(FAIL_ON),
    )
    .action(
      async (
        catalogPath: string | undefined,
        flags: { fail?: string[]; plan?: string; json?: boolean; failOn?: (typeof FAIL_ON)[number] },
      ) => {
        const command = 'analyze impact';
        if (flags.fail === undefined && flags.plan === undefined)
          fail(command, 'give the failed nodes with --fail <ids>, or a plan with --plan <id>', 2);
        const { result, note } = await run(
          command,
          catalogPath,
          { option: '--fail', ids: flags.fail ?? [] },
          async (analysis) => {
            const plan = flags.plan;
            if (plan === undefined)
              return { result: await analysis.impact(flags.fail!), note: analysis.note };
            const plans = await analysis.planIds();
            if (!plans.includes(plan))
              fail(command, `unknown plan "${plan}" in --plan${didYouMean(plan, plans)}`, 2);
            return { result: await analysis.followPlan(plan, flags.fail), note: analysis.note };
          },
        );
        process.stdout.write(
          `${flags.json ? JSON.stringify(result, null, 2) : withNote(formatImpact(result) + formatBusinessImpact(result), note)}\n`,
        );
        failOnBreach(command, flags.failOn, breachesOf(result), 'an RTO, MTPD or RPO');
      },
    );

  analyze
    .command('objectives')
    .description(
      "the objectives gap: every service against its RTO and RPO when each site, each vendor, or each plan's scenario fails (following the plan)",
    )
    .argument('[catalog]', 'a catalog file or folder (default: the database)')
    .option('--json', 'print the result as JSON')
    .addOption(
      new Option('--fail-on <condition>', 'exit 1 when any scenario breaches an RTO or RPO (for CI)').choices(
        FAIL_ON,
      ),
    )
    .action(
      async (
        catalogPath: string | undefined,
        flags: { json?: boolean; failOn?: (typeof FAIL_ON)[number] },
      ) => {
        const command = 'analyze objectives';
        const { gap, note } = await run(command, catalogPath, { option: '', ids: [] }, async (analysis) => ({
          gap: await analysis.objectives(),
          note: analysis.note,
        }));
        process.stdout.write(
          `${flags.json ? JSON.stringify(gap, null, 2) : withNote(formatObjectives(gap), note)}\n`,
        );
        failOnBreach(command, flags.failOn, objectivesBreaches(gap), 'an RTO or RPO');
      },
    );

  analyze
    .command('spof')
    .description('minimal cut sets of every service (or one): single points of failure, pairs, ...')
    .argument('[catalog]', 'a catalog file or folder (default: the database)')
    .option('--service <id>', 'only this service')
    .option('--max-order <k>', 'largest cut set to look for (1-4)', parseOrder, 2)
    .option('--json', 'print the result as JSON')
    .action(
      async (
        catalogPath: string | undefined,
        flags: { service?: string; maxOrder: number; json?: boolean },
      ) => {
        const options = {
          maxOrder: flags.maxOrder,
          ...(flags.service !== undefined && { service: flags.service }),
        };
        const named = { option: '--service', ids: flags.service === undefined ? [] : [flags.service] };
        const { result, ranking, note } = await run('analyze spof', catalogPath, named, async (analysis) => ({
          result: await analysis.spof(options),
          // The ranking answers "what do I fix first" for the whole catalog; one service's cut sets stand alone.
          ranking:
            flags.json || flags.service !== undefined ? undefined : await analysis.singlePoints(RANKED),
          note: analysis.note,
        }));
        const text = ranking ? `${formatSinglePoints(ranking)}\n\n${formatSpof(result)}` : formatSpof(result);
        process.stdout.write(`${flags.json ? JSON.stringify(result, null, 2) : withNote(text, note)}\n`);
      },
    );
}
