import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { formatDuration } from '../catalog/duration.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import { analyzeImpact, analyzeSpof, buildGraph, UnknownIdError } from '../engine/index.ts';
import type { ImpactResult, SpofResult } from '../engine/index.ts';
import { createAnalysisService } from '../server/services/analysis.service.ts';
import { CatalogError } from '../server/services/errors.ts';
import { fileApprovalNote, fileApprovedPlan } from '../plans/versions.ts';
import { loadCheckedCatalog } from './catalog-source.ts';
import { openCommandDatabase } from './import.command.ts';
import { fail } from './output.ts';

/** The engine's two questions, asked of a catalog path or, without one, of the database. */
interface Analysis {
  impact(fail: string[]): Promise<ImpactResult>;
  spof(options: { service?: string; maxOrder: number }): Promise<SpofResult>;
  close(): Promise<void>;
  /** What a reader should know about the source, said once under a table (none for the database). */
  note?: string;
}

async function openAnalysis(command: string, catalogPath: string | undefined): Promise<Analysis> {
  if (catalogPath !== undefined) {
    const documents = await loadCheckedCatalog(command, catalogPath);
    const graph = buildGraph(toEngineNodes(documents));
    const plans = documents.filter(
      (document) => document.kind === 'Plan' && fileApprovedPlan(document).spec.status === 'approved',
    ).length;
    return {
      // Files have no approvals of their own: their plans count as approved (the repository reviewed them).
      ...(plans > 0 && { note: fileApprovalNote(plans) }),
      impact: (ids) => Promise.resolve(analyzeImpact(graph, ids)),
      spof: (options) => Promise.resolve(analyzeSpof(graph, options)),
      close: () => Promise.resolve(),
    };
  }
  const database = await openCommandDatabase(command);
  const service = createAnalysisService({ database });
  return {
    impact: (ids) => service.impact(ids),
    spof: (options) => service.spof(options),
    close: () => database.close(),
  };
}

/** Runs one analysis; an unknown id is bad usage (exit 2) and names the id. */
async function run<T>(
  command: string,
  catalogPath: string | undefined,
  work: (analysis: Analysis) => Promise<T>,
) {
  const analysis = await openAnalysis(command, catalogPath);
  try {
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

function minutes(value: number | null): string {
  return value === null ? '-' : formatDuration(value);
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The impact as a person reads it: one row per service, then the unrecoverable nodes. */
export function formatImpact(result: ImpactResult): string {
  const breach = (service: ImpactResult['services'][number]) =>
    [service.rtoBreach ? 'RTO' : '', service.mtpdBreach ? 'MTPD' : ''].filter(Boolean).join(', ') || '-';
  const rows = [
    ['SERVICE', 'TIER', 'DOWN', 'BACK AFTER', 'RTO', 'MTPD', 'BREACH'],
    ...result.services.map((service) => [
      service.id,
      String(service.tier),
      service.down ? 'yes' : 'no',
      service.down
        ? service.restoreMinutes === null
          ? 'never'
          : formatDuration(service.restoreMinutes)
        : '-',
      minutes(service.rtoMinutes),
      minutes(service.mtpdMinutes),
      breach(service),
    ]),
  ];
  const downServices = result.services.filter((service) => service.down).length;
  const lines = [
    `failed: ${result.failed.join(', ')}`,
    `${result.down.length} nodes down, ${downServices} of ${result.services.length} services down`,
    '',
    table(rows),
  ];
  for (const node of result.unrecoverable)
    lines.push(`unrecoverable: ${node.id} (blocked by the cycle ${node.cycle.join(' -> ')})`);
  return lines.join('\n');
}

/** Cut sets as a person reads them: one row per set. */
export function formatSpof(result: SpofResult): string {
  const rows = [['SERVICE', 'ORDER', 'CUT SET']];
  for (const service of result.services) {
    if (service.cutSets.length === 0) rows.push([service.id, '-', `none up to order ${result.maxOrder}`]);
    for (const set of service.cutSets) rows.push([service.id, String(set.length), set.join(' + ')]);
  }
  return table(rows);
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

/** `lifeboat analyze impact|spof [catalog]`. */
export function registerAnalyze(program: Command): void {
  const analyze = program
    .command('analyze')
    .description(
      'ask the continuity engine: what a failure takes down (impact), single points of failure (spof)',
    );

  analyze
    .command('impact')
    .description(
      'what failing the given nodes takes down, when each service is back, and the RTO/MTPD breaches',
    )
    .argument('[catalog]', 'a catalog file or folder (default: the database)')
    .requiredOption('--fail <ids>', 'ids of the failed nodes, separated by commas', parseIds)
    .option('--json', 'print the result as JSON')
    .action(async (catalogPath: string | undefined, flags: { fail: string[]; json?: boolean }) => {
      const { result, note } = await run('analyze impact', catalogPath, async (analysis) => ({
        result: await analysis.impact(flags.fail),
        note: analysis.note,
      }));
      process.stdout.write(
        `${flags.json ? JSON.stringify(result, null, 2) : withNote(formatImpact(result), note)}\n`,
      );
    });

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
        const { result, note } = await run('analyze spof', catalogPath, async (analysis) => ({
          result: await analysis.spof(options),
          note: analysis.note,
        }));
        process.stdout.write(
          `${flags.json ? JSON.stringify(result, null, 2) : withNote(formatSpof(result), note)}\n`,
        );
      },
    );
}
