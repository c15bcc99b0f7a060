import type { ConvertProblem, ConvertSummary } from './types.ts';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A problem as one line: `file:line:column: error: message` (line and column when known). */
export function formatProblem(problem: ConvertProblem): string {
  const where = [problem.file, problem.line, problem.line === undefined ? undefined : problem.column]
    .filter((part) => part !== undefined)
    .join(':');
  return `${where}: ${problem.severity}: ${problem.message}`;
}

/**
 * The summary as one line: `converted 312 items and 540 relations into 318 documents (Component 280, Service 20,
 * Site 6, Team 12); skipped 3 relations: unknown relation target (2), relation type not mapped (1)`.
 */
export function formatSummary(summary: ConvertSummary): string {
  const counts = Object.entries(summary.documents)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const total = Object.values(summary.documents).reduce((sum, count) => sum + count, 0);
  const converted =
    `converted ${plural(summary.items.read - summary.items.skipped, 'item')} and ` +
    `${plural(summary.relations.used, 'relation')} into ${plural(total, 'document')}` +
    (counts ? ` (${counts})` : '');
  const skippedParts = [
    summary.items.skipped > 0 ? plural(summary.items.skipped, 'item') : '',
    summary.relations.skipped > 0 ? plural(summary.relations.skipped, 'relation') : '',
  ].filter(Boolean);
  if (skippedParts.length === 0) return converted;
  const reasons = Object.entries(summary.skipped)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([reason, count]) => `${reason} (${count})`)
    .join(', ');
  return `${converted}; skipped ${skippedParts.join(' and ')}: ${reasons}`;
}
