import { CLOSED_LISTS, isListMember } from './closed-lists.ts';
import { parseCsv } from './csv.ts';
import { isValidLei } from '../suppliers/lei.ts';
import type { Problem, ProblemRule } from './problem.ts';
import type { Column, Template } from './tables.ts';
import { isDate, isPlainDecimal, isPlainInteger, quoted } from './values.ts';

/** A template's rows as read: each row's cells by column code (columns missing from the header are absent). */
export interface TableRows {
  readonly template: Template;
  readonly rows: readonly ReadonlyMap<string, string>[];
  /** False when the CSV could not be parsed (reported once, so the rules that need its rows stay silent). */
  readonly readable: boolean;
  /** The template's columns the header has. */
  readonly columns: ReadonlySet<string>;
}

/** The xBRL-CSV special values, which the EBA filing rules forbid in the register (CSV-045/050/051). */
const SPECIAL_VALUES = new Set(['#nil', '#empty', '#none']);

/** The LEI type of code: a provider code of this type is an LEI. */
const LEI_CODE_TYPE = 'eba_qCO:qx2000';

/** Amounts that must not be negative (EBA rules v22913_s, v23716_s). */
const NON_NEGATIVE = new Set(['B_01.02.c0110', 'B_02.01.c0050']);

/** Text longer than this is refused (ITS Annex I: B_06.01.0060 reasons, up to 300 characters). */
const MAX_LENGTH: Record<string, number> = { 'B_06.01.c0060': 300 };

/** Function identifiers are `F` and a number (ITS Annex I, B_06.01.0010). */
const FUNCTION_ID = /^F[0-9]+$/;

/**
 * One template's CSV on its own: the header (every column once, order free), each cell's form (no spaces around
 * it, no special values, dates, integers, amounts, booleans, closed-list members, LEIs), keys present and
 * unique, mandatory cells filled, one row where the template holds one.
 */
export function checkTable(template: Template, text: string, problems: Problem[]): TableRows {
  const report = (row: number | null, column: string | null, rule: ProblemRule, message: string) =>
    problems.push({ table: template.file, template: template.code, row, column, rule, message });
  const parsed = parseCsv(text);
  if (parsed.error) {
    report(null, null, 'csv', `line ${parsed.error.line}: ${parsed.error.message}`);
    return { template, rows: [], readable: false, columns: new Set() };
  }
  const [header = [], ...records] = parsed.records;
  const known = new Set(template.columns.map((column) => column.code));
  const seen = new Set<string>();
  for (const code of header) {
    if (!known.has(code)) {
      report(
        null,
        code,
        'header',
        `unknown column ${quoted(code)}; ${template.code} has ${[...known].join(', ')}`,
      );
    } else if (seen.has(code)) {
      report(null, code, 'header', `column ${code} appears twice in the header`);
    }
    seen.add(code);
  }
  for (const column of template.columns) {
    if (!seen.has(column.code))
      report(
        null,
        column.code,
        'header',
        `the header lacks column ${column.code} (${column.name}); every column of ${template.code} is in the header, even when empty`,
      );
  }

  const rows: Map<string, string>[] = [];
  records.forEach((cells, index) => {
    const rowNumber = index + 1;
    if (cells.length !== header.length) {
      report(rowNumber, null, 'csv', `the row has ${cells.length} cells; the header has ${header.length}`);
    }
    const row = new Map<string, string>();
    header.forEach((code, position) => {
      if (known.has(code) && !row.has(code)) row.set(code, cells[position] ?? '');
    });
    rows.push(row);
    for (const column of template.columns) {
      const value = row.get(column.code);
      if (value === undefined) continue;
      const problem = cellProblem(template, column, value, row);
      if (problem) report(rowNumber, column.code, problem.rule, problem.message);
    }
  });

  if (template.oneRow && rows.length > 1) {
    report(
      2,
      null,
      'one-row',
      `${template.code} holds one row (${template.title.toLowerCase()}); found ${rows.length}`,
    );
  }
  checkKeys(template, rows, report);
  return { template, rows, readable: true, columns: new Set([...seen].filter((code) => known.has(code))) };
}

/** What is wrong with one cell, or null. */
function cellProblem(
  template: Template,
  column: Column,
  value: string,
  row: ReadonlyMap<string, string>,
): { rule: ProblemRule; message: string } | null {
  const what = `${column.name} ${quoted(value)}`;
  if (value === '') {
    if (column.requirement === 'K')
      return {
        rule: 'key-empty',
        message: `${column.name} is empty; a key is never empty (write "Not Applicable" or eba_GA:qx2007 when it has no value)`,
      };
    if (column.requirement === 'M')
      return { rule: 'mandatory', message: `${column.name} is empty; it is mandatory` };
    return null;
  }
  if (SPECIAL_VALUES.has(value))
    return {
      rule: 'special-value',
      message: `${what}: special values are not allowed; leave the cell empty instead`,
    };
  if (value !== value.trim())
    return { rule: 'whitespace', message: `${what} has leading or trailing spaces` };
  const id = `${template.code}.${column.code}`;
  switch (column.type) {
    case 'date':
      if (!isDate(value)) return { rule: 'type', message: `${what} is not a date YYYY-MM-DD` };
      break;
    case 'int':
      if (!isPlainInteger(value))
        return { rule: 'type', message: `${what} is not a whole number in plain digits` };
      if (id === 'B_05.02.c0050' && Number(value) < 1)
        return { rule: 'type', message: `${what}: ranks start at 1 (the direct provider)` };
      break;
    case 'monetary':
      if (!isPlainDecimal(value))
        return {
          rule: 'type',
          message: `${what} is not an amount in plain decimals (such as 120000 or 1234.50)`,
        };
      if (NON_NEGATIVE.has(id) && value.startsWith('-'))
        return { rule: 'type', message: `${what} must not be negative` };
      break;
    case 'bool':
      if (value !== 'true' && value !== 'false')
        return { rule: 'type', message: `${what} is not a boolean; expected true` };
      break;
    case 'closed': {
      const list = column.list;
      if (list && !isListMember(list, value, column.requirement === 'K')) {
        return { rule: 'closed-list', message: `${what} is not ${CLOSED_LISTS[list].label}` };
      }
      break;
    }
    case 'text': {
      const max = MAX_LENGTH[id];
      if (max !== undefined && value.length > max)
        return { rule: 'type', message: `${column.name} has ${value.length} characters; at most ${max}` };
      if (id === 'B_06.01.c0010' && !FUNCTION_ID.test(value))
        return {
          rule: 'type',
          message: `${what} is not a function identifier: F followed by a number, such as F1`,
        };
      break;
    }
  }
  if (column.lei) {
    const isLei = column.lei === 'always' || row.get(column.lei.typeColumn) === LEI_CODE_TYPE;
    if (isLei && !isValidLei(value)) {
      return {
        rule: 'lei',
        message: `${what} is not a valid LEI: 20 characters, the last two check digits (ISO 17442)`,
      };
    }
  }
  return null;
}

/** Keys are unique within the template (a template without key columns holds one row, checked above). */
function checkKeys(
  template: Template,
  rows: readonly ReadonlyMap<string, string>[],
  report: (row: number | null, column: string | null, rule: ProblemRule, message: string) => void,
): void {
  if (template.key.length === 0) return;
  const first = new Map<string, number>();
  rows.forEach((row, index) => {
    const values = template.key.map((code) => row.get(code) ?? '');
    if (values.some((value) => value === '')) return; // reported as an empty key
    const composite = JSON.stringify(values);
    const earlier = first.get(composite);
    if (earlier === undefined) {
      first.set(composite, index + 1);
      return;
    }
    const shown = template.key
      .map((code, position) => `${code} ${quoted(values[position] ?? '')}`)
      .join(', ');
    report(
      index + 1,
      template.key[0] ?? null,
      'key-duplicate',
      `the key (${shown}) is already on row ${earlier}; each row of ${template.code} has its own key`,
    );
  });
}
