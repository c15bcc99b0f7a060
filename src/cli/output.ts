import { formatDuration } from '../catalog/duration.ts';

/** Prints `lifeboat <command>: error: <message>` to standard error and exits (1 failure, 2 bad usage). */
export function fail(command: string, message: string, code: 1 | 2): never {
  process.stderr.write(`lifeboat ${command}: error: ${message}\n`);
  process.exit(code);
}

/** Minutes as a duration (`1h30m`), or `-` when there is no value. */
export function minutesText(value: number | null): string {
  return value === null ? '-' : formatDuration(value);
}

/** Rows as a plain-text table: columns padded to their widest cell, two spaces apart, no trailing blanks. */
export function formatTable(rows: string[][]): string {
  // A fold, not Math.max(...lengths): spreading a long table's rows into one call overflows the stack.
  const widths =
    rows[0]?.map((_, column) => rows.reduce((width, row) => Math.max(width, row[column]?.length ?? 0), 0)) ??
    [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
