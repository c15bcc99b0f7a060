import { describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { complianceContext } from '../context.ts';
import { evaluateCompliance } from '../evaluate.ts';
import { registerCheck } from './c14-register.ts';

const BANK = '5299000EXAMPLEBANK10';

/** One bank, one SaaS provider and its contract for one critical function: a register the validator accepts. */
function catalog(overrides: { contract?: object; organisation?: object } = {}): CatalogDocument[] {
  return [
    {
      apiVersion: 'lifeboat/v1',
      kind: 'Policy',
      metadata: { id: 'policy' },
      spec: {
        organisation: {
          name: 'Example Bank AG',
          currency: 'EUR',
          lei: BANK,
          country: 'DE',
          entityType: 'credit-institution',
          competentAuthority: 'BaFin',
          totalAssets: 5_000_000_000,
          ...overrides.organisation,
        },
      },
    },
    {
      apiVersion: 'lifeboat/v1',
      kind: 'Vendor',
      metadata: { id: 'cloudy', name: 'Cloudy Services SA' },
      spec: {
        identifier: { type: 'LEI', code: '9695000CLOUDYSERVS17' },
        country: 'FR',
        substitutability: { level: 'medium' },
        lastAudit: '2025-05-15',
      },
    },
    {
      apiVersion: 'lifeboat/v1',
      kind: 'Service',
      metadata: { id: 'payments', name: 'Payment processing' },
      spec: {
        type: 'business',
        tier: 1,
        rto: '4h',
        rpo: '15m',
        function: {
          criticalOrImportant: 'yes',
          reason: 'Outage stops customer payments',
          assessedOn: '2025-06-30',
          licensedActivity: 'payment services',
        },
      },
    },
    {
      apiVersion: 'lifeboat/v1',
      kind: 'Contract',
      metadata: { id: 'ctr' },
      spec: {
        reference: 'CTR-0001',
        type: 'standalone',
        vendor: 'cloudy',
        services: ['payments'],
        ictServiceType: 'S19',
        start: '2024-01-01',
        end: '2027-12-31',
        noticePeriods: { entity: 90, provider: 180 },
        governingLaw: 'DE',
        provisionCountry: 'FR',
        data: { stored: true, storageLocations: ['FR'], processingLocations: ['FR'], sensitivity: 'high' },
        reliance: 'full',
        annualCost: { amount: 120_000, currency: 'EUR' },
        ...overrides.contract,
      },
    },
  ] as CatalogDocument[];
}

const items = (documents: CatalogDocument[], at = '2026-03-31') =>
  registerCheck.items(complianceContext({ at, documents, source: 'files' }));

describe('C14 register of information', () => {
  it('passes a register that validates, dated the evaluation day', () => {
    expect(items(catalog())).toEqual([
      {
        id: 'dora-register',
        kind: 'Catalog',
        status: 'pass',
        path: '/policies/policy',
        message: `The DORA register of information at 2026-03-31 validates with no error (${BANK}.IND_DE_DORA010100_DORA_2026-03-31_20260331000000000.zip).`,
        evidence: [
          {
            type: 'document',
            kind: 'Policy',
            id: 'policy',
            title: `DORA register of information ${BANK}.IND_DE_DORA010100_DORA_2026-03-31_20260331000000000.zip`,
            path: '/policies/policy',
            date: '2026-03-31',
          },
        ],
      },
    ]);
  });

  it('fails with the number of errors and the first ones, linking the document to fix', () => {
    const [item] = items(catalog({ contract: { annualCost: { amount: 1000, currency: 'USD' } } }));
    expect(item).toMatchObject({ id: 'dora-register', status: 'fail', path: '/contracts/ctr' });
    expect(item!.message).toBe(
      "The DORA register of information at 2026-03-31 has 3 errors: Contract ctr: error: the annual cost is in USD, the register's base currency is EUR (the policy's); give an exchange rate for USD or state the amount in EUR (fix Contract ctr); " +
        'b_02.01.csv row 1 c0050: error: annual expense or estimated cost is empty; it is mandatory (fix Contract ctr); ' +
        'b_05.01.csv row 1 c0100: error: the total annual expense is empty; it is required for a direct provider (one named in b_02.02) (fix Vendor cloudy).',
    );
  });

  it('is not applicable when the organisation has no LEI (not a DORA financial entity)', () => {
    const documents = catalog({ organisation: { lei: undefined } });
    expect(items(documents)).toEqual([]);
    const report = evaluateCompliance({ at: '2026-03-31', documents, source: 'files' });
    expect(report.checks.find((check) => check.id === 'C14')?.status).toBe('not-applicable');
    const passing = evaluateCompliance({ at: '2026-03-31', documents: catalog(), source: 'files' });
    expect(passing.checks.find((check) => check.id === 'C14')).toMatchObject({ status: 'pass', passed: 1 });
  });
});
