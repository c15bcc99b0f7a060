/** One problem found in a catalog, pointing at the offending value: 1-based line and column. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The result of checking a catalog: errors block an import, warnings are continuity advice. */
export interface CheckResult {
  errors: Finding[];
  warnings: Finding[];
}

/** Orders findings by file, then line, then column, so the output reads like a compiler's. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** One finding as a line: `file:line:column: error: message`. */
export function formatFinding(finding: Finding, severity: 'error' | 'warning'): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${severity}: ${finding.message}`;
}

/** Every finding as lines, errors and warnings interleaved in source order. */
export function formatFindings(result: CheckResult): string[] {
  const all = [
    ...result.errors.map((finding) => ({ finding, severity: 'error' as const })),
    ...result.warnings.map((finding) => ({ finding, severity: 'warning' as const })),
  ];
  all.sort((a, b) => compareFindings(a.finding, b.finding));
  return all.map(({ finding, severity }) => formatFinding(finding, severity));
}

/** A short count: `2 errors, 1 warning`. */
export function summarizeFindings(result: CheckResult): string {
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(result.errors.length, 'error')}, ${plural(result.warnings.length, 'warning')}`;
}
