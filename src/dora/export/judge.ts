/**
 * The register as the catalog gives it, judged by the project's validator before anything is written: the glue
 * the CLI and the API share. The exporter (register.ts) never imports the validator; this module sits between
 * them and traces each problem back to the catalog document its row came from.
 */
import type { Kind } from '../../catalog/kinds.ts';
import { formatProblems, validateRegister, type Problem } from '../validate.ts';
import { buildRegister, type BuiltRegister, type RegisterOptions, type RowSource } from './register.ts';
import type { CatalogDocument } from '../../catalog/kinds.ts';

/** One problem of the register, with the catalog document to fix when a row names one. */
export interface RegisterProblem extends Problem {
  /** The document the row came from (`{kind: 'Contract', id: 'ctr-voxa'}`), or null for the package itself. */
  readonly document: RowSource | null;
}

/** A built register and what is wrong with it: empty for a register a supervisor would accept. */
export interface JudgedRegister {
  readonly register: BuiltRegister;
  readonly problems: readonly RegisterProblem[];
}

/** Builds the register from the documents and runs the validator over it; the exporter's own issues come first. */
export function judgeRegister(
  documents: readonly CatalogDocument[],
  options: RegisterOptions,
): JudgedRegister {
  const register = buildRegister(documents, options);
  const problems: RegisterProblem[] = register.issues.map((issue) => ({
    table: `${issue.source.kind} ${issue.source.id}`,
    template: null,
    row: null,
    column: null,
    rule: 'mandatory',
    message: issue.message,
    document: issue.source,
  }));
  const found = validateRegister({
    zipName: register.zipName,
    rootFolder: register.zipName.replace(/\.zip$/, ''),
    files: register.files,
  });
  for (const problem of found) {
    const document = problem.row === null ? undefined : register.sources.get(problem.table)?.[problem.row];
    problems.push({ ...problem, document: document ?? null });
  }
  return { register, problems };
}

/**
 * Each problem as `table row column: error: message`, followed by the document to fix (`fix Contract ctr-voxa
 * in contracts/saas.yaml`) when `where` knows the document's file.
 */
export function formatRegisterProblems(
  problems: readonly RegisterProblem[],
  where: (kind: Kind, id: string) => string | undefined = () => undefined,
): string[] {
  const lines = formatProblems(problems);
  return problems.map((problem, index) => {
    const line = lines[index] ?? '';
    if (!problem.document) return line;
    const file = where(problem.document.kind, problem.document.id);
    return `${line} (fix ${problem.document.kind} ${problem.document.id}${file ? ` in ${file}` : ''})`;
  });
}
