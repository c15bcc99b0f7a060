import type { RegisterPackage } from './package-reader.ts';
import type { Problem } from './problem.ts';
import { TEMPLATES, type TemplateCode } from './tables.ts';
import { checkLinks } from './validate-links.ts';
import { checkPackage } from './validate-package.ts';
import { checkTable, type TableRows } from './validate-table.ts';

export { formatProblems, type Problem, type ProblemRule } from './problem.ts';

/**
 * Judges a DORA register of information report package as a supervisor's portal would: the ZIP name and layout,
 * the JSON metadata, the parameters, the filing indicators against the files, each template's CSV (header,
 * cells, keys) and the links between templates. Returns every problem found, none for a package that passes.
 * It reads the package only; it shares nothing with the code that writes one, so each checks the other.
 */
export function validateRegister(pkg: RegisterPackage): Problem[] {
  const problems: Problem[] = [];
  const facts = checkPackage(pkg, problems);
  const tables = new Map<TemplateCode, TableRows>();
  for (const template of TEMPLATES) {
    const text = pkg.files.get(`${facts.base}/reports/${template.file}`);
    const indicator = facts.indicators.get(template.code);
    if (text === undefined) {
      if (indicator?.reported) {
        problems.push({
          table: 'FilingIndicators.csv',
          template: null,
          row: indicator.row,
          column: 'reported',
          rule: 'filing-indicator',
          message: `${template.code} is reported true but reports/${template.file} is missing; report false when the template has no rows`,
        });
      }
      continue;
    }
    if (indicator && !indicator.reported) {
      problems.push({
        table: template.file,
        template: template.code,
        row: null,
        column: null,
        rule: 'filing-indicator',
        message: `${template.code} is reported false in FilingIndicators.csv, so its file must be left out (or the indicator set to true)`,
      });
      continue;
    }
    const table = checkTable(template, text, problems);
    tables.set(template.code, table);
    if (indicator?.reported && table.readable && table.rows.length === 0) {
      problems.push({
        table: template.file,
        template: template.code,
        row: null,
        column: null,
        rule: 'filing-indicator',
        message: `${template.code} is reported true but has no rows; report false and leave the file out`,
      });
    }
  }
  checkLinks(tables, facts, problems);
  return problems;
}
