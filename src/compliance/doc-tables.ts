/**
 * The parts of docs/compliance.md that restate the code: each framework's requirement table and each check's
 * title, rule and sources. `npm run schema` rewrites them from the frameworks and the checks, and
 * src/compliance/frameworks.test.ts fails while the page says otherwise.
 */
import { FRAMEWORKS } from './frameworks.ts';
import { CHECKS } from './registry.ts';
import type { FrameworkId } from './types.ts';

/** Where the page is, from the repository's root. */
export const COMPLIANCE_DOC_PATH = 'docs/compliance.md';

/** How the page names each framework in a check's sources. */
const SHORT: Record<FrameworkId, string> = {
  iso22301: 'ISO 22301',
  'nist-800-34': 'NIST SP 800-34',
  dora: 'DORA',
  nis2: 'NIS2',
};

/** What a check's sources add beyond the frameworks here. */
const NOTES: Partial<Record<string, string>> = { C03: ' ISO/IEC 27031 asks the same of ICT readiness.' };

/** A framework's requirement table: clause, requirement, the checks that evidence it (linked) or "manual". */
export function requirementTable(id: FrameworkId): string {
  const framework = FRAMEWORKS.find((f) => f.id === id)!;
  const rows = framework.requirements.map(
    (r) =>
      `| ${r.clause} | ${r.title} | ${r.checks.length > 0 ? r.checks.map((c) => `[${c}](#${c.toLowerCase()})`).join(', ') : 'manual'} |`,
  );
  return ['| clause | requirement | evidenced by |', '| --- | --- | --- |', ...rows].join('\n');
}

/** A check's sources paragraph: every requirement the frameworks map it to. */
export function sourcesOf(checkId: string): string {
  const lower = (title: string) =>
    /^[A-Z][a-z]/.test(title) ? title[0]!.toLowerCase() + title.slice(1) : title;
  const parts = FRAMEWORKS.flatMap((f) =>
    f.requirements
      .filter((r) => r.checks.some((c) => c === checkId))
      .map((r) => `${SHORT[f.id]} ${r.clause} (${lower(r.title)})`),
  );
  const text = parts.length === 0 ? 'none of the frameworks here.' : `${parts.join('; ')}.`;
  return `**Sources.** ${text}${NOTES[checkId] ?? ''}`;
}

/** A paragraph wrapped at the page's width (115 columns), as the rest of the docs are. */
function wrap(text: string, width = 115): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** Replaces the paragraph that starts with `label` after `from` in `page` (up to the next blank line). */
function replaceParagraph(page: string, from: number, label: string, text: string): string {
  const at = page.indexOf(label, from);
  if (at < 0) throw new Error(`${COMPLIANCE_DOC_PATH}: no "${label}" paragraph after offset ${from}`);
  const end = page.indexOf('\n\n', at);
  return page.slice(0, at) + text + page.slice(end < 0 ? page.length : end);
}

/** The page with its requirement tables and its checks' titles, rules and sources rewritten from the code. */
export function renderComplianceDoc(page: string): string {
  let text = page;
  for (const framework of FRAMEWORKS) {
    const marker = `<!-- requirements:${framework.id} -->`;
    const at = text.indexOf(marker);
    if (at < 0) throw new Error(`${COMPLIANCE_DOC_PATH}: no "${marker}" marker`);
    const tableStart = text.indexOf('\n|', at) + 1;
    let tableEnd = tableStart;
    while (text.startsWith('|', tableEnd)) {
      const next = text.indexOf('\n', tableEnd);
      tableEnd = next < 0 ? text.length : next + 1;
    }
    text = text.slice(0, tableStart) + requirementTable(framework.id) + '\n' + text.slice(tableEnd);
  }
  for (const check of CHECKS) {
    const heading = new RegExp(`^### ${check.id} .*$`, 'm');
    if (!heading.test(text)) throw new Error(`${COMPLIANCE_DOC_PATH}: no section "### ${check.id} ..."`);
    text = text.replace(heading, `### ${check.id} ${check.title}`);
    const start = text.indexOf(`### ${check.id} `);
    text = replaceParagraph(text, start, '**Rule.** ', wrap(`**Rule.** ${check.rule}`));
    text = replaceParagraph(text, start, '**Sources.** ', wrap(sourcesOf(check.id)));
  }
  return text;
}
