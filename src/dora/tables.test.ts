/**
 * tables.ts against the machine-readable register notes (../shared/data/dora/tables.json beside the checkout, or
 * LIFEBOAT_DORA_DIR): every template, column, key, closed list and foreign key agrees. Outside CI a missing file
 * skips with a notice; under CI=true it is a failing test.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOSED_LISTS, isListMember, type ClosedListName } from './closed-lists.ts';
import { FOREIGN_KEYS, TEMPLATES, type ColumnType, type Requirement } from './tables.ts';

const DORA_DIR =
  process.env.LIFEBOAT_DORA_DIR ?? path.resolve(import.meta.dirname, '../../../shared/data/dora');
const TABLES_JSON = path.join(DORA_DIR, 'tables.json');

interface NotesColumn {
  code: string;
  type: string;
  required: string;
  closed_list?: string;
}
interface NotesTable {
  table: string;
  file: string;
  filing_indicator: string;
  key: string[];
  columns: NotesColumn[];
}
interface NotesList {
  values?: Record<string, string>;
  examples?: Record<string, string>;
  not_applicable?: string;
}
interface Notes {
  tables: NotesTable[];
  closed_lists: Record<string, NotesList>;
  foreign_keys: { from: string; to: string; confidence: string }[];
}

/** The notes' column type as tables.ts writes it (a key's requirement is K either way). */
const TYPE: Record<string, ColumnType> = {
  'key-string': 'text',
  'key-qname': 'closed',
  'key-integer': 'int',
  string: 'text',
  date: 'date',
  integer: 'int',
  monetary: 'monetary',
  boolean: 'bool',
  code: 'closed',
};
const REQUIREMENT: Record<string, Requirement> = {
  key: 'K',
  mandatory: 'M',
  conditional: 'C',
  optional: 'O',
};

if (!existsSync(TABLES_JSON)) {
  if (process.env.CI === 'true') {
    it('has the register notes to compare against', () => {
      throw new Error(
        `CI=true but ${TABLES_JSON} is missing: put it there or set LIFEBOAT_DORA_DIR to its folder`,
      );
    });
  } else {
    process.stderr.write(`\nNOTICE: the DORA table cross-check is skipped: ${TABLES_JSON} is missing.\n\n`);
  }
}

const notes: Notes | null = existsSync(TABLES_JSON)
  ? (JSON.parse(readFileSync(TABLES_JSON, 'utf8')) as Notes)
  : null;

describe.skipIf(notes === null)('DORA templates against the register notes', () => {
  const data = notes as Notes;

  it('has the same 15 templates, files and filing indicators in the same order', () => {
    expect(TEMPLATES.map((t) => [t.code, t.file, t.filingIndicator])).toEqual(
      data.tables.map((t) => [t.table, t.file, t.filing_indicator]),
    );
  });

  it('has the same columns, types, requirements, closed lists and keys in every template', () => {
    for (const notesTable of data.tables) {
      const table = TEMPLATES.find((t) => t.code === notesTable.table);
      expect(table?.key, notesTable.table).toEqual(notesTable.key);
      expect(
        table?.columns.map((c) => ({ code: c.code, type: c.type, requirement: c.requirement, list: c.list })),
        notesTable.table,
      ).toEqual(
        notesTable.columns.map((c) => ({
          code: c.code,
          type: TYPE[c.type],
          requirement: REQUIREMENT[c.required],
          list: c.closed_list,
        })),
      );
    }
  });

  it('has the same foreign keys with the same confidence', () => {
    const ours = FOREIGN_KEYS.map(
      (fk) => `${fk.from.table}.${fk.from.column} -> ${fk.to.table}.${fk.to.column} ${fk.confidence}`,
    );
    expect(ours.sort()).toEqual(
      data.foreign_keys.map((fk) => `${fk.from} -> ${fk.to} ${fk.confidence}`).sort(),
    );
  });

  it('has exactly the members of every enumerated closed list, and accepts the examples of the others', () => {
    expect(Object.keys(CLOSED_LISTS).sort()).toEqual(Object.keys(data.closed_lists).sort());
    for (const [name, list] of Object.entries(data.closed_lists)) {
      const ours = CLOSED_LISTS[name as ClosedListName];
      if (list.values)
        expect([...(ours.members ?? [])].sort(), name).toEqual(Object.keys(list.values).sort());
      for (const example of Object.keys(list.examples ?? {})) {
        expect(isListMember(name as ClosedListName, example, false), `${name} ${example}`).toBe(true);
      }
      if (list.not_applicable) {
        const member = list.not_applicable.split(' ')[0] ?? '';
        expect(isListMember(name as ClosedListName, member, true), `${name} ${member}`).toBe(true);
        expect(isListMember(name as ClosedListName, member, false), `${name} ${member} outside a key`).toBe(
          false,
        );
      }
    }
  });
});

describe('DORA closed lists', () => {
  it('knows every ISO 3166-1 alpha-2 country and refuses a code that is not one', () => {
    expect(CLOSED_LISTS.COUNTRY.members).toHaveLength(249);
    expect(isListMember('COUNTRY', 'eba_GA:DE', false)).toBe(true);
    expect(isListMember('COUNTRY', 'eba_GA:XX', false)).toBe(false);
    expect(isListMember('COUNTRY', 'DE', false)).toBe(false);
  });

  it('checks only the shape of a licensed activity, whose full list is not reproduced', () => {
    expect(isListMember('LICENSED_ACTIVITY', 'eba_TA:x28', false)).toBe(true);
    expect(isListMember('LICENSED_ACTIVITY', 'eba_TA:S01', false)).toBe(false);
  });
});
