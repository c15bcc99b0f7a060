import { beforeAll, describe, expect, it } from 'vitest';
import { checkCatalog } from '../src/catalog/check/check-catalog.ts';
import { readCatalogSources } from '../src/catalog/yaml/read.ts';
import { filesComplianceInput } from '../src/cli/analyze-compliance.command.ts';
import { evaluateCompliance } from '../src/compliance/evaluate.ts';
import type { ComplianceReport } from '../src/compliance/types.ts';
import { runCli } from './support/cli.ts';

/**
 * The example organisation's compliance picture on 2026-12-06, from its files (every plan and assessment counts as
 * approved, there is no audit log): most checks pass, and the ones that fail do so for the reasons
 * examples/northbank/README.md gives a continuity manager.
 */
const AT = '2026-12-06';

/** One check as the list below writes it: its status, its counts and the ids of its failing items. */
interface CheckSummary {
  id: string;
  status: string;
  passed: number;
  failed: number;
  failing: string[];
}

/** What each check gives on the example, in the report's order. */
const EXPECTED: CheckSummary[] = [
  { id: 'C01', status: 'pass', passed: 24, failed: 0, failing: [] },
  // Card payments still declare an MTPD of 6h against the 4h their 2026 BIA derives.
  { id: 'C02', status: 'fail', passed: 16, failed: 1, failing: ['card-payments'] },
  // Standbys slower than the RTO, no standby for card switching, the network and the branches.
  {
    id: 'C03',
    status: 'fail',
    passed: 1,
    failed: 16,
    failing: [
      'card-payments',
      'card-switching',
      'core-banking',
      'corporate-network',
      'digital-platform',
      'faster-payments',
      'fraud-monitoring',
      'identity-and-access',
      'mobile-banking',
      'online-banking',
      'payments-gateway',
      'atm-withdrawals',
      'backup-and-restore',
      'branch-services',
      'crm',
      'telephone-banking',
    ],
  },
  // CRM backed up nightly against an RPO of 1h, the core banking replica's lag over RPOs of 0, ransomware
  // reaching both SANs, and three backups never restore-tested.
  {
    id: 'C04',
    status: 'fail',
    passed: 24,
    failed: 18,
    failing: [
      'card-payments',
      'card-switching',
      'core-banking',
      'digital-platform',
      'faster-payments',
      'fraud-monitoring',
      'identity-and-access',
      'mobile-banking',
      'online-banking',
      'payments-gateway',
      'atm-withdrawals',
      'bacs-direct-debits',
      'branch-services',
      'crm',
      'telephone-banking',
      'cloud-object-storage#backup',
      'dwh-db#backup',
      'mortgage-db#backup',
    ],
  },
  { id: 'C05', status: 'pass', passed: 26, failed: 0, failing: [] },
  // No plan for the loss of York, where backup and restore runs.
  { id: 'C06', status: 'fail', passed: 16, failed: 1, failing: ['backup-and-restore'] },
  // The ransomware plan's review, due since 2025-09-01.
  { id: 'C07', status: 'fail', passed: 9, failed: 1, failing: ['plan-ransomware'] },
  { id: 'C08', status: 'pass', passed: 10, failed: 0, failing: [] },
  // Voxa's exit plan, last exercised in August 2025: its retest waits for the contract renewal.
  { id: 'C09', status: 'fail', passed: 9, failed: 1, failing: ['plan-exit-voxa'] },
  { id: 'C10', status: 'pass', passed: 7, failed: 0, failing: [] },
  // Every single point under a tier 1-2 service but the HSM and the cloud region, which are accepted risks.
  {
    id: 'C11',
    status: 'fail',
    passed: 2,
    failed: 49,
    failing: [
      'atm-controller',
      'backup-server',
      'branch-teller-app',
      'branch-wan',
      'calder-telecom',
      'card-switching',
      'cardlink',
      'cardlink-line',
      'clearway-payments',
      'cloud-k8s',
      'cloud-link',
      'cloud-load-balancer',
      'cloud-network',
      'core-banking',
      'crm',
      'customer-login',
      'dc-interconnect',
      'dc-leeds',
      'dc-york',
      'digital-api',
      'digital-db',
      'digital-platform',
      'fraud-db',
      'fraud-engine',
      'fraud-monitoring',
      'identity-and-access',
      'internet-access',
      'leeds-cooling',
      'leeds-data-hall',
      'leeds-edge',
      'leeds-lan',
      'leeds-san',
      'leeds-ups',
      'leeds-vm-cluster',
      'minster-colocation',
      'mobile-api',
      'nimbus-cloud',
      'online-banking-web',
      'payments-gateway',
      'staff-sso',
      'textwave',
      'textwave-sms',
      'voxa',
      'voxa-tenant',
      'york-cages',
      'york-cooling',
      'york-edge',
      'york-lan',
      'york-power',
    ],
  },
  { id: 'C12', status: 'pass', passed: 12, failed: 0, failing: [] },
  // The same exit plan, tested over 12 months ago.
  { id: 'C13', status: 'fail', passed: 7, failed: 1, failing: ['voxa'] },
  { id: 'C14', status: 'pass', passed: 1, failed: 0, failing: [] },
  { id: 'C15', status: 'pass', passed: 44, failed: 0, failing: [] },
  { id: 'C16', status: 'pass', passed: 1, failed: 0, failing: [] },
  // Files have no audit log and no frozen versions to verify.
  { id: 'C17', status: 'not-applicable', passed: 0, failed: 0, failing: [] },
];

/** The share of passing items: 209 of 297. */
const SCORE = 209 / 297;

/** A report as the list above writes it. */
function summarise(report: ComplianceReport): CheckSummary[] {
  return report.checks.map(({ id, status, passed, failed, items }) => ({
    id,
    status,
    passed,
    failed,
    failing: items.filter((item) => item.status === 'fail').map((item) => item.id),
  }));
}

describe('the example organisation’s compliance on 2026-12-06', () => {
  let report: ComplianceReport;

  beforeAll(async () => {
    const checked = checkCatalog(await readCatalogSources('examples/northbank'));
    expect(checked.errors).toEqual([]);
    const documents = checked.documents.map((located) => located.document);
    report = evaluateCompliance(filesComplianceInput(documents, AT));
  }, 120_000);

  it('passes eight checks and fails eight, each failing item listed', () => {
    expect(report.at).toBe(AT);
    expect(summarise(report)).toEqual(EXPECTED);
    expect(report.score).toBeCloseTo(SCORE, 12);
  });

  it('fails for the reasons the example’s README gives', () => {
    const message = (check: string, item: string) =>
      report.checks.find((c) => c.id === check)?.items.find((i) => i.id === item)?.message;
    expect(message('C02', 'card-payments')).toContain('the declared MTPD 6h is later than the 4h');
    expect(message('C03', 'card-switching')).toContain('misses its RTO 1h in 6 of the 6 scenarios');
    expect(message('C04', 'crm')).toContain('plan "plan-dc-leeds-loss" (1d lost)');
    expect(message('C04', 'faster-payments')).toContain('plan "plan-dc-leeds-loss" (15m lost)');
    expect(message('C06', 'backup-and-restore')).toContain('No plan covers the tier 2 service');
    expect(message('C07', 'plan-ransomware')).toContain(
      'since the last review on 2024-09-02 ended on 2025-09-01',
    );
    expect(message('C11', 'cardlink-line')).toContain('its acceptance ended on 2026-09-30');
    expect(message('C11', 'hsm-leeds')).toContain('accepted in risk risk-hsm-failure by Helen Ashworth');
    expect(message('C11', 'cloud-london')).toContain('accepted in risk risk-cloud-region-outage');
    expect(message('C09', 'plan-exit-voxa')).toContain('was due for an exercise on 2026-08-19');
    expect(message('C13', 'voxa')).toContain('was last tested on 2025-08-20');
  });

  it('gives the same through lifeboat analyze compliance --json', async () => {
    const result = await runCli(['analyze', 'compliance', 'examples/northbank', '--at', AT, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as ComplianceReport;
    expect(printed.at).toBe(AT);
    expect(summarise(printed)).toEqual(EXPECTED);
    expect(printed.score).toBeCloseTo(SCORE, 12);
  });
});
