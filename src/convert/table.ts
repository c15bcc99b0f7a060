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

/** The line a record starts on: csv-parse counts to its end, and its raw text may open with skipped empty lines. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  let newlines = 0;
  for (let index = body.indexOf('\n'); index >= 0; index = body.indexOf('\n', index + 1)) newlines += 1;
  return endLine - newlines;
}

/**
 * Reads a CSV file: quoted fields with embedded commas, quotes and newlines, a byte order mark, `,` `;` tab or `|`
 * delimiters, CRLF or LF line ends. The first row is the header. A file that cannot be parsed gives a problem at
 * the line csv-parse stopped on, and no table.
 */
export function readTable(input: ConvertInput): { table?: Table; problem?: ConvertProblem } {
  const text = input.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
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
  const [header, ...data] = records;
  if (!header)
    return {
      problem: { severity: 'error', file: input.name, line: 1, message: 'empty file: expected a header row' },
    };
  return {
    table: {
      file: input.name,
      headers: header.record.map((cell) => cell.trim().toLowerCase()),
      rows: data.map(({ record, raw, info }) => ({
        line: startLine(info.lines, raw),
        cells: record.map((cell) => cell.trim()),
      })),
    },
  };
}

/** The index of the first of `candidates` among `headers`, or -1. */
export function columnIndex(headers: readonly string[], candidates: readonly string[]): number {
  for (const candidate of candidates) {
    const index = headers.indexOf(candidate.trim().toLowerCase());
    if (index >= 0) return index;
  }
  return -1;
}
