import { parse } from 'csv-parse/sync';
import type { ConvertInput, ConvertProblem } from './types.ts';

/** One data row of a CSV file: the line it starts on and its cells, trimmed. */
export interface TableRow {
  line: number;
  cells: string[];
}

/** A CSV file read: its headers (trimmed, lowercased for matching) and rows. */
export interface Table {
  file: string;
  headers: string[];
  rows: TableRow[];
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV text, judged from its first line: the candidate that occurs most often outside quotes.
 * GLPI exports use `;`, most others `,`.
 */
export function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const first = end < 0 ? text : text.slice(0, end);
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const character of first) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && counts.has(character)) counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  let best = ',';
  for (const delimiter of DELIMITERS)
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** How many line breaks the cells of a record hold (only quoted cells can). */
function breaksIn(cells: readonly string[]): number {
  let breaks = 0;
  for (const cell of cells)
    for (let index = cell.indexOf('\n'); index >= 0; index = cell.indexOf('\n', index + 1)) breaks += 1;
  return breaks;
}

/**
 * Reads a CSV file: quoted fields with embedded commas, quotes and newlines, a byte order mark, `,` `;` tab or `|`
 * delimiters, CRLF or LF line ends. The first row is the header. A file that cannot be parsed gives a problem at
 * the line csv-parse stopped on, and no table.
 */
export function readTable(input: ConvertInput): { table?: Table; problem?: ConvertProblem } {
  const text = input.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: string[][];
  try {
    // No `info` or `on_record`: they build an object per record and triple the time of a 100k-row file. Line
    // numbers are counted here instead: a record takes one line plus the line breaks of its quoted cells, and an
    // empty line comes through as one empty cell.
    records = parse(text, { delimiter: detectDelimiter(text), relax_column_count: true });
  } catch (error) {
    const { message, lines } = error as { message: string; lines?: number };
    return {
      problem: {
        severity: 'error',
        file: input.name,
        line: lines ?? 1,
        message: `not a CSV file csv-parse can read: ${message}`,
      },
    };
  }
  let line = 1;
  let headers: string[] | undefined;
  const rows: TableRow[] = [];
  for (const record of records) {
    const start = line;
    line += 1 + breaksIn(record);
    if (record.every((cell) => cell.trim() === '')) continue;
    const cells = record.map((cell) => cell.trim());
    if (headers) rows.push({ line: start, cells });
    else headers = cells.map((cell) => cell.toLowerCase());
  }
  if (!headers)
    return {
      problem: { severity: 'error', file: input.name, line: 1, message: 'empty file: expected a header row' },
    };
  return { table: { file: input.name, headers, rows } };
}

/** The index of the first of `candidates` among `headers`, or -1. */
export function columnIndex(headers: readonly string[], candidates: readonly string[]): number {
  for (const candidate of candidates) {
    const index = headers.indexOf(candidate.trim().toLowerCase());
    if (index >= 0) return index;
  }
  return -1;
}
