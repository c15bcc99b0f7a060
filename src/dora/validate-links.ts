import { YES } from './closed-lists.ts';
import type { Problem, ProblemRule } from './problem.ts';
import { columnOf, FOREIGN_KEYS, NOT_APPLICABLE, templateByCode, type TemplateCode } from './tables.ts';
import type { PackageFacts } from './validate-package.ts';
import type { TableRows } from './validate-table.ts';
import { isDate, quoted } from './values.ts';

/** The country key value for "not applicable", which no foreign key follows. */
const COUNTRY_NOT_APPLICABLE = 'eba_GA:qx2007';

type Report = (table: TemplateCode, row: number, column: string, rule: ProblemRule, message: string) => void;

/**
 * The rules that look across rows and templates: foreign keys, the conditional columns (EBA rules v8803_m,
 * v8804_m, v8805_m/v22912_m, v8825_m and the ITS Annex I conditions), and the reporting entity against the
 * report subject.
 */
export function checkLinks(
  tables: ReadonlyMap<TemplateCode, TableRows>,
  facts: PackageFacts,
  problems: Problem[],
): void {
  const report: Report = (table, row, column, rule, message) =>
    problems.push({ table: templateByCode(table).file, template: table, row, column, rule, message });
  const rowsOf = (code: TemplateCode) => tables.get(code)?.rows ?? [];
  checkForeignKeys(tables, facts, report);
  checkConditions(rowsOf, facts, report);
  const subjectLei = facts.subject?.split('.')[0];
  const reporter = rowsOf('B_01.01')[0]?.get('c0010');
  if (subjectLei && reporter && reporter !== subjectLei) {
    report(
      'B_01.01',
      1,
      'c0010',
      'entity',
      `the entity maintaining the register ${quoted(reporter)} is not the report subject ${subjectLei} of the ZIP name and entityID`,
    );
  }
}

/** Every foreign key of confidence A or B resolves to a row of its parent template. */
function checkForeignKeys(
  tables: ReadonlyMap<TemplateCode, TableRows>,
  facts: PackageFacts,
  report: Report,
): void {
  for (const fk of FOREIGN_KEYS) {
    // C: one secondary source. B_01.02.c0060 (the direct parent) may well be outside the register's scope.
    if (fk.confidence === 'C') continue;
    const child = tables.get(fk.from.table);
    if (!child) continue;
    const parent = tables.get(fk.to.table);
    // A broken parent CSV, or a header without the column, is reported already.
    if (parent && (!parent.readable || !parent.columns.has(fk.to.column))) continue;
    const values = new Set((parent?.rows ?? []).map((row) => row.get(fk.to.column) ?? '').filter(Boolean));
    const notReported =
      facts.indicators.get(fk.to.table)?.reported === false || !parent
        ? ` (${fk.to.table} is not reported)`
        : '';
    const name = columnOf(child.template, fk.from.column)?.name ?? fk.from.column;
    child.rows.forEach((row, index) => {
      const value = row.get(fk.from.column) ?? '';
      if (value === '' || value === NOT_APPLICABLE || value === COUNTRY_NOT_APPLICABLE || values.has(value))
        return;
      report(
        fk.from.table,
        index + 1,
        fk.from.column,
        'foreign-key',
        `${name} ${quoted(value)} is not in ${fk.to.table.toLowerCase()} (${fk.to.column})${notReported}`,
      );
    });
  }
}

/** The conditional columns: required when another column says so, or empty when it says not. */
function checkConditions(
  rowsOf: (code: TemplateCode) => readonly ReadonlyMap<string, string>[],
  facts: PackageFacts,
  report: Report,
): void {
  const each = (
    code: TemplateCode,
    check: (cell: (column: string) => string, bad: (column: string, message: string) => void) => void,
  ) =>
    rowsOf(code).forEach((row, index) =>
      check(
        (column) => row.get(column) ?? '',
        (column, message) => report(code, index + 1, column, 'conditional', message),
      ),
    );

  each('B_01.02', (cell, bad) => {
    const nonFinancial = ['eba_CT:x317', 'eba_CT:x318'].includes(cell('c0040'));
    if (cell('c0110') === '' && !nonFinancial)
      bad(
        'c0110',
        'total assets is empty; it is required for a financial entity (type other than eba_CT:x317, eba_CT:x318)',
      );
    if (cell('c0110') !== '' && cell('c0100') === '')
      bad('c0100', 'the currency of the total assets is empty; it is required when total assets is given');
  });

  each('B_02.01', (cell, bad) => {
    const subsequent = cell('c0020') === 'eba_CO:x3';
    if (subsequent && cell('c0030') === '')
      bad(
        'c0030',
        'the reference of the overarching arrangement is empty; a subsequent or associated arrangement (eba_CO:x3) names it',
      );
    if (!subsequent && cell('c0030') !== '')
      bad(
        'c0030',
        `the reference of the overarching arrangement ${quoted(cell('c0030'))} is given, but only a subsequent or associated arrangement (eba_CO:x3) has one`,
      );
  });

  const critical = new Set(
    rowsOf('B_06.01')
      .filter((row) => row.get('c0050') === YES)
      .map((row) => JSON.stringify([row.get('c0010'), row.get('c0040')])),
  );
  const refPeriod = facts.refPeriod;
  each('B_02.02', (cell, bad) => {
    const end = cell('c0080');
    if (refPeriod && isDate(end)) {
      const ended = end < refPeriod;
      if (ended && cell('c0090') === '')
        bad(
          'c0090',
          `the reason of termination is empty, but the arrangement ended on ${end}, before the reference date ${refPeriod}`,
        );
      if (!ended && cell('c0090') !== '')
        bad(
          'c0090',
          `a reason of termination is given, but the arrangement runs until ${end}, not before the reference date ${refPeriod}`,
        );
    }
    if (cell('c0140') === YES && cell('c0150') === COUNTRY_NOT_APPLICABLE) {
      bad(
        'c0150',
        'the location of data at rest is eba_GA:qx2007 (not applicable), but the service stores data (c0140 yes): name the country',
      );
    }
    if (!critical.has(JSON.stringify([cell('c0050'), cell('c0020')]))) return;
    const why = `the service supports a critical or important function (${cell('c0050')} in b_06.01)`;
    for (const [column, name] of [
      ['c0100', 'notice period for the entity'],
      ['c0110', 'notice period for the provider'],
      ['c0120', 'country of the governing law'],
      ['c0140', 'storage of data'],
      ['c0180', 'level of reliance'],
    ] as const) {
      if (cell(column) === '') bad(column, `the ${name} is empty; it is required because ${why}`);
    }
    if (cell('c0140') === YES && cell('c0170') === '')
      bad(
        'c0170',
        `the sensitiveness of the data is empty; it is required because the service stores data and ${why}`,
      );
  });

  each('B_04.01', (cell, bad) => {
    if (cell('c0030') === 'eba_ZZ:x839' && cell('c0040') !== NOT_APPLICABLE && cell('c0040') !== '') {
      bad(
        'c0040',
        `the branch code ${quoted(cell('c0040'))} is given for an entity that is not a branch (eba_ZZ:x839); expected "${NOT_APPLICABLE}"`,
      );
    }
    if (cell('c0030') === 'eba_ZZ:x838' && cell('c0040') === NOT_APPLICABLE) {
      bad('c0040', 'the entity is a branch (eba_ZZ:x838), so the branch code names a row of b_01.03');
    }
  });

  const direct = new Set(rowsOf('B_02.02').map((row) => row.get('c0030') ?? ''));
  each('B_05.01', (cell, bad) => {
    if (cell('c0030') !== '' && cell('c0040') === '')
      bad(
        'c0040',
        'the type of the additional code is empty; it is required when an additional code is given',
      );
    if (cell('c0100') !== '' && cell('c0090') === '')
      bad(
        'c0090',
        'the currency of the total annual expense is empty; it is required when the expense is given',
      );
    if (cell('c0100') === '' && direct.has(cell('c0010')))
      bad(
        'c0100',
        'the total annual expense is empty; it is required for a direct provider (one named in b_02.02)',
      );
    if (cell('c0110') !== '' && cell('c0120') === '')
      bad(
        'c0120',
        'the type of the ultimate parent code is empty; it is required when the parent code is given',
      );
  });

  each('B_05.02', (cell, bad) => {
    const recipient = cell('c0060');
    if (recipient !== '' && recipient !== NOT_APPLICABLE && cell('c0070') === '')
      bad(
        'c0070',
        'the type of the recipient code is empty; it is required when the recipient is a provider code',
      );
  });

  each('B_07.01', (cell, bad) => {
    if (['eba_ZZ:x959', 'eba_ZZ:x960'].includes(cell('c0050')) && cell('c0060') === '') {
      bad(
        'c0060',
        `the reason of non-substitutability is empty; it is required when the substitutability is ${cell('c0050')}`,
      );
    }
  });
}
