import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { fileApprovedAssessment } from '../bia/file-approval.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { FRAMEWORK_IDS } from '../catalog/vocabulary.ts';
import { evaluateCompliance } from '../compliance/evaluate.ts';
import type { ComplianceInput, ComplianceReport } from '../compliance/types.ts';
import { isDate } from '../dora/values.ts';
import { fileApprovalNote, fileApprovedPlan } from '../plans/versions.ts';
import { createComplianceService } from '../server/services/compliance.service.ts';
import { loadCheckedCatalog } from './catalog-source.ts';
import { openCommandDatabase } from './import.command.ts';
import { formatTable } from './output.ts';

const COMMAND = 'analyze compliance';

/** What `--fail-on` can fail on: `fail`, any check whose status is fail, whatever its severity. */
const FAIL_ON = ['fail'] as const;

/**
 * The compliance input of catalog files: there is no database, so approval is the repository's review (every plan
 * that is not retired and every assessment counts as approved, as `fileApprovedPlan` says) and there is no audit
 * log (C17 does not apply).
 */
export function filesComplianceInput(documents: readonly CatalogDocument[], at: string): ComplianceInput {
  return {
    at,
    source: 'files',
    documents: documents.map((document) =>
      document.kind === 'Plan'
        ? fileApprovedPlan(document)
        : document.kind === 'ImpactAssessment'
          ? fileApprovedAssessment(document)
          : document,
    ),
  };
}

/** The share of passing items as a whole percentage, or `-` when no check had an item. */
function percent(score: number | null): string {
  return score === null ? '-' : `${Math.round(score * 100)}%`;
}

/**
 * A report as a person reads it: the score, one row per check (id, status, passed and failed, title) with its
 * failing items indented under it (`  svc-payments: RTO 8h is over the MTPD 4h`), then each framework's
 * requirements in brief.
 */
export function formatCompliance(report: ComplianceReport): string {
  const items = report.checks.reduce((sum, check) => sum + check.passed + check.failed, 0);
  const passed = report.checks.reduce((sum, check) => sum + check.passed, 0);
  const lines = [
    `compliance at ${report.at}: score ${percent(report.score)} (${passed} of ${items} items pass)`,
    '',
  ];
  const rows = report.checks.map((check) => [
    check.id,
    check.status,
    `${check.passed} passed, ${check.failed} failed`,
    check.title,
  ]);
  const table = formatTable([['CHECK', 'STATUS', 'ITEMS', 'TITLE'], ...rows]).split('\n');
  lines.push(table[0]!);
  report.checks.forEach((check, index) => {
    lines.push(table[index + 1]!);
    for (const item of check.items) if (item.status === 'fail') lines.push(`  ${item.id}: ${item.message}`);
  });
  for (const framework of report.frameworks) {
    const count = (status: string) =>
      framework.requirements.filter((requirement) => requirement.status === status).length;
    lines.push(
      '',
      `${framework.title} (${framework.id}): ${count('pass')} pass, ${count('fail')} fail, ${count('not-applicable')} not applicable, ${count('manual')} manual`,
      formatTable(
        framework.requirements.map((requirement) => [
          `  ${requirement.clause}`,
          requirement.status,
          requirement.checks.length > 0
            ? requirement.checks.join(', ')
            : `${requirement.statements?.length ?? 0} statement(s)`,
          requirement.title,
        ]),
      ),
    );
  }
  return lines.join('\n');
}

function parseDate(value: string): string {
  if (!isDate(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD, such as 2026-12-06.');
  return value;
}

/** `lifeboat analyze compliance [catalog] [--at YYYY-MM-DD] [--framework id] [--json] [--fail-on fail]`. */
export function registerAnalyzeCompliance(analyze: Command): void {
  analyze
    .command('compliance')
    .description(
      'the compliance checks (ISO 22301, NIST SP 800-34, DORA, NIS2): the score, each check with its failing items, and each framework’s requirements',
    )
    .argument(
      '[catalog]',
      'a catalog file or folder (default: the database, where approvals are frozen versions and the audit chain is verified)',
    )
    .option('--at <date>', 'evaluate at this date, YYYY-MM-DD (default: today, UTC)', parseDate)
    .addOption(
      new Option('--framework <id>', 'only this framework and the checks it cites').choices(FRAMEWORK_IDS),
    )
    .option('--json', 'print the report as JSON')
    .addOption(
      new Option(
        '--fail-on <condition>',
        'exit 1 when a check fails (fail: any failing check, whatever its severity; for CI)',
      ).choices(FAIL_ON),
    )
    .action(
      async (
        catalogPath: string | undefined,
        flags: { at?: string; framework?: string; json?: boolean; failOn?: (typeof FAIL_ON)[number] },
      ) => {
        const at = flags.at ?? new Date().toISOString().slice(0, 10);
        const framework = flags.framework !== undefined ? { framework: flags.framework } : {};
        let report: ComplianceReport;
        let notes: string[] = [];
        if (catalogPath !== undefined) {
          const documents = await loadCheckedCatalog(COMMAND, catalogPath, 'fix them to check it');
          const input = filesComplianceInput(documents, at);
          const count = (kind: string) =>
            input.documents.filter(
              (document) =>
                document.kind === kind && 'status' in document.spec && document.spec.status === 'approved',
            ).length;
          // Said on standard error, so that --json output stays one JSON document.
          notes = [
            ...(count('Plan') > 0 ? [fileApprovalNote(count('Plan'))] : []),
            ...(count('ImpactAssessment') > 0
              ? [fileApprovalNote(count('ImpactAssessment'), 'assessment')]
              : []),
          ];
          report = evaluateCompliance(input, framework);
        } else {
          const database = await openCommandDatabase(COMMAND);
          try {
            const input = await createComplianceService({ database }).input(at);
            report = evaluateCompliance(input, framework);
          } finally {
            await database.close();
          }
        }
        process.stdout.write(`${flags.json ? JSON.stringify(report, null, 2) : formatCompliance(report)}\n`);
        for (const note of notes) process.stderr.write(`${note}\n`);
        const failing = report.checks.filter((check) => check.status === 'fail');
        if (flags.failOn === 'fail' && failing.length > 0) {
          process.stderr.write(
            `lifeboat ${COMMAND}: error: ${failing.length} check(s) fail (--fail-on fail): ${failing.map((check) => `${check.id} (${check.failed} item(s))`).join(', ')}\n`,
          );
          process.exitCode = 1;
        }
      },
    );
}
