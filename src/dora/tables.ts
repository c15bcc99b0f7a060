import type { ClosedListName } from './closed-lists.ts';

/**
 * The 15 templates of the DORA register of information (Commission Implementing Regulation (EU) 2024/2956,
 * Annex I) as the EBA DORA 4.0 module lays them out in xBRL-CSV: one CSV per template, columns `c0010`...,
 * open keys, foreign keys between templates. Written from the project's register notes (docs/dora.md lists the
 * sources); `tables.test.ts` holds it to the machine-readable copy of those notes.
 */

/** How a cell is written: free text, `YYYY-MM-DD`, plain digits, a plain decimal, `true`/`false`, or a list member. */
export type ColumnType = 'text' | 'date' | 'int' | 'monetary' | 'bool' | 'closed';

/** K key (never empty), M mandatory, C conditional, O optional. */
export type Requirement = 'K' | 'M' | 'C' | 'O';

/** One column of a template. */
export interface Column {
  readonly code: string;
  /** What the column holds, as messages name it. */
  readonly name: string;
  readonly type: ColumnType;
  readonly requirement: Requirement;
  /** The closed list of a `closed` column. */
  readonly list?: ClosedListName;
  /**
   * The column holds an LEI: always (`'always'`), or when the named column says its code is an LEI
   * (`eba_qCO:qx2000`), as for provider codes.
   */
  readonly lei?: 'always' | { readonly typeColumn: string };
}

/** The code of one of the 15 templates. */
export type TemplateCode =
  | 'B_01.01'
  | 'B_01.02'
  | 'B_01.03'
  | 'B_02.01'
  | 'B_02.02'
  | 'B_02.03'
  | 'B_03.01'
  | 'B_03.02'
  | 'B_03.03'
  | 'B_04.01'
  | 'B_05.01'
  | 'B_05.02'
  | 'B_06.01'
  | 'B_07.01'
  | 'B_99.01';

/** One template: its CSV file, filing indicator, columns and primary key. */
export interface Template {
  readonly code: TemplateCode;
  readonly title: string;
  /** The CSV file name under `reports/`. */
  readonly file: string;
  /** The templateID in FilingIndicators.csv. */
  readonly filingIndicator: string;
  readonly columns: readonly Column[];
  /** The open key columns (empty for B_99.01). */
  readonly key: readonly string[];
  /** The template holds one row (the reporting entity; the definitions). */
  readonly oneRow?: boolean;
}

/** A foreign key: every value of `from` must be a value of `to`. */
export interface ForeignKey {
  readonly from: { readonly table: TemplateCode; readonly column: string };
  readonly to: { readonly table: TemplateCode; readonly column: string };
  /** A: two independent sources agree; B: one implementation or a portal message; C: one secondary source. */
  readonly confidence: 'A' | 'B' | 'C';
}

/** The value a text key holds when it has no value (EBA Q&A 2024_7285). */
export const NOT_APPLICABLE = 'Not Applicable';

const key = (code: string, name: string): Column => ({ code, name, type: 'text', requirement: 'K' });
const leiKey = (code: string, name: string): Column => ({ ...key(code, name), lei: 'always' });
const providerKey = (code: string, name: string, typeColumn: string): Column => ({
  ...key(code, name),
  lei: { typeColumn },
});
const listKey = (code: string, name: string, list: ClosedListName): Column => ({
  code,
  name,
  type: 'closed',
  requirement: 'K',
  list,
});
const text = (code: string, name: string, requirement: Requirement = 'M'): Column => ({
  code,
  name,
  type: 'text',
  requirement,
});
const closed = (
  code: string,
  name: string,
  list: ClosedListName,
  requirement: Requirement = 'M',
): Column => ({
  code,
  name,
  type: 'closed',
  requirement,
  list,
});
const typed = (code: string, name: string, type: ColumnType, requirement: Requirement = 'M'): Column => ({
  code,
  name,
  type,
  requirement,
});

const template = (
  code: TemplateCode,
  title: string,
  keyColumns: readonly string[],
  columns: readonly Column[],
  oneRow?: boolean,
): Template => ({
  code,
  title,
  file: `${code.toLowerCase()}.csv`,
  filingIndicator: code,
  columns,
  key: keyColumns,
  ...(oneRow ? { oneRow } : {}),
});

const arrangement = (code = 'c0010') => key(code, 'arrangement reference');

/** The 15 templates in filing order. */
export const TEMPLATES: readonly Template[] = [
  template(
    'B_01.01',
    'Entity maintaining the register',
    ['c0010'],
    [
      leiKey('c0010', 'LEI of the entity maintaining the register'),
      text('c0020', 'name of the entity'),
      closed('c0030', 'country of the entity', 'COUNTRY'),
      closed('c0040', 'type of entity', 'ENTITY_TYPE'),
      text('c0050', 'competent authority'),
      typed('c0060', 'date of the reporting', 'date'),
    ],
    true,
  ),
  template(
    'B_01.02',
    'Entities within the scope of the register',
    ['c0010'],
    [
      leiKey('c0010', 'LEI of the entity'),
      text('c0020', 'name of the entity'),
      closed('c0030', 'country of the entity', 'COUNTRY'),
      closed('c0040', 'type of entity', 'ENTITY_TYPE'),
      closed('c0050', 'hierarchy of the entity within the group', 'HIERARCHY'),
      { ...text('c0060', 'LEI of the direct parent undertaking'), lei: 'always' },
      typed('c0070', 'date of last update', 'date'),
      typed('c0080', 'date of integration in the register', 'date'),
      typed('c0090', 'date of deletion from the register', 'date'),
      closed('c0100', 'currency of the total assets', 'CURRENCY', 'C'),
      typed('c0110', 'total assets', 'monetary', 'C'),
    ],
  ),
  template(
    'B_01.03',
    'List of branches',
    ['c0010', 'c0020'],
    [
      key('c0010', 'branch identification code'),
      leiKey('c0020', 'LEI of the head office of the branch'),
      text('c0030', 'name of the branch'),
      closed('c0040', 'country of the branch', 'COUNTRY'),
    ],
  ),
  template(
    'B_02.01',
    'Contractual arrangements, general information',
    ['c0010'],
    [
      arrangement(),
      closed('c0020', 'type of arrangement', 'CONTRACT_TYPE'),
      text('c0030', 'reference of the overarching arrangement', 'C'),
      closed('c0040', 'currency of the annual expense', 'CURRENCY'),
      typed('c0050', 'annual expense or estimated cost', 'monetary'),
    ],
  ),
  template(
    'B_02.02',
    'Contractual arrangements, specific information',
    ['c0010', 'c0020', 'c0030', 'c0050', 'c0060', 'c0130', 'c0150', 'c0160'],
    [
      arrangement(),
      leiKey('c0020', 'LEI of the entity using the service'),
      providerKey('c0030', 'provider code', 'c0040'),
      closed('c0040', 'type of provider code', 'CODE_TYPE'),
      key('c0050', 'function identifier'),
      listKey('c0060', 'ICT service type', 'ICT_SERVICE_TYPE'),
      typed('c0070', 'start date', 'date'),
      typed('c0080', 'end date', 'date'),
      closed('c0090', 'reason of termination or ending', 'TERMINATION_REASON', 'C'),
      typed('c0100', 'notice period for the entity (days)', 'int', 'C'),
      typed('c0110', 'notice period for the provider (days)', 'int', 'C'),
      closed('c0120', 'country of the governing law', 'COUNTRY', 'C'),
      listKey('c0130', 'country of provision of the service', 'COUNTRY'),
      closed('c0140', 'storage of data', 'YES_NO', 'C'),
      listKey('c0150', 'location of data at rest', 'COUNTRY'),
      listKey('c0160', 'location of data processing', 'COUNTRY'),
      closed('c0170', 'sensitiveness of the data', 'SENSITIVENESS', 'C'),
      closed('c0180', 'level of reliance', 'RELIANCE', 'C'),
    ],
  ),
  template(
    'B_02.03',
    'Intra-group contractual arrangements',
    ['c0010', 'c0020'],
    [
      key('c0010', 'intra-group arrangement reference'),
      key('c0020', 'linked arrangement reference'),
      typed('c0030', 'link', 'bool'),
    ],
  ),
  template(
    'B_03.01',
    'Entities signing arrangements for receiving ICT services',
    ['c0010', 'c0020'],
    [arrangement(), leiKey('c0020', 'LEI of the signing entity'), typed('c0030', 'link', 'bool')],
  ),
  template(
    'B_03.02',
    'ICT third-party service providers signing arrangements',
    ['c0010', 'c0020'],
    [
      arrangement(),
      providerKey('c0020', 'provider code', 'c0030'),
      closed('c0030', 'type of provider code', 'CODE_TYPE'),
    ],
  ),
  template(
    'B_03.03',
    'Entities signing arrangements for providing ICT services',
    ['c0010', 'c0020'],
    [arrangement(), leiKey('c0020', 'LEI of the providing entity'), typed('c0031', 'link', 'bool')],
  ),
  template(
    'B_04.01',
    'Entities making use of the ICT services',
    ['c0010', 'c0020', 'c0040'],
    [
      arrangement(),
      leiKey('c0020', 'LEI of the entity using the service'),
      closed('c0030', 'nature of the entity (branch or not)', 'BRANCH_NATURE'),
      key('c0040', 'branch identification code'),
    ],
  ),
  template(
    'B_05.01',
    'ICT third-party service providers',
    ['c0010'],
    [
      providerKey('c0010', 'provider code', 'c0020'),
      closed('c0020', 'type of provider code', 'CODE_TYPE'),
      { ...text('c0030', 'additional provider code', 'O'), lei: { typeColumn: 'c0040' } },
      closed('c0040', 'type of the additional code', 'CODE_TYPE', 'C'),
      text('c0050', 'legal name of the provider'),
      text('c0060', 'name of the provider in Latin alphabet'),
      closed('c0070', 'type of person', 'PERSON_TYPE'),
      closed('c0080', 'country of the headquarters', 'COUNTRY'),
      closed('c0090', 'currency of the total annual expense', 'CURRENCY', 'C'),
      typed('c0100', 'total annual expense or estimated cost', 'monetary', 'C'),
      { ...text('c0110', 'code of the ultimate parent'), lei: { typeColumn: 'c0120' } },
      closed('c0120', 'type of the ultimate parent code', 'CODE_TYPE', 'C'),
    ],
  ),
  template(
    'B_05.02',
    'ICT service supply chains',
    ['c0010', 'c0020', 'c0030', 'c0050', 'c0060'],
    [
      arrangement(),
      listKey('c0020', 'ICT service type', 'ICT_SERVICE_TYPE'),
      providerKey('c0030', 'provider code', 'c0040'),
      closed('c0040', 'type of provider code', 'CODE_TYPE'),
      { code: 'c0050', name: 'rank in the supply chain', type: 'int', requirement: 'K' },
      providerKey('c0060', 'code of the recipient of the sub-contracted service', 'c0070'),
      closed('c0070', 'type of the recipient code', 'CODE_TYPE', 'C'),
    ],
  ),
  template(
    'B_06.01',
    'Functions identification',
    ['c0010', 'c0040'],
    [
      key('c0010', 'function identifier'),
      closed('c0020', 'licensed activity', 'LICENSED_ACTIVITY'),
      text('c0030', 'function name'),
      leiKey('c0040', 'LEI of the entity'),
      closed('c0050', 'criticality or importance', 'YES_NO_NOT_ASSESSED'),
      text('c0060', 'reasons for criticality or importance', 'O'),
      typed('c0070', 'date of the last criticality assessment', 'date'),
      typed('c0080', 'recovery time objective (hours)', 'int'),
      typed('c0090', 'recovery point objective (hours)', 'int'),
      closed('c0100', 'impact of discontinuing the function', 'IMPACT'),
    ],
  ),
  template(
    'B_07.01',
    'Assessment of the ICT services',
    ['c0010', 'c0020', 'c0040'],
    [
      arrangement(),
      providerKey('c0020', 'provider code', 'c0030'),
      closed('c0030', 'type of provider code', 'CODE_TYPE'),
      listKey('c0040', 'ICT service type', 'ICT_SERVICE_TYPE'),
      closed('c0050', 'substitutability', 'SUBSTITUTABILITY'),
      closed('c0060', 'reason of non-substitutability', 'NON_SUBSTITUTABILITY_REASON', 'C'),
      typed('c0070', 'date of the last audit', 'date'),
      closed('c0080', 'existence of an exit plan', 'YES_NO'),
      closed('c0090', 'possibility of reintegration', 'REINTEGRATION'),
      closed('c0100', 'impact of discontinuing the service', 'IMPACT'),
      closed('c0110', 'alternative providers identified', 'YES_NO_NOT_ASSESSED'),
      text('c0120', 'alternative providers', 'O'),
    ],
  ),
  template(
    'B_99.01',
    'Definitions from entities making use of the ICT services',
    [],
    [
      'arrangement type standalone',
      'arrangement type overarching',
      'arrangement type subsequent or associated',
      'data sensitiveness low',
      'data sensitiveness medium',
      'data sensitiveness high',
      'impact of discontinuing a function low',
      'impact of discontinuing a function medium',
      'impact of discontinuing a function high',
      'substitutability not substitutable',
      'substitutability highly complex',
      'substitutability medium complexity',
      'substitutability easy',
      'reintegration easy',
      'reintegration difficult',
      'reintegration highly complex',
      'impact of discontinuing a service low',
      'impact of discontinuing a service medium',
      'impact of discontinuing a service high',
    ].map((meaning, index) =>
      text(`c${String((index + 1) * 10).padStart(4, '0')}`, `definition of ${meaning}`, 'O'),
    ),
    true,
  ),
];

const fk = (from: string, to: string, confidence: ForeignKey['confidence']): ForeignKey => {
  const split = (reference: string) => {
    const [table, column] = reference.split('.c') as [TemplateCode, string];
    return { table, column: `c${column}` };
  };
  return { from: split(from), to: split(to), confidence };
};

/** The foreign keys between templates, child to parent. */
export const FOREIGN_KEYS: readonly ForeignKey[] = [
  fk('B_01.03.c0020', 'B_01.02.c0010', 'A'),
  fk('B_02.01.c0030', 'B_02.01.c0010', 'A'),
  fk('B_02.02.c0010', 'B_02.01.c0010', 'A'),
  fk('B_02.02.c0020', 'B_01.02.c0010', 'A'),
  fk('B_02.02.c0030', 'B_05.01.c0010', 'A'),
  fk('B_02.02.c0050', 'B_06.01.c0010', 'A'),
  fk('B_02.03.c0010', 'B_02.01.c0010', 'A'),
  fk('B_02.03.c0020', 'B_02.01.c0010', 'A'),
  fk('B_03.01.c0010', 'B_02.01.c0010', 'A'),
  fk('B_03.01.c0020', 'B_01.02.c0010', 'A'),
  fk('B_03.02.c0010', 'B_02.01.c0010', 'A'),
  fk('B_03.02.c0020', 'B_05.01.c0010', 'A'),
  fk('B_03.03.c0010', 'B_02.01.c0010', 'A'),
  fk('B_03.03.c0020', 'B_01.02.c0010', 'A'),
  fk('B_04.01.c0010', 'B_02.01.c0010', 'A'),
  fk('B_04.01.c0020', 'B_01.02.c0010', 'A'),
  fk('B_04.01.c0040', 'B_01.03.c0010', 'B'),
  fk('B_05.02.c0010', 'B_02.01.c0010', 'A'),
  fk('B_05.02.c0030', 'B_05.01.c0010', 'A'),
  fk('B_05.02.c0060', 'B_05.01.c0010', 'B'),
  fk('B_05.01.c0110', 'B_05.01.c0010', 'B'),
  fk('B_06.01.c0040', 'B_01.02.c0010', 'B'),
  fk('B_07.01.c0010', 'B_02.01.c0010', 'A'),
  fk('B_07.01.c0020', 'B_05.01.c0010', 'A'),
  fk('B_01.02.c0060', 'B_01.02.c0010', 'C'),
];

/** The template with this code. */
export function templateByCode(code: TemplateCode): Template {
  const found = TEMPLATES.find((entry) => entry.code === code);
  if (!found) throw new Error(`unknown DORA template ${code}`);
  return found;
}

/** The column of a template by code. */
export function columnOf(table: Template, code: string): Column | undefined {
  return table.columns.find((column) => column.code === code);
}
