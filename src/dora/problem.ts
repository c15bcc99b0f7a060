import type { TemplateCode } from './tables.ts';

/** What a problem breaks, as a short id (docs/dora.md lists each with its source). */
export type ProblemRule =
  | 'name'
  | 'layout'
  | 'encoding'
  | 'metadata'
  | 'parameters'
  | 'filing-indicator'
  | 'csv'
  | 'header'
  | 'key-empty'
  | 'key-duplicate'
  | 'foreign-key'
  | 'closed-list'
  | 'type'
  | 'lei'
  | 'whitespace'
  | 'special-value'
  | 'mandatory'
  | 'conditional'
  | 'one-row'
  | 'entity';

/** One thing wrong with a register package, where it is and what is expected. */
export interface Problem {
  /** The file as printed: a CSV's name (`b_02.02.csv`, `parameters.csv`), `META-INF/reportPackage.json`, or the ZIP's name. */
  readonly table: string;
  /** The template the file holds, or null for the package's other files. */
  readonly template: TemplateCode | null;
  /** The 1-based data row (the header is row 0), or null for the whole file. */
  readonly row: number | null;
  /** The column code (`c0010`; `name`/`value` and `templateID`/`reported` in the package's own CSVs), or null. */
  readonly column: string | null;
  readonly rule: ProblemRule;
  readonly message: string;
}

/** Each problem as one `table row column: error: message` line (`b_02.02.csv row 3 c0010: error: ...`). */
export function formatProblems(problems: readonly Problem[]): string[] {
  return problems.map((problem) => {
    const row = problem.row === null ? '' : ` row ${problem.row}`;
    const column = problem.column === null ? '' : ` ${problem.column}`;
    return `${problem.table}${row}${column}: error: ${problem.message}`;
  });
}
