/**
 * Builds the DORA register of information (Commission Implementing Regulation (EU) 2024/2956) from the catalog,
 * as the EBA DORA 4.0 xBRL-CSV report package: the ZIP's name, its root folder, the control files and one CSV per
 * reported template. Pure: the documents, the reference date and the creation time come in. It shares no rule
 * with the validator in src/dora/validate*.ts (it reads only the templates' column lists), so each checks the
 * other; docs/dora.md says which catalog field fills which column.
 */
import type { CatalogDocument, DocumentOf, Kind } from '../../catalog/kinds.ts';
import { parseDuration } from '../../catalog/duration.ts';
import { ENTITY_TYPE_CODES } from '../../suppliers/codes.ts';
import { NOT_APPLICABLE, TEMPLATES, type TemplateCode } from '../tables.ts';

/** What the register is built for. */
export interface RegisterOptions {
  /** The reference date `YYYY-MM-DD`; default 31 December of the year before `createdAt`. */
  readonly referenceDate?: string;
  /** The LEI of the reporting entity: the organisation's (default) or one of its entities in scope. */
  readonly entity?: string;
  /** When the package is made: the ZIP name's timestamp and B_01.01's date of reporting. */
  readonly createdAt: Date;
  /**
   * Exchange rates into the base currency (the policy's currency), by ISO 4217 code: an amount in USD is
   * multiplied by `rates.USD`. An amount in another currency without a rate is a problem, never relabelled.
   */
  readonly rates?: Readonly<Record<string, number>>;
}

/** The catalog document a row (or an issue) comes from. */
export interface RowSource {
  readonly kind: Kind;
  readonly id: string;
}

/** Something in the catalog the register cannot be written from, and the document to fix. */
export interface RegisterIssue {
  readonly source: RowSource;
  readonly message: string;
}

/** A report package as written: the ZIP's name and each file by its path inside the ZIP. */
export interface BuiltRegister {
  readonly zipName: string;
  readonly files: Map<string, string>;
  /** For each template's file name (`b_02.02.csv`), the document each 1-based data row came from (index 0 unused). */
  readonly sources: ReadonlyMap<string, readonly (RowSource | undefined)[]>;
  /** What could not be filled from the catalog (an amount without an exchange rate, an unknown activity). */
  readonly issues: readonly RegisterIssue[];
}

/** The catalog cannot give a register at all: no Policy organisation with an LEI, an entity not in scope. */
export class RegisterInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegisterInputError';
  }
}

/** The DORA 4.0 module the report extends, and the framework code of the ZIP name. */
const MODULE_URL = 'http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json';
const FRAMEWORK = 'DORA010100';
/** The date a key or mandatory date takes when there is none (not deleted, not assessed, never audited). */
const OPEN_DATE = '9999-12-31';
const COUNTRY_NA = 'eba_GA:qx2007';
const YES = 'eba_BT:x28';
const NO = 'eba_BT:x29';
const NOT_ASSESSED = 'eba_BT:x21';

const country = (code: string | undefined): string => (code ? `eba_GA:${code}` : '');
const currency = (code: string): string => `eba_CU:${code}`;

/** How each identifier type is coded (B_05.01.0020 as corrected). */
const CODE_TYPES: Record<string, string> = {
  LEI: 'eba_qCO:qx2000',
  NIN: 'eba_qCO:qx2001',
  EUID: 'eba_qCO:qx2002',
  CRN: 'eba_qCO:qx2003',
  VAT: 'eba_qCO:qx2004',
  PNR: 'eba_qCO:qx2005',
};
const CONTRACT_TYPE_CODES = { standalone: 'eba_CO:x1', overarching: 'eba_CO:x2', subsequent: 'eba_CO:x3' };
const TERMINATION_CODES = {
  expired: 'eba_CO:x4',
  'provider-breach': 'eba_CO:x5',
  'provider-impediment': 'eba_CO:x6',
  'data-security': 'eba_CO:x7',
  authority: 'eba_CO:x8',
  other: 'eba_CO:x9',
};
const SENSITIVITY_CODES = { low: 'eba_ZZ:x791', medium: 'eba_ZZ:x792', high: 'eba_ZZ:x793' };
const RELIANCE_CODES = {
  'not-significant': 'eba_ZZ:x794',
  low: 'eba_ZZ:x795',
  material: 'eba_ZZ:x796',
  full: 'eba_ZZ:x797',
};
const SUBSTITUTABILITY_CODES = {
  'not-substitutable': 'eba_ZZ:x959',
  'highly-complex': 'eba_ZZ:x960',
  medium: 'eba_ZZ:x961',
  easy: 'eba_ZZ:x962',
};
const SUBSTITUTION_REASON_CODES = {
  'no-alternative': 'eba_ZZ:x963',
  'difficult-migration': 'eba_ZZ:x964',
  both: 'eba_ZZ:x965',
};
/** Reintegration follows substitutability: the catalog has no field of its own for it. */
const REINTEGRATION_CODES = {
  easy: 'eba_ZZ:x798',
  medium: 'eba_ZZ:x966',
  'highly-complex': 'eba_ZZ:x967',
  'not-substitutable': 'eba_ZZ:x967',
};
const CRITICALITY_CODES = { yes: YES, no: NO, 'not-assessed': NOT_ASSESSED };
/** Impact of discontinuing, from the service's tier (the BIA sets the tier): 1 high, 2 medium, 3-4 low. */
const IMPACT_BY_TIER: Record<number, string> = {
  1: 'eba_ZZ:x793',
  2: 'eba_ZZ:x792',
  3: 'eba_ZZ:x791',
  4: 'eba_ZZ:x791',
};
const IMPACT_NOT_ASSESSED = 'eba_ZZ:x799';
const IMPACT_ORDER = ['eba_ZZ:x799', 'eba_ZZ:x791', 'eba_ZZ:x792', 'eba_ZZ:x793'];

/**
 * Licensed activities (ITS Annex II) the catalog may name in words; a code `x162` or `eba_TA:x162` is also
 * accepted as written.
 */
export const LICENSED_ACTIVITY_CODES: Readonly<Record<string, string>> = {
  'deposit taking': 'x162',
  lending: 'x163',
  'payment services': 'x28',
};

/** What each closed-list option means in Lifeboat's catalog (B_99.01, 19 columns in order). */
const DEFINITIONS = [
  'A contract of its own (type: standalone)',
  'A framework agreement other contracts sit under (type: overarching)',
  'A contract under an overarching agreement (type: subsequent)',
  'Data whose loss or disclosure would cause little harm (sensitivity: low)',
  'Data whose loss or disclosure would harm customers or the entity (sensitivity: medium)',
  'Personal, payment or secret data (sensitivity: high)',
  'A function of BIA tier 3 or 4',
  'A function of BIA tier 2',
  'A function of BIA tier 1',
  'No alternative provider can take over (substitutability: not-substitutable)',
  'Replacing the provider is a programme of many months (substitutability: highly-complex)',
  'Replacing the provider takes weeks (substitutability: medium)',
  'Another provider can take over within days (substitutability: easy)',
  'Follows substitutability easy',
  'Follows substitutability medium',
  'Follows substitutability highly-complex or not-substitutable',
  'The service supports functions of BIA tier 3 or 4 only',
  'The service supports a function of BIA tier 2',
  'The service supports a function of BIA tier 1',
];

type Row = Record<string, string>;
type Contract = DocumentOf<'Contract'>;
type Vendor = DocumentOf<'Vendor'>;
type Service = DocumentOf<'Service'>;

/** 31 December of the year before `date`: the usual reference date of a yearly submission. */
export function defaultReferenceDate(date: Date): string {
  return `${date.getUTCFullYear() - 1}-12-31`;
}

/** `YYYYMMDDhhmmssfff` in UTC. */
function timestamp17(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:T.Z]/g, '')
    .slice(0, 17);
}

/** A duration as whole hours for B_06.01: 0 when undefined, 1 when under an hour, else rounded up. */
export function objectiveHours(duration: string | undefined): string {
  const minutes = duration === undefined ? undefined : parseDuration(duration);
  if (minutes === undefined || minutes === 0) return '0';
  return String(Math.max(1, Math.ceil(minutes / 60)));
}

/** A cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a line end. */
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvText(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvCell(row[column] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}

/** An amount as plain decimals, at most two places, no exponent. */
function plainAmount(amount: number): string {
  const rounded = Math.round(amount * 100) / 100;
  return Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(2).replace(/0$/, '');
}

const nameOf = (document: CatalogDocument): string => document.metadata.name ?? document.metadata.id;

/** Builds the register package from the catalog's documents. */
export function buildRegister(
  documents: readonly CatalogDocument[],
  options: RegisterOptions,
): BuiltRegister {
  const of = <K extends Kind>(kind: K) =>
    documents.filter(
      (document): document is DocumentOf<K> & CatalogDocument => document.kind === kind,
    ) as DocumentOf<K>[];
  const policy = of('Policy')[0];
  const organisation = policy?.spec.organisation;
  if (!policy || !organisation?.lei)
    throw new RegisterInputError(
      'the register needs the Policy organisation’s LEI (spec.organisation.lei) and what B_01.01 asks of it',
    );
  const policySource: RowSource = { kind: 'Policy', id: policy.metadata.id };
  const referenceDate = options.referenceDate ?? defaultReferenceDate(options.createdAt);
  const createdDate = options.createdAt.toISOString().slice(0, 10);
  const baseCurrency = organisation.currency;
  const issues: RegisterIssue[] = [];
  const rows = new Map<TemplateCode, { row: Row; source: RowSource | undefined }[]>(
    TEMPLATES.map((template) => [template.code, []]),
  );
  const add = (code: TemplateCode, source: RowSource | undefined, row: Row) => {
    rows.get(code)!.push({ row, source });
  };

  /** An amount in the base currency, or undefined (and an issue) when its currency has no rate. */
  const inBase = (amount: { amount: number; currency: string }, source: RowSource): number | undefined => {
    if (amount.currency === baseCurrency) return amount.amount;
    const rate = options.rates?.[amount.currency];
    if (rate === undefined) {
      issues.push({
        source,
        message: `the annual cost is in ${amount.currency}, the register's base currency is ${baseCurrency} (the policy's); give an exchange rate for ${amount.currency} or state the amount in ${baseCurrency}`,
      });
      return undefined;
    }
    return amount.amount * rate;
  };

  // Entities in scope: the organisation and its entities, or one of them for an individual report.
  const group = [
    {
      lei: organisation.lei,
      name: organisation.name,
      country: organisation.country,
      type: organisation.entityType,
      parent: undefined as string | undefined,
      totalAssets: organisation.totalAssets,
    },
    ...(organisation.entities ?? []).map((entity) => ({
      lei: entity.lei,
      name: entity.name,
      country: entity.country,
      type: entity.type,
      parent: entity.parent ?? organisation.lei,
      totalAssets: entity.totalAssets,
    })),
  ];
  const reporterLei = options.entity ?? organisation.lei;
  const reporter = group.find((entity) => entity.lei === reporterLei);
  if (!reporter)
    throw new RegisterInputError(
      `${reporterLei} is neither the organisation's LEI nor one of its entities' (Policy spec.organisation.entities)`,
    );
  const consolidated = reporter.lei === organisation.lei && group.length > 1;
  const inScope = consolidated ? group : [reporter];
  const scopeLeis = new Set(inScope.map((entity) => entity.lei));

  // B_01.01: the entity maintaining the register.
  add('B_01.01', policySource, {
    c0010: reporter.lei,
    c0020: reporter.name,
    c0030: country(reporter.country),
    c0040: reporter.type ? `eba_CT:${ENTITY_TYPE_CODES[reporter.type]}` : '',
    c0050: organisation.competentAuthority ?? '',
    c0060: createdDate,
  });
  // B_01.02: the entities in scope.
  for (const entity of inScope) {
    const parent = entity.parent;
    add('B_01.02', policySource, {
      c0010: entity.lei,
      c0020: entity.name,
      c0030: country(entity.country),
      c0040: entity.type ? `eba_CT:${ENTITY_TYPE_CODES[entity.type]}` : '',
      c0050: parent === undefined ? (group.length > 1 ? 'eba_RP:x53' : 'eba_RP:x21') : 'eba_RP:x56',
      c0060: parent ?? entity.lei,
      c0070: referenceDate,
      c0080: referenceDate,
      c0090: OPEN_DATE,
      c0100: entity.totalAssets === undefined ? '' : currency(baseCurrency),
      c0110: entity.totalAssets === undefined ? '' : plainAmount(entity.totalAssets),
    });
  }

  // The arrangements in the register: those that started by the reference date and are signed by an entity
  // in scope (with the overarching agreement a subsequent one sits under).
  const vendors = new Map(of('Vendor').map((vendor) => [vendor.metadata.id, vendor]));
  const services = new Map(of('Service').map((service) => [service.metadata.id, service]));
  const allContracts = new Map(of('Contract').map((contract) => [contract.metadata.id, contract]));
  const signer = (contract: Contract) => contract.spec.entity ?? organisation.lei!;
  const contracts = [...allContracts.values()].filter(
    (contract) => contract.spec.start <= referenceDate && scopeLeis.has(signer(contract)),
  );
  for (const contract of [...contracts]) {
    const over = contract.spec.overarching ? allContracts.get(contract.spec.overarching) : undefined;
    if (over && !contracts.includes(over)) contracts.push(over);
  }
  const ended = (contract: Contract) => contract.spec.end !== undefined && contract.spec.end < referenceDate;

  const codeOf = (vendor: Vendor | undefined) => ({
    code: vendor?.spec.identifier?.code ?? '',
    type: vendor?.spec.identifier ? (CODE_TYPES[vendor.spec.identifier.type] ?? '') : '',
  });

  // B_06.01: the functions, numbered F1, F2... in the catalog's order, one row per entity using each.
  const functionIds = new Map<string, string>();
  const functionServices = of('Service').filter((service) => service.spec.function !== undefined);
  functionServices.forEach((service, index) => functionIds.set(service.metadata.id, `F${index + 1}`));
  const usersOf = new Map<string, Set<string>>();
  for (const contract of contracts)
    for (const id of contract.spec.services ?? []) {
      if (!functionIds.has(id)) continue;
      const users = usersOf.get(id) ?? new Set<string>();
      users.add(signer(contract));
      usersOf.set(id, users);
    }
  const impactOf = (service: Service | undefined) =>
    service?.spec.tier === undefined
      ? IMPACT_NOT_ASSESSED
      : (IMPACT_BY_TIER[service.spec.tier] ?? IMPACT_NOT_ASSESSED);
  for (const service of functionServices) {
    const fn = service.spec.function!;
    const source: RowSource = { kind: 'Service', id: service.metadata.id };
    const users = usersOf.get(service.metadata.id);
    if (!consolidated && !users && reporter.lei !== organisation.lei) continue;
    let activity = '';
    if (fn.licensedActivity !== undefined) {
      const written = fn.licensedActivity.trim();
      const code = /^(eba_TA:)?x[0-9]+$/.test(written)
        ? written.replace(/^eba_TA:/, '')
        : LICENSED_ACTIVITY_CODES[written.toLowerCase()];
      if (code) activity = `eba_TA:${code}`;
      else
        issues.push({
          source,
          message: `the licensed activity "${written}" has no known code; write it as its Annex II code (x162 deposit taking, x163 lending, x28 payment services...)`,
        });
    }
    for (const lei of users ?? [reporter.lei]) {
      add('B_06.01', source, {
        c0010: functionIds.get(service.metadata.id)!,
        c0020: activity,
        c0030: nameOf(service),
        c0040: lei,
        c0050: CRITICALITY_CODES[fn.criticalOrImportant],
        c0060: fn.reason ?? '',
        c0070: fn.assessedOn ?? OPEN_DATE,
        c0080: objectiveHours(service.spec.rto),
        c0090: objectiveHours(service.spec.rpo),
        c0100: impactOf(service),
      });
    }
  }

  // B_02.01 to B_04.01, B_05.02, B_07.01: one set of rows per arrangement.
  const spend = new Map<string, number>();
  const providers = new Set<string>();
  for (const contract of contracts) {
    const spec = contract.spec;
    const source: RowSource = { kind: 'Contract', id: contract.metadata.id };
    const vendor = vendors.get(spec.vendor);
    const provider = codeOf(vendor);
    providers.add(spec.vendor);
    const cost = spec.annualCost ? inBase(spec.annualCost, source) : undefined;
    if (cost !== undefined) spend.set(spec.vendor, (spend.get(spec.vendor) ?? 0) + cost);
    const overarching = spec.overarching ? allContracts.get(spec.overarching) : undefined;
    add('B_02.01', source, {
      c0010: spec.reference,
      c0020: CONTRACT_TYPE_CODES[spec.type],
      c0030: overarching?.spec.reference ?? '',
      c0040: currency(baseCurrency),
      c0050: cost === undefined ? '' : plainAmount(cost),
    });
    const user = signer(contract);
    const serviceType = `eba_TA:${spec.ictServiceType}`;
    const stored = spec.data?.stored;
    const storage = stored ? (spec.data?.storageLocations ?? []).map(country) : [];
    const processing = (spec.data?.processingLocations ?? []).map(country);
    const functions = (spec.services ?? []).map((id) => functionIds.get(id) ?? '').filter(Boolean);
    for (const fn of functions.length > 0 ? functions : [NOT_APPLICABLE])
      for (const at of storage.length > 0 ? storage : [COUNTRY_NA])
        for (const processed of processing.length > 0 ? processing : [COUNTRY_NA])
          add('B_02.02', source, {
            c0010: spec.reference,
            c0020: user,
            c0030: provider.code,
            c0040: provider.type,
            c0050: fn,
            c0060: serviceType,
            c0070: spec.start,
            c0080: spec.end ?? OPEN_DATE,
            c0090: spec.terminationReason ? TERMINATION_CODES[spec.terminationReason] : '',
            c0100: spec.noticePeriods?.entity === undefined ? '' : String(spec.noticePeriods.entity),
            c0110: spec.noticePeriods?.provider === undefined ? '' : String(spec.noticePeriods.provider),
            c0120: country(spec.governingLaw),
            c0130: spec.provisionCountry ? country(spec.provisionCountry) : COUNTRY_NA,
            c0140: stored === undefined ? '' : stored ? YES : NO,
            c0150: at,
            c0160: processed,
            c0170: stored && spec.data?.sensitivity ? SENSITIVITY_CODES[spec.data.sensitivity] : '',
            c0180: spec.reliance ? RELIANCE_CODES[spec.reliance] : '',
          });
    add('B_03.01', source, { c0010: spec.reference, c0020: user, c0030: 'true' });
    const intraGroup = vendor?.spec.identifier?.type === 'LEI' && scopeLeis.has(vendor.spec.identifier.code);
    if (intraGroup) add('B_03.03', source, { c0010: spec.reference, c0020: provider.code, c0031: 'true' });
    else add('B_03.02', source, { c0010: spec.reference, c0020: provider.code, c0030: provider.type });
    add('B_04.01', source, {
      c0010: spec.reference,
      c0020: user,
      c0030: 'eba_ZZ:x839',
      c0040: NOT_APPLICABLE,
    });

    // The supply chain: the provider at rank 1, its subcontractors below, each serving those one rank up.
    add('B_05.02', source, {
      c0010: spec.reference,
      c0020: serviceType,
      c0030: provider.code,
      c0040: provider.type,
      c0050: '1',
      c0060: provider.code,
      c0070: provider.type,
    });
    const chain = spec.subcontractors ?? [];
    for (const entry of chain) {
      providers.add(entry.vendor);
      const sub = codeOf(vendors.get(entry.vendor));
      const recipients =
        entry.rank === 2
          ? [provider]
          : chain.filter((up) => up.rank === entry.rank - 1).map((up) => codeOf(vendors.get(up.vendor)));
      for (const recipient of recipients)
        add('B_05.02', source, {
          c0010: spec.reference,
          c0020: `eba_TA:${entry.ictServiceType}`,
          c0030: sub.code,
          c0040: sub.type,
          c0050: String(entry.rank),
          c0060: recipient.code,
          c0070: recipient.type,
        });
    }

    // B_07.01: the assessment of each arrangement still running at the reference date.
    if (!ended(contract)) {
      const assessment = vendor?.spec;
      const vendorSource: RowSource = { kind: 'Vendor', id: spec.vendor };
      const level = assessment?.substitutability?.level;
      const impact = (spec.services ?? [])
        .map((id) => impactOf(services.get(id)))
        .reduce(
          (worst, next) => (IMPACT_ORDER.indexOf(next) > IMPACT_ORDER.indexOf(worst) ? next : worst),
          IMPACT_NOT_ASSESSED,
        );
      const alternatives = (assessment?.alternatives ?? []).map((id) => {
        const other = vendors.get(id);
        const code = other?.spec.identifier
          ? ` (${other.spec.identifier.type} ${other.spec.identifier.code})`
          : '';
        return `${other ? nameOf(other) : id}${code}`;
      });
      add('B_07.01', vendorSource, {
        c0010: spec.reference,
        c0020: provider.code,
        c0030: provider.type,
        c0040: serviceType,
        c0050: level ? SUBSTITUTABILITY_CODES[level] : '',
        c0060: assessment?.substitutability?.reason
          ? SUBSTITUTION_REASON_CODES[assessment.substitutability.reason]
          : '',
        c0070: assessment?.lastAudit ?? OPEN_DATE,
        c0080: assessment?.exitPlan ? YES : NO,
        c0090: level ? REINTEGRATION_CODES[level] : '',
        c0100: impact,
        c0110: alternatives.length > 0 ? YES : level ? NO : NOT_ASSESSED,
        c0120: alternatives.join('; '),
      });
    }
  }

  // B_05.01: every provider named anywhere, with the ultimate parents the rows point to.
  for (const id of [...providers]) {
    const parent = vendors.get(id)?.spec.parent;
    if (parent) providers.add(parent);
  }
  for (const id of providers) {
    const vendor = vendors.get(id);
    const source: RowSource = { kind: 'Vendor', id };
    const own = codeOf(vendor);
    const parent = vendor?.spec.parent ? codeOf(vendors.get(vendor.spec.parent)) : own;
    const total = spend.get(id);
    const name = vendor ? nameOf(vendor) : id;
    add('B_05.01', source, {
      c0010: own.code,
      c0020: own.type,
      c0030: '',
      c0040: '',
      c0050: name,
      c0060: name,
      c0070: vendor?.spec.personType === 'individual' ? 'eba_CT:x213' : 'eba_CT:x212',
      c0080: country(vendor?.spec.country),
      c0090: total === undefined ? '' : currency(baseCurrency),
      c0100: total === undefined ? '' : plainAmount(total),
      c0110: parent.code,
      c0120: parent.type,
    });
  }

  // B_99.01: what each closed-list option means here.
  add(
    'B_99.01',
    policySource,
    Object.fromEntries(
      DEFINITIONS.map((text, index) => [`c${String((index + 1) * 10).padStart(4, '0')}`, text]),
    ),
  );

  // The package.
  const subject = `${reporter.lei}.${consolidated ? 'CON' : 'IND'}`;
  const stem = `${subject}_${reporter.country ?? 'XX'}_${FRAMEWORK}_DORA_${referenceDate}_${timestamp17(options.createdAt)}`;
  const files = new Map<string, string>();
  files.set(
    `${stem}/META-INF/reportPackage.json`,
    `${JSON.stringify({ documentInfo: { documentType: 'https://xbrl.org/report-package/2023' } })}\n`,
  );
  files.set(
    `${stem}/reports/report.json`,
    `${JSON.stringify({ documentInfo: { documentType: 'https://xbrl.org/2021/xbrl-csv', extends: [MODULE_URL] } })}\n`,
  );
  files.set(
    `${stem}/reports/parameters.csv`,
    csvText(
      ['name', 'value'],
      [
        { name: 'entityID', value: `rs:${subject}` },
        { name: 'refPeriod', value: referenceDate },
        { name: 'baseCurrency', value: `iso4217:${baseCurrency}` },
        { name: 'decimalsInteger', value: '0' },
        { name: 'decimalsMonetary', value: '-3' },
      ],
    ),
  );
  const sources = new Map<string, (RowSource | undefined)[]>();
  const indicators: Row[] = [];
  for (const template of TEMPLATES) {
    const templateRows = rows.get(template.code)!;
    indicators.push({ templateID: template.filingIndicator, reported: String(templateRows.length > 0) });
    if (templateRows.length === 0) continue;
    const columns = template.columns.map((column) => column.code);
    files.set(
      `${stem}/reports/${template.file}`,
      csvText(
        columns,
        templateRows.map((entry) => entry.row),
      ),
    );
    sources.set(template.file, [undefined, ...templateRows.map((entry) => entry.source)]);
  }
  files.set(`${stem}/reports/FilingIndicators.csv`, csvText(['templateID', 'reported'], indicators));
  return { zipName: `${stem}.zip`, files, sources, issues };
}
