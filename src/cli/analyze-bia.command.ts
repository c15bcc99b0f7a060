import type { Command } from 'commander';
import { withBusinessImpact } from '../bia/business-impact.ts';
import type { CostBasis, ImpactWithCost } from '../bia/business-impact.ts';
import { biaAnalysis, catalogPolicy, currentAssessments, figuresOf } from '../bia/current.ts';
import { fileApprovedAssessment } from '../bia/file-approval.ts';
import type { AssessmentDocument, BiaAnalysis } from '../bia/current.ts';
import type { EffectivePolicy } from '../bia/policy.ts';
import { formatDuration } from '../catalog/duration.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import type { ImpactResult } from '../engine/index.ts';
import { fileApprovalNote } from '../plans/versions.ts';
import { createBiaService } from '../server/services/bia.service.ts';
import { loadCheckedCatalog } from './catalog-source.ts';
import { formatTable, minutesText } from './output.ts';
import { openCommandDatabase } from './import.command.ts';

/** The BIA of catalog files: the policy, and the current assessment of each service (every one counts as approved). */
export function fileBia(documents: readonly CatalogDocument[]): {
  policy: EffectivePolicy;
  current: Map<string, AssessmentDocument>;
  /** How many assessments the files hold. */
  count: number;
} {
  const approved = documents.flatMap((document) =>
    document.kind === 'ImpactAssessment' ? [fileApprovedAssessment(document)] : [],
  );
  return { policy: catalogPolicy(documents), current: currentAssessments(approved), count: approved.length };
}

/** An impact result from catalog files with what the scenario costs, as the files' BIA says. */
export function fileBusinessImpact(
  documents: readonly CatalogDocument[],
): (result: ImpactResult) => ImpactWithCost {
  const { policy, current } = fileBia(documents);
  const basis: CostBasis = { policy, current: figuresOf(current) };
  return (result) => withBusinessImpact(result, basis);
}

/** An amount as a person reads it: whole units with thousands separators. */
function money(value: number): string {
  return Math.round(value).toLocaleString('en-GB');
}

/**
 * The line under an impact table that says what the scenario costs: `business impact: 103,100 GBP over 2
 * services with a current BIA, peak level 4, tolerance reached after 4h`; nothing without `businessImpact`.
 */
export function formatBusinessImpact(result: ImpactResult | ImpactWithCost): string {
  if (!('businessImpact' in result)) return '';
  const cost = result.businessImpact;
  if (cost.services.length === 0) return '\n\nbusiness impact: no down service has a current BIA';
  const total =
    cost.totalLoss === null
      ? 'an unbounded loss (a service is never back)'
      : `${cost.lossKnown ? '' : 'at least '}${money(cost.totalLoss)} ${cost.currency}`;
  const count = cost.services.length === 1 ? '1 service' : `${cost.services.length} services`;
  const tolerance =
    cost.toleranceReachedAtMinutes === null
      ? 'tolerance not reached'
      : `tolerance reached after ${formatDuration(cost.toleranceReachedAtMinutes)}`;
  return `\n\nbusiness impact: ${total} over ${count} with a current BIA, peak level ${cost.peakLevel}, ${tolerance}`;
}

/**
 * The BIA as a person reads it: the policy in one line, then one row per service with its impact level at each
 * horizon (`*` from the tolerance on), its declared or derived MTPD, and the derived MTPD, RTO and tier.
 */
export function formatBia(analysis: BiaAnalysis, policy: EffectivePolicy): string {
  const tolerance = policy.impact.levels.find((level) => level.level === analysis.tolerance);
  const header = [
    `policy: ${policy.organisation.name} (${policy.organisation.currency}); tolerance: level ${analysis.tolerance}` +
      `${tolerance ? ` (${tolerance.name})` : ''}; work recovery: ${formatDuration(policy.workRecoveryMinutes)}`,
  ];
  const rows = [
    [
      'SERVICE',
      'ASSESSMENT',
      ...analysis.horizons.map((h) => formatDuration(h)),
      'MTPD',
      'DERIVED MTPD',
      'SUGGESTED RTO',
      'SUGGESTED TIER',
    ],
    ...analysis.services.map((service) => [
      service.id,
      service.assessment ?? '-',
      ...service.levels.map((level) =>
        level === null ? '-' : `${level}${level >= analysis.tolerance ? '*' : ''}`,
      ),
      minutesText(service.mtpdMinutes),
      minutesText(service.derivedMtpdMinutes),
      minutesText(service.suggestedRtoMinutes),
      service.suggestedTier === null ? '-' : String(service.suggestedTier),
    ]),
  ];
  const assessed = analysis.services.filter((service) => service.assessment !== null).length;
  return [
    ...header,
    `${assessed} of ${analysis.services.length} services have a current BIA; levels at each horizon, * at or past the tolerance`,
    '',
    formatTable(rows),
  ].join('\n');
}

/** `lifeboat analyze bia [catalog] [--json]`. */
export function registerAnalyzeBia(analyze: Command): void {
  analyze
    .command('bia')
    .description(
      "the business impact analysis: each service's impact level and loss at the policy's horizons, its derived MTPD, and the RTO and tier that follow",
    )
    .argument(
      '[catalog]',
      'a catalog file or folder (default: the database, where only approved assessments count)',
    )
    .option('--json', 'print the result as JSON')
    .action(async (catalogPath: string | undefined, flags: { json?: boolean }) => {
      let result: { analysis: BiaAnalysis; policy: EffectivePolicy; note?: string | undefined };
      if (catalogPath !== undefined) {
        const documents = await loadCheckedCatalog('analyze bia', catalogPath, 'fix them to analyse it');
        const bia = fileBia(documents);
        const services = documents.flatMap((document) =>
          document.kind === 'Service' ? [{ id: document.metadata.id, mtpd: document.spec.mtpd }] : [],
        );
        result = {
          analysis: biaAnalysis({ policy: bia.policy, services, current: bia.current }),
          policy: bia.policy,
          ...(bia.count > 0 && { note: fileApprovalNote(bia.count, 'assessment') }),
        };
      } else {
        const database = await openCommandDatabase('analyze bia');
        try {
          const service = createBiaService({ database });
          result = { analysis: await service.analysis(), policy: (await service.basis()).policy };
        } finally {
          await database.close();
        }
      }
      const text = flags.json
        ? JSON.stringify(result.analysis, null, 2)
        : [formatBia(result.analysis, result.policy), ...(result.note ? ['', result.note] : [])].join('\n');
      process.stdout.write(`${text}\n`);
    });
}
