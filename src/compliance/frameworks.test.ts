import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS } from './frameworks.ts';
import { CHECKS } from './registry.ts';
import { CHECK_IDS, FRAMEWORK_IDS } from './types.ts';

/** How docs/compliance.md names each framework before a clause. */
const SHORT = { iso22301: 'ISO 22301', 'nist-800-34': 'NIST SP 800-34', dora: 'DORA', nis2: 'NIS2' } as const;

const DOC = path.join(import.meta.dirname, '..', '..', 'docs', 'compliance.md');

/** `framework clause` for messages and set membership. */
const key = (framework: string, clause: string) => `${framework} ${clause}`;

/** Whether `clause` is `parent` or one of its sub-clauses (8.4.2 in 8.4, Art. 12(6) in Art. 12). */
const within = (clause: string, parent: string) =>
  clause === parent || clause.startsWith(`${parent}.`) || clause.startsWith(`${parent}(`);

/** Compares two clauses as the texts number them: 8.2.2 < 8.3 < 10.1, Art. 11(5) < Art. 11(6) < Art. 12(1). */
function compareClauses(a: string, b: string): number {
  const tokens = (clause: string) => clause.match(/\d+|[A-Za-z]+/g) ?? [];
  const [left, right] = [tokens(a), tokens(b)];
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const [x, y] = [left[index]!, right[index]!];
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    return numeric ? Number(x) - Number(y) : x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** The rows of the requirements table that follows `<!-- requirements:<id> -->` in docs/compliance.md. */
function documentedRequirements(doc: string, framework: string) {
  const marker = `<!-- requirements:${framework} -->`;
  const start = doc.indexOf(marker);
  if (start === -1) return undefined;
  const lines = doc.slice(start + marker.length).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > first && !line.startsWith('|'));
  const table = lines.slice(first, end === -1 ? undefined : end);
  return table.slice(2).map((line) => {
    const cells = line.split('|').map((cell) => cell.trim());
    return { clause: cells[1], title: cells[2], checks: cells[3]?.match(/C\d\d/g) ?? [] };
  });
}

describe('FRAMEWORKS', () => {
  it('lists every framework once, in the order the page lists them', () => {
    expect(FRAMEWORKS.map((framework) => framework.id)).toEqual([...FRAMEWORK_IDS]);
  });

  it('cites only checks that exist, each at most once per requirement', () => {
    for (const framework of FRAMEWORKS)
      for (const requirement of framework.requirements) {
        for (const check of requirement.checks) expect(CHECK_IDS).toContain(check);
        expect(new Set(requirement.checks).size, key(framework.id, requirement.clause)).toBe(
          requirement.checks.length,
        );
      }
  });

  it('numbers each requirement once per framework, in the order of the text', () => {
    for (const framework of FRAMEWORKS) {
      const clauses = framework.requirements.map((requirement) => requirement.clause);
      expect(new Set(clauses).size, framework.id).toBe(clauses.length);
      expect(clauses, framework.id).toEqual([...clauses].sort(compareClauses));
    }
  });

  it('orders clauses naturally: by number, not as text', () => {
    expect(['10.1', '8.2.2', '8.3', '7.5'].sort(compareClauses)).toEqual(['7.5', '8.2.2', '8.3', '10.1']);
    expect(
      ['Art. 12(1)', 'RTS 2024/1774 Art. 25(5)', 'Art. 11(10)', 'Art. 11(5)'].sort(compareClauses),
    ).toEqual(['Art. 11(5)', 'Art. 11(10)', 'Art. 12(1)', 'RTS 2024/1774 Art. 25(5)']);
  });

  it("cites each check where the check's references say, and nowhere else", () => {
    const cited = FRAMEWORKS.flatMap((framework) =>
      framework.requirements.flatMap((requirement) =>
        requirement.checks.map((check) => ({ check, framework: framework.id, clause: requirement.clause })),
      ),
    );
    const referenced = CHECKS.flatMap((check) =>
      check.references.map((reference) => ({ check: check.id, ...reference })),
    );
    const show = ({ check, framework, clause }: (typeof cited)[number]) =>
      `${check} -> ${key(framework, clause)}`;
    // A reference to a clause covers its sub-clauses: C06's "ISO 22301 8.4" is evidenced at 8.4.2 to 8.4.5.
    const unlisted = referenced.filter(
      (reference) =>
        !cited.some(
          (entry) =>
            entry.check === reference.check &&
            entry.framework === reference.framework &&
            within(entry.clause, reference.clause),
        ),
    );
    const unreferenced = cited.filter(
      (entry) =>
        !referenced.some(
          (reference) =>
            reference.check === entry.check &&
            reference.framework === entry.framework &&
            within(entry.clause, reference.clause),
        ),
    );
    expect(unlisted.map(show), 'referenced by a check, under no requirement of FRAMEWORKS').toEqual([]);
    expect(unreferenced.map(show), "in FRAMEWORKS, not in the check's references").toEqual([]);
  });

  it('reads a clause as within another when it is the same or one of its sub-clauses', () => {
    expect(within('8.4.2', '8.4')).toBe(true);
    expect(within('8.4', '8.4')).toBe(true);
    expect(within('Art. 12(6)', 'Art. 12')).toBe(true);
    expect(within('8.41', '8.4')).toBe(false);
    expect(within('8.4', '8.4.1')).toBe(false);
  });

  it('leaves a requirement manual only where no check evidences it, and gives every requirement a title', () => {
    for (const framework of FRAMEWORKS)
      for (const requirement of framework.requirements) expect(requirement.title.trim()).not.toBe('');
    const manual = FRAMEWORKS.flatMap((framework) =>
      framework.requirements.filter((r) => r.checks.length === 0).map((r) => key(framework.id, r.clause)),
    );
    expect(manual).toContain('iso22301 9.2');
    expect(manual).not.toContain('iso22301 8.2.2');
  });
});

describe('the requirement tables of docs/compliance.md', () => {
  const doc = readFileSync(DOC, 'utf8');

  it.each(FRAMEWORK_IDS)('list every requirement of %s with its title and checks, in order', (id) => {
    const framework = FRAMEWORKS.find((f) => f.id === id)!;
    expect(documentedRequirements(doc, id)).toEqual(
      framework.requirements.map((r) => ({ clause: r.clause, title: r.title, checks: [...r.checks] })),
    );
  });

  it('has a section for every check: its title, its rule as the page prints it, and every clause it evidences', () => {
    const flat = doc.replace(/\s+/g, ' ');
    for (const check of CHECKS) {
      expect(doc).toMatch(new RegExp(`^### ${check.id} ${check.title}$`, 'm'));
      expect(flat).toContain(`**Rule.** ${check.rule}`);
      const section = flat.slice(flat.indexOf(`### ${check.id} `)).split('### ')[1]!;
      const sources = section.slice(section.indexOf('**Sources.**')).split('**To pass.**')[0]!;
      for (const framework of FRAMEWORKS)
        for (const requirement of framework.requirements.filter((r) => r.checks.includes(check.id)))
          expect(sources, `${check.id} ${key(framework.id, requirement.clause)}`).toContain(
            `${SHORT[framework.id]} ${requirement.clause} `,
          );
    }
  });
});
