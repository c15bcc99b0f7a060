import type { Command } from 'commander';
import { currentDate } from '../catalog/check/check-catalog.ts';
import { toEngineNodes } from '../catalog/engine-input.ts';
import { figuresOf } from '../bia/current.ts';
import { buildGraph } from '../engine/index.ts';
import { createGraphProvider } from '../server/services/graph-provider.ts';
import { createHeavyWork } from '../server/services/heavy-work.ts';
import { createSupplierService } from '../server/services/supplier.service.ts';
import { analyzeSuppliers, supplierDocuments, type SupplierAnalysis } from '../suppliers/concentration.ts';
import { fileBia } from './analyze-bia.command.ts';
import { loadCheckedCatalog } from './catalog-source.ts';
import { openCommandDatabase } from './import.command.ts';
import { formatTable } from './output.ts';

/** The supplier analysis of catalog files: every assessment in the files counts as approved, as for plans. */
async function fromFiles(catalogPath: string): Promise<SupplierAnalysis> {
  const documents = await loadCheckedCatalog('analyze suppliers', catalogPath, 'fix them to analyse it');
  const { current } = fileBia(documents);
  return analyzeSuppliers({
    graph: buildGraph(toEngineNodes(documents)),
    ...supplierDocuments(documents),
    bias: figuresOf(current),
    today: currentDate(),
  });
}

/** The supplier analysis of the database: approved assessments only, as the server computes it. */
async function fromDatabase(): Promise<SupplierAnalysis> {
  const database = await openCommandDatabase('analyze suppliers');
  try {
    const graphs = createGraphProvider({ database });
    const work = createHeavyWork({ threads: 0 });
    return await createSupplierService({ database, graphs, work, now: () => new Date() }).analysis();
  } finally {
    await database.close();
  }
}

/** An amount as a person reads it: whole units with thousands separators, `-` when not quantified. */
function money(value: number | null): string {
  return value === null ? '-' : Math.round(value).toLocaleString('en-GB');
}

/** The exit plan column: the plan and when it was last tested, OVERDUE when over 12 months ago or never. */
function exitText(exit: SupplierAnalysis['suppliers'][number]['exitPlan']): string {
  if (exit === null) return 'none';
  return `${exit.plan} (${exit.lastTested ?? 'never tested'})${exit.overdue ? ' OVERDUE' : ''}`;
}

/** The supplier analysis as a person reads it: one row per supplier by score, then the fourth parties. */
export function formatSupplierAnalysis(analysis: SupplierAnalysis): string {
  const rows = [
    ['SUPPLIER', 'SCORE', 'SERVICES DOWN', 'CRITICAL', 'LOSS', 'SUBSTITUTABILITY', 'EXIT PLAN'],
    ...analysis.suppliers.map((supplier) => [
      supplier.id,
      supplier.score.toFixed(2),
      String(supplier.servicesDown.length),
      supplier.criticalShare === null
        ? String(supplier.criticalFunctions.length)
        : `${supplier.criticalFunctions.length} (${Math.round(100 * supplier.criticalShare)}%)`,
      money(supplier.loss),
      supplier.substitutability?.level ?? '-',
      exitText(supplier.exitPlan),
    ]),
  ];
  const lines = [`suppliers: ${analysis.suppliers.length}, by concentration`, '', formatTable(rows), ''];
  if (analysis.fourthParties.length === 0)
    lines.push('fourth parties: none (no subcontractor is shared by two suppliers)');
  else
    lines.push(
      `fourth parties: ${analysis.fourthParties.length} subcontractors shared by two or more suppliers`,
      '',
      formatTable([
        ['SUBCONTRACTOR', 'SUPPLIERS'],
        ...analysis.fourthParties.map((party) => [party.id, party.suppliers.join(', ')]),
      ]),
    );
  return lines.join('\n');
}

/** `lifeboat analyze suppliers [catalog]`. */
export function registerAnalyzeSuppliers(analyze: Command): void {
  analyze
    .command('suppliers')
    .description(
      'supplier concentration: each supplier with its group and supply chain, the services its failure takes down weighted by tier and BIA loss, the critical functions relying on it, its exit plan state and contracts; and the fourth parties',
    )
    .argument('[catalog]', 'a catalog file or folder (default: the database)')
    .option('--json', 'print the result as JSON')
    .action(async (catalogPath: string | undefined, flags: { json?: boolean }) => {
      const analysis = catalogPath === undefined ? await fromDatabase() : await fromFiles(catalogPath);
      process.stdout.write(
        `${flags.json ? JSON.stringify(analysis, null, 2) : formatSupplierAnalysis(analysis)}\n`,
      );
    });
}
