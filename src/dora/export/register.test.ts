import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkCatalog } from '../../catalog/check/check-catalog.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';
import { readCatalogSources } from '../../catalog/yaml/read.ts';
import { parseCsv } from '../csv.ts';
import { formatProblems, validateRegister } from '../validate.ts';
import { buildRegister, RegisterInputError, type BuiltRegister } from './register.ts';

const EXAMPLE = fileURLToPath(new URL('../../../examples/northbank', import.meta.url));
const CREATED = new Date('2026-03-15T12:00:00.000Z');

const validate = (register: BuiltRegister) =>
  formatProblems(
    validateRegister({
      zipName: register.zipName,
      rootFolder: register.zipName.replace(/\.zip$/, ''),
      files: register.files,
    }),
  );

/** The rows of one template's CSV as objects by column code. */
function table(register: BuiltRegister, file: string): Record<string, string>[] {
  const stem = register.zipName.replace(/\.zip$/, '');
  const text = register.files.get(`${stem}/reports/${file}`);
  if (text === undefined) return [];
  const [header = [], ...records] = parseCsv(text).records;
  return records.map((record) =>
    Object.fromEntries(header.map((code, index) => [code, record[index] ?? ''])),
  );
}

const BANK = '5299000EXAMPLEBANK10';
const PROVIDER = '9695000CLOUDYSERVS17';

/** A small catalog: one bank, one SaaS provider, one contract for one critical function. */
function smallCatalog(
  overrides: { contract?: object; vendor?: object; organisation?: object } = {},
): CatalogDocument[] {
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
        identifier: { type: 'LEI', code: PROVIDER },
        country: 'FR',
        substitutability: { level: 'highly-complex', reason: 'difficult-migration' },
        alternatives: ['other-cloud'],
        exitPlan: { plan: 'plan-exit', lastTested: '2025-10-01' },
        lastAudit: '2025-05-15',
        ...overrides.vendor,
      },
    },
    {
      apiVersion: 'lifeboat/v1',
      kind: 'Vendor',
      metadata: { id: 'other-cloud', name: 'Other Cloud GmbH' },
      spec: { identifier: { type: 'LEI', code: '529900STRATUSCLOUD08' }, country: 'DE' },
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
        end: '2026-12-31',
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

const build = (documents: CatalogDocument[], options: { rates?: Record<string, number> } = {}) =>
  buildRegister(documents, { referenceDate: '2025-12-31', createdAt: CREATED, ...options });

describe('the example organisation’s register', () => {
  it('passes the project’s validator with no problem', async () => {
    const checked = checkCatalog(await readCatalogSources(EXAMPLE));
    expect(checked.errors).toEqual([]);
    const register = build(checked.documents.map((located) => located.document));
    expect(register.issues).toEqual([]);
    expect(validate(register)).toEqual([]);
    expect(register.zipName).toBe(
      '984500NORTHBANK00026.CON_GB_DORA010100_DORA_2025-12-31_20260315120000000.zip',
    );
    // The Nimbus agreements: the overarching one and its subsequent contracts, Liffey at rank 2 under Nimbus.
    const links = table(register, 'b_02.01.csv').filter((row) => row.c0030 === 'NB-CLD-2023-001');
    expect(links.map((row) => row.c0010)).toEqual(['NB-CLD-2023-001-A', 'NB-CLD-2023-001-B']);
    expect(table(register, 'b_05.02.csv')).toContainEqual(
      expect.objectContaining({
        c0010: 'NB-CLD-2023-001-A',
        c0030: '635400LIFFEYDC000042',
        c0050: '2',
        c0060: '635400NIMBUSCLOUD060',
      }),
    );
    // Amounts stay in the policy's currency, which the package names as its base currency.
    const stem = register.zipName.replace(/\.zip$/, '');
    expect(register.files.get(`${stem}/reports/parameters.csv`)).toContain('baseCurrency,iso4217:GBP');
  });

  it('reports one entity of the group on its own, with only the contracts it signed', async () => {
    const checked = checkCatalog(await readCatalogSources(EXAMPLE));
    const register = buildRegister(
      checked.documents.map((located) => located.document),
      { referenceDate: '2025-12-31', createdAt: CREATED, entity: '635400NORTHBANKEU031' },
    );
    expect(validate(register)).toEqual([]);
    expect(register.zipName.startsWith('635400NORTHBANKEU031.IND_IE_')).toBe(true);
    expect(table(register, 'b_02.01.csv').map((row) => row.c0010)).toEqual(['NBE-SAAS-2024-002']);
  });
});

describe('each table from a small catalog', () => {
  const register = build(smallCatalog());

  it('is valid and lays the package out as the filing rules say', () => {
    expect(validate(register)).toEqual([]);
    const stem = 'BANK.IND_DE_DORA010100_DORA_2025-12-31_20260315120000000'.replace('BANK', BANK);
    expect(register.zipName).toBe(`${stem}.zip`);
    expect([...register.files.keys()].sort()).toEqual(
      [
        'META-INF/reportPackage.json',
        'reports/report.json',
        'reports/parameters.csv',
        'reports/FilingIndicators.csv',
        ...[
          '01.01',
          '01.02',
          '02.01',
          '02.02',
          '03.01',
          '03.02',
          '04.01',
          '05.01',
          '05.02',
          '06.01',
          '07.01',
          '99.01',
        ].map((code) => `reports/b_${code}.csv`),
      ]
        .map((file) => `${stem}/${file}`)
        .sort(),
    );
    expect(register.files.get(`${stem}/reports/parameters.csv`)).toBe(
      `name,value\nentityID,rs:${BANK}.IND\nrefPeriod,2025-12-31\nbaseCurrency,iso4217:EUR\ndecimalsInteger,0\ndecimalsMonetary,-3\n`,
    );
    const indicators = register.files.get(`${stem}/reports/FilingIndicators.csv`)!;
    expect(indicators.trim().split('\n')).toHaveLength(16);
    expect(indicators).toContain('B_01.03,false');
    expect(indicators).toContain('B_02.03,false');
    expect(indicators).toContain('B_03.03,false');
  });

  it('B_01.01 and B_01.02: the entity from the policy', () => {
    expect(table(register, 'b_01.01.csv')).toEqual([
      {
        c0010: BANK,
        c0020: 'Example Bank AG',
        c0030: 'eba_GA:DE',
        c0040: 'eba_CT:x12',
        c0050: 'BaFin',
        c0060: '2026-03-15',
      },
    ]);
    expect(table(register, 'b_01.02.csv')[0]).toMatchObject({
      c0010: BANK,
      c0050: 'eba_RP:x21',
      c0060: BANK,
      c0090: '9999-12-31',
      c0100: 'eba_CU:EUR',
      c0110: '5000000000',
    });
  });

  it('B_02.01 and B_02.02: the contract', () => {
    expect(table(register, 'b_02.01.csv')).toEqual([
      { c0010: 'CTR-0001', c0020: 'eba_CO:x1', c0030: '', c0040: 'eba_CU:EUR', c0050: '120000' },
    ]);
    expect(table(register, 'b_02.02.csv')).toEqual([
      {
        c0010: 'CTR-0001',
        c0020: BANK,
        c0030: PROVIDER,
        c0040: 'eba_qCO:qx2000',
        c0050: 'F1',
        c0060: 'eba_TA:S19',
        c0070: '2024-01-01',
        c0080: '2026-12-31',
        c0090: '',
        c0100: '90',
        c0110: '180',
        c0120: 'eba_GA:DE',
        c0130: 'eba_GA:FR',
        c0140: 'eba_BT:x28',
        c0150: 'eba_GA:FR',
        c0160: 'eba_GA:FR',
        c0170: 'eba_ZZ:x793',
        c0180: 'eba_ZZ:x797',
      },
    ]);
  });

  it('B_03.01, B_03.02 and B_04.01: who signs and who uses it', () => {
    expect(table(register, 'b_03.01.csv')).toEqual([{ c0010: 'CTR-0001', c0020: BANK, c0030: 'true' }]);
    expect(table(register, 'b_03.02.csv')).toEqual([
      { c0010: 'CTR-0001', c0020: PROVIDER, c0030: 'eba_qCO:qx2000' },
    ]);
    expect(table(register, 'b_04.01.csv')).toEqual([
      { c0010: 'CTR-0001', c0020: BANK, c0030: 'eba_ZZ:x839', c0040: 'Not Applicable' },
    ]);
  });

  it('B_05.01 and B_05.02: the provider and its place in the chain', () => {
    expect(table(register, 'b_05.01.csv')).toEqual([
      {
        c0010: PROVIDER,
        c0020: 'eba_qCO:qx2000',
        c0030: '',
        c0040: '',
        c0050: 'Cloudy Services SA',
        c0060: 'Cloudy Services SA',
        c0070: 'eba_CT:x212',
        c0080: 'eba_GA:FR',
        c0090: 'eba_CU:EUR',
        c0100: '120000',
        c0110: PROVIDER,
        c0120: 'eba_qCO:qx2000',
      },
    ]);
    expect(table(register, 'b_05.02.csv')).toEqual([
      {
        c0010: 'CTR-0001',
        c0020: 'eba_TA:S19',
        c0030: PROVIDER,
        c0040: 'eba_qCO:qx2000',
        c0050: '1',
        c0060: PROVIDER,
        c0070: 'eba_qCO:qx2000',
      },
    ]);
  });

  it('B_06.01: the function from the service', () => {
    expect(table(register, 'b_06.01.csv')).toEqual([
      {
        c0010: 'F1',
        c0020: 'eba_TA:x28',
        c0030: 'Payment processing',
        c0040: BANK,
        c0050: 'eba_BT:x28',
        c0060: 'Outage stops customer payments',
        c0070: '2025-06-30',
        c0080: '4',
        c0090: '1',
        c0100: 'eba_ZZ:x793',
      },
    ]);
  });

  it('B_07.01: the assessment from the vendor', () => {
    expect(table(register, 'b_07.01.csv')).toEqual([
      {
        c0010: 'CTR-0001',
        c0020: PROVIDER,
        c0030: 'eba_qCO:qx2000',
        c0040: 'eba_TA:S19',
        c0050: 'eba_ZZ:x960',
        c0060: 'eba_ZZ:x964',
        c0070: '2025-05-15',
        c0080: 'eba_BT:x28',
        c0090: 'eba_ZZ:x967',
        c0100: 'eba_ZZ:x793',
        c0110: 'eba_BT:x28',
        c0120: 'Other Cloud GmbH (LEI 529900STRATUSCLOUD08)',
      },
    ]);
  });

  it('B_99.01: one row of definitions', () => {
    const rows = table(register, 'b_99.01.csv');
    expect(rows).toHaveLength(1);
    expect(Object.values(rows[0]!).every((text) => text.length > 0)).toBe(true);
  });
});

describe('what the catalog cannot give', () => {
  it('does not relabel an amount in another currency: it needs a rate', () => {
    const documents = smallCatalog({ contract: { annualCost: { amount: 100_000, currency: 'GBP' } } });
    const without = build(documents);
    expect(without.issues.map((issue) => issue.source)).toEqual([{ kind: 'Contract', id: 'ctr' }]);
    expect(without.issues[0]?.message).toContain('give an exchange rate for GBP');
    expect(table(without, 'b_02.01.csv')[0]?.c0050).toBe('');
    const withRate = build(documents, { rates: { GBP: 1.15 } });
    expect(withRate.issues).toEqual([]);
    expect(table(withRate, 'b_02.01.csv')[0]?.c0050).toBe('115000');
  });

  it('leaves a key empty rather than inventing it, and the row names its document', () => {
    const register = build(smallCatalog({ vendor: { identifier: undefined } }));
    const problems = validateRegister({
      zipName: register.zipName,
      rootFolder: register.zipName.replace(/\.zip$/, ''),
      files: register.files,
    });
    const empty = problems.find((problem) => problem.table === 'b_05.01.csv' && problem.rule === 'key-empty');
    expect(empty).toBeDefined();
    expect(register.sources.get('b_05.01.csv')?.[empty!.row!]).toEqual({ kind: 'Vendor', id: 'cloudy' });
  });

  it('refuses a catalog without the organisation’s LEI, or an entity not in scope', () => {
    expect(() => build(smallCatalog({ organisation: { lei: undefined } }))).toThrow(RegisterInputError);
    expect(() =>
      buildRegister(smallCatalog(), { createdAt: CREATED, entity: '529900STRATUSCLOUD08' }),
    ).toThrow(/neither the organisation's LEI/);
  });

  it('reports an ended contract with its termination reason and leaves it out of the assessment', () => {
    const register = build(smallCatalog({ contract: { end: '2025-06-30', terminationReason: 'expired' } }));
    expect(validate(register)).toEqual([]);
    expect(table(register, 'b_02.02.csv')[0]?.c0090).toBe('eba_CO:x4');
    expect(table(register, 'b_07.01.csv')).toEqual([]);
  });
});
