import { ISO_COUNTRIES, ISO_CURRENCIES } from './closed-lists.ts';
import { parseCsv } from './csv.ts';
import { LEI_PATTERN } from '../suppliers/lei.ts';
import type { RegisterPackage } from './package-reader.ts';
import type { Problem, ProblemRule } from './problem.ts';
import { TEMPLATES, type TemplateCode } from './tables.ts';
import { isDate, isTimestamp17, quoted } from './values.ts';

/** The framework and module parts of the ZIP name for the EBA DORA 4.0 module. */
const FRAMEWORK = 'DORA010100';
const MODULE = 'DORA';

/** META-INF/reportPackage.json, exactly (xBRL report package 2023). */
export const REPORT_PACKAGE_JSON = { documentInfo: { documentType: 'https://xbrl.org/report-package/2023' } };

/** reports/report.json, exactly: xBRL-CSV extending the EBA DORA 4.0 module, which supplies the tables. */
export const REPORT_JSON = {
  documentInfo: {
    documentType: 'https://xbrl.org/2021/xbrl-csv',
    extends: ['http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json'],
  },
};

/** The five parameters the DORA module references; nothing else may be in parameters.csv. */
export const PARAMETERS = [
  'entityID',
  'refPeriod',
  'baseCurrency',
  'decimalsInteger',
  'decimalsMonetary',
] as const;

/** What the package's own files say, for the table rules. */
export interface PackageFacts {
  /** The folder the package's files are under (the root folder, else the ZIP stem). */
  readonly base: string;
  /** The report subject `{LEI}.IND|CON` from the ZIP name or entityID, when readable. */
  readonly subject: string | null;
  /** The reference date from parameters.csv (else the ZIP name), when valid. */
  readonly refPeriod: string | null;
  /** Each template's filing indicator and its data row in FilingIndicators.csv. */
  readonly indicators: ReadonlyMap<TemplateCode, { readonly reported: boolean; readonly row: number }>;
}

type Report = (
  table: string,
  row: number | null,
  column: string | null,
  rule: ProblemRule,
  message: string,
) => void;

/** The package-level rules: ZIP name, root folder, files present, JSON metadata, parameters, filing indicators. */
export function checkPackage(pkg: RegisterPackage, problems: Problem[]): PackageFacts {
  const report: Report = (table, row, column, rule, message) =>
    problems.push({ table, template: null, row, column, rule, message });
  const zip = checkZipName(pkg.zipName, report);
  const stem = pkg.zipName.replace(/\.zip$/i, '');
  const base = pkg.rootFolder ?? stem;
  if (pkg.rootFolder === null) {
    report(
      pkg.zipName,
      null,
      null,
      'name',
      `the ZIP must hold one folder named ${quoted(stem)} and nothing beside it`,
    );
  } else if (pkg.rootFolder !== stem) {
    report(
      pkg.zipName,
      null,
      null,
      'name',
      `the root folder ${quoted(pkg.rootFolder)} must be named like the ZIP without .zip, ${quoted(stem)}`,
    );
  }

  const allowed = new Set([
    'META-INF/reportPackage.json',
    'reports/report.json',
    'reports/parameters.csv',
    'reports/FilingIndicators.csv',
    ...TEMPLATES.map((template) => `reports/${template.file}`),
  ]);
  for (const filePath of pkg.files.keys()) {
    const relative = filePath.startsWith(`${base}/`) ? filePath.slice(base.length + 1) : null;
    if (relative === null || !allowed.has(relative)) {
      report(
        pkg.zipName,
        null,
        null,
        'layout',
        `unexpected file ${quoted(filePath)}: a report package holds only META-INF/reportPackage.json, reports/report.json, reports/parameters.csv, reports/FilingIndicators.csv and the templates' CSV files`,
      );
    }
  }
  for (const filePath of pkg.notUtf8 ?? []) {
    report(filePath.split('/').pop() ?? filePath, null, null, 'encoding', 'the file is not valid UTF-8');
  }

  const read = (relative: string): string | undefined => pkg.files.get(`${base}/${relative}`);
  checkJson(
    read('META-INF/reportPackage.json'),
    'META-INF/reportPackage.json',
    REPORT_PACKAGE_JSON,
    pkg.zipName,
    report,
  );
  checkJson(read('reports/report.json'), 'report.json', REPORT_JSON, pkg.zipName, report);
  const parameters = checkParameters(read('reports/parameters.csv'), zip, pkg.zipName, report);
  const indicators = checkFilingIndicators(read('reports/FilingIndicators.csv'), pkg.zipName, report);
  return {
    base,
    subject: parameters.subject ?? zip.subject,
    refPeriod: parameters.refPeriod ?? zip.refPeriod,
    indicators,
  };
}

interface ZipFacts {
  readonly subject: string | null;
  readonly refPeriod: string | null;
}

/** `{LEI}.{IND|CON}_{CC}_DORA010100_DORA_{refPeriod}_{YYYYMMDDhhmmssfff}.zip` (EBA filing rules, EBA-NAME). */
function checkZipName(zipName: string, report: Report): ZipFacts {
  const bad = (message: string) => report(zipName, null, null, 'name', message);
  if (!zipName.endsWith('.zip')) bad('the package name must end in .zip');
  const parts = zipName.replace(/\.zip$/, '').split('_');
  if (parts.length !== 6) {
    bad(
      `the name has ${parts.length} parts separated by "_"; expected 6: {LEI}.IND|CON, country, ${FRAMEWORK}, ${MODULE}, reference date, creation time (YYYYMMDDhhmmssfff)`,
    );
    return { subject: null, refPeriod: null };
  }
  const [subject = '', country = '', framework, module, refPeriod = '', created = ''] = parts;
  const subjectMatch = /^([A-Z0-9]+)\.(IND|CON)$/.exec(subject);
  if (!subjectMatch || !LEI_PATTERN.test(subjectMatch[1] ?? '')) {
    bad(`the report subject ${quoted(subject)} must be an LEI (20 characters) followed by .IND or .CON`);
  }
  if (!ISO_COUNTRIES.includes(country))
    bad(`the country ${quoted(country)} must be an ISO 3166-1 alpha-2 code such as DE`);
  if (framework !== FRAMEWORK)
    bad(`the framework part ${quoted(framework ?? '')} must be ${FRAMEWORK} (DORA module 4.0)`);
  if (module !== MODULE) bad(`the module part ${quoted(module ?? '')} must be ${MODULE}`);
  if (!isDate(refPeriod)) bad(`the reference date ${quoted(refPeriod)} must be a date YYYY-MM-DD`);
  if (!isTimestamp17(created))
    bad(`the creation time ${quoted(created)} must be 17 digits YYYYMMDDhhmmssfff`);
  return { subject: subjectMatch ? subject : null, refPeriod: isDate(refPeriod) ? refPeriod : null };
}

/** A JSON file that must be exactly `expected` (whitespace and key order aside). */
function checkJson(
  text: string | undefined,
  name: string,
  expected: unknown,
  zipName: string,
  report: Report,
): void {
  const wanted = JSON.stringify(expected);
  if (text === undefined) {
    report(zipName, null, null, 'layout', `${name} is missing; expected ${wanted}`);
    return;
  }
  let actual: unknown;
  try {
    actual = JSON.parse(text);
  } catch {
    report(name, null, null, 'metadata', `not valid JSON; expected ${wanted}`);
    return;
  }
  if (canonical(actual) !== canonical(expected))
    report(name, null, null, 'metadata', `expected exactly ${wanted}`);
}

/** JSON with object keys sorted, so two documents compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Data rows of a two-column control CSV after its header, or null when the file is missing or broken. */
function controlRows(
  text: string | undefined,
  name: string,
  header: readonly [string, string],
  zipName: string,
  report: Report,
): string[][] | null {
  if (text === undefined) {
    report(zipName, null, null, 'layout', `reports/${name} is missing`);
    return null;
  }
  const parsed = parseCsv(text);
  if (parsed.error) {
    report(name, null, null, 'csv', `line ${parsed.error.line}: ${parsed.error.message}`);
    return null;
  }
  const [first = [], ...rows] = parsed.records;
  if (first.join(',') !== header.join(',')) {
    report(
      name,
      null,
      null,
      'header',
      `the header is ${quoted(first.join(','))}; expected ${quoted(header.join(','))}`,
    );
    return null;
  }
  return rows;
}

/** parameters.csv: exactly the five parameters, valid values, the same subject and date as the ZIP name. */
function checkParameters(text: string | undefined, zip: ZipFacts, zipName: string, report: Report): ZipFacts {
  const file = 'parameters.csv';
  const rows = controlRows(text, file, ['name', 'value'], zipName, report);
  if (!rows) return { subject: null, refPeriod: null };
  const seen = new Map<string, string>();
  rows.forEach((cells, index) => {
    const row = index + 1;
    const [name = '', value = ''] = cells;
    const bad = (column: string, message: string) => report(file, row, column, 'parameters', message);
    if (cells.length !== 2) return bad('name', `the row has ${cells.length} cells; expected 2 (name,value)`);
    if (!(PARAMETERS as readonly string[]).includes(name)) {
      return bad(
        'name',
        `parameter ${quoted(name)} is not referenced by the DORA module (supervisors reject unused parameters); only ${PARAMETERS.join(', ')} are allowed`,
      );
    }
    if (seen.has(name)) return bad('name', `parameter ${name} is given twice`);
    seen.set(name, value);
    const expectation = parameterExpectation(name, value, zip);
    if (expectation) bad('value', `${name} ${quoted(value)}: ${expectation}`);
  });
  for (const name of PARAMETERS) {
    if (!seen.has(name)) report(file, null, 'name', 'parameters', `parameter ${name} is missing`);
  }
  const entityID = seen.get('entityID') ?? '';
  const refPeriod = seen.get('refPeriod') ?? '';
  return {
    subject: /^rs:[A-Z0-9]{20}\.(IND|CON)$/.test(entityID) ? entityID.slice(3) : null,
    refPeriod: isDate(refPeriod) ? refPeriod : null,
  };
}

/** What is wrong with one parameter's value, or null. */
function parameterExpectation(name: string, value: string, zip: ZipFacts): string | null {
  switch (name) {
    case 'entityID':
      if (!/^rs:[A-Z0-9]{18}[0-9]{2}\.(IND|CON)$/.test(value)) return 'expected rs:{LEI}.IND or rs:{LEI}.CON';
      if (zip.subject && value !== `rs:${zip.subject}`)
        return `expected rs:${zip.subject}, the report subject of the ZIP name`;
      return null;
    case 'refPeriod':
      if (!isDate(value)) return 'expected a date YYYY-MM-DD';
      if (zip.refPeriod && value !== zip.refPeriod)
        return `expected ${zip.refPeriod}, the reference date of the ZIP name`;
      return null;
    case 'baseCurrency': {
      const code = /^iso4217:([A-Z]{3})$/.exec(value)?.[1];
      return code && ISO_CURRENCIES.includes(code)
        ? null
        : 'expected iso4217: and an ISO 4217 currency, such as iso4217:EUR';
    }
    case 'decimalsInteger':
      return value === '0' ? null : 'expected 0';
    case 'decimalsMonetary':
      return /^-?[0-9]+$/.test(value) && Number(value) >= -4
        ? null
        : 'expected an integer of at least -4, such as -3';
    default:
      return null;
  }
}

/** FilingIndicators.csv: each of the 15 templates once, reported true or false. */
function checkFilingIndicators(
  text: string | undefined,
  zipName: string,
  report: Report,
): PackageFacts['indicators'] {
  const file = 'FilingIndicators.csv';
  const indicators = new Map<TemplateCode, { reported: boolean; row: number }>();
  const rows = controlRows(text, file, ['templateID', 'reported'], zipName, report);
  if (!rows) return indicators;
  rows.forEach((cells, index) => {
    const row = index + 1;
    const [templateID = '', reported = ''] = cells;
    const bad = (column: string, message: string) => report(file, row, column, 'filing-indicator', message);
    const template = TEMPLATES.find((entry) => entry.filingIndicator === templateID);
    if (cells.length !== 2)
      return bad('templateID', `the row has ${cells.length} cells; expected 2 (templateID,reported)`);
    if (!template)
      return bad(
        'templateID',
        `unknown template ${quoted(templateID)}; expected one of ${TEMPLATES.map((t) => t.code).join(', ')}`,
      );
    if (indicators.has(template.code)) return bad('templateID', `${templateID} is listed twice`);
    if (reported !== 'true' && reported !== 'false')
      return bad('reported', `${quoted(reported)} for ${templateID}; expected true or false`);
    indicators.set(template.code, { reported: reported === 'true', row });
  });
  for (const template of TEMPLATES) {
    if (!indicators.has(template.code) && !rows.some((cells) => cells[0] === template.filingIndicator)) {
      report(
        file,
        null,
        'templateID',
        'filing-indicator',
        `${template.code} is missing; every one of the 15 templates is listed, true or false`,
      );
    }
  }
  return indicators;
}
