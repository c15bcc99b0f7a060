import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { emitYaml } from './emit.ts';
import { ALIAS_ALLOWANCE } from './expansion.ts';
import { MAX_NESTING } from './nesting.ts';
import { parseCatalogText, parsePlain, parseWithPositions } from './parse.ts';
import { aliasAmplifiedCatalog, manyAliases } from './testing/hostile-yaml.ts';

/** Parses `source` as `file` and expects exactly one error, at this position and with this message. */
function expectOneSyntaxError(
  file: string,
  source: string,
  error: { line: number; column: number; message: string },
): void {
  const parsed = parseCatalogText({ file, text: source });
  expect(parsed.errors).toEqual([{ file, ...error }]);
}

const text = [
  'apiVersion: lifeboat/v1', // 1
  'kind: Component', // 2
  'metadata:', // 3
  '  id: db-primary', // 4
  'spec:', // 5
  '  type: database', // 6
  '  dependsOn:', // 7
  '    - host-a', // 8
  '    - anyOf: [san-a, san-b]', // 9
  '---', // 10
  '# a comment-only document is skipped', // 11
  '---', // 12
  'apiVersion: lifeboat/v1', // 13
  'kind: Site', // 14
  'metadata: {id: dc-north}', // 15
  'spec: {}', // 16
].join('\n');

describe('parseCatalogText', () => {
  it('reads every ---separated document as plain data and skips empty ones', () => {
    const parsed = parseCatalogText({ file: 'c.yaml', text });
    expect(parsed.errors).toEqual([]);
    expect(parsed.documents.map((d) => d.index)).toEqual([0, 2]);
    expect(parsed.documents[1]?.data).toEqual({
      apiVersion: 'lifeboat/v1',
      kind: 'Site',
      metadata: { id: 'dc-north' },
      spec: {},
    });
    expect(parsed.documents[1]?.locate([])).toEqual({ line: 13, column: 1 });
  });

  it('locates a nested value at its own line and column', () => {
    const [document] = parseCatalogText({ file: 'c.yaml', text }).documents;
    expect(document?.locate(['metadata', 'id'])).toEqual({ line: 4, column: 7 });
    expect(document?.locate(['spec', 'dependsOn', 0])).toEqual({ line: 8, column: 7 });
    expect(document?.locate(['spec', 'dependsOn', 1, 'anyOf', 1])).toEqual({ line: 9, column: 22 });
  });

  it('locates a missing field at the key of its nearest present parent, and a key when asked', () => {
    const [document] = parseCatalogText({ file: 'c.yaml', text }).documents;
    expect(document?.locate(['spec', 'owner'])).toEqual({ line: 5, column: 1 });
    expect(document?.locate(['spec', 'type'], { key: true })).toEqual({ line: 6, column: 3 });
  });

  it('reports a YAML syntax error at its position and keeps the other documents', () => {
    const broken = 'a: [1, 2\nb: 3\n---\napiVersion: lifeboat/v1\n';
    const parsed = parseCatalogText({ file: 'bad.yaml', text: broken });
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatchObject({ file: 'bad.yaml', line: 2, column: 1 });
    expect(parsed.errors[0]?.message).toMatch(/^YAML syntax: flow sequence/);
    expect(parsed.documents).toHaveLength(1);
  });

  it('reports a duplicate key as a syntax error at the second key', () => {
    expectOneSyntaxError('d.yaml', 'kind: Site\nkind: Team\n', {
      line: 2,
      column: 1,
      message: 'YAML syntax: map keys must be unique',
    });
  });

  it('reports an alias without an anchor instead of throwing', () => {
    expectOneSyntaxError('e.yaml', 'spec:\n  owner: *nobody\n', {
      line: 2,
      column: 10,
      message: 'YAML syntax: unknown alias *nobody: no anchor &nobody before it',
    });
  });

  it('returns nothing for an empty file', () => {
    expect(parseCatalogText({ file: 'empty.yaml', text: '' })).toEqual({
      documents: [],
      errors: [],
      warnings: [],
    });
  });

  it('reads the example catalog to the same data as the position-keeping parser', () => {
    const folder = path.resolve(import.meta.dirname, '../../../examples/northbank');
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.yaml'),
    );
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const source = { file: name, text: readFileSync(path.join(folder, name), 'utf8') };
      // The example takes the fast path (no anchors, tags or syntax errors) and reads what the full parser reads.
      const fast = parsePlain(source);
      const full = parseWithPositions(source);
      expect(fast?.documents.map((d) => [d.index, d.data])).toEqual(
        full.documents.map((d) => [d.index, d.data]),
      );
      expect(full.errors).toEqual([]);
    }
  });

  // The one known difference: js-yaml reads `-0` as 0. No catalog field is a signed zero.
  const unsignedZero = (data: unknown): unknown => JSON.parse(JSON.stringify(data) ?? 'null');

  it('reads any JSON value, and any string Lifeboat writes, as the position-keeping parser does', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        (value, text) => {
          for (const yamlText of [
            stringify({ value }),
            emitYaml({ text, list: [text, { of: [text] }] }, new Set(['of'])),
          ]) {
            const source = { file: 'p.yaml', text: yamlText };
            const fast = parseCatalogText(source);
            const full = parseWithPositions(source);
            expect(fast.errors).toEqual(full.errors);
            expect(fast.documents.map((d) => unsignedZero(d.data))).toEqual(
              full.documents.map((d) => unsignedZero(d.data)),
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('falls back to the position-keeping parser for anchors, so an alias bomb is still refused', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]'];
    for (const letter of 'cdefgh') {
      const previous = String.fromCharCode(letter.charCodeAt(0) - 1);
      bomb.push(`${letter}: &${letter} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const parsed = parseCatalogText({ file: 'bomb.yaml', text: bomb.join('\n') });
    expect(parsed.documents).toEqual([]);
    expect(parsed.errors[0]?.message).toMatch(/^YAML alias \*[a-h]: the file's aliases would add more than/);
  });

  it('locates a finding in a document after an empty one and after a broken one', () => {
    const parsed = parseCatalogText({ file: 'f.yaml', text: 'a: 1\n---\n---\nkind: Site\nspec: {x: 1}\n' });
    expect(parsed.documents[1]?.locate(['spec', 'x'])).toEqual({ line: 5, column: 11 });
  });
});

/** The text at a finding's line and column, to show it points at the offending alias. */
function textAt(text: string, finding: { line: number; column: number } | undefined): string {
  return text.split('\n')[(finding?.line ?? 0) - 1]?.slice((finding?.column ?? 0) - 1) ?? '';
}

describe('what a small file may cost to read', () => {
  const refusal = new RegExp(
    `^YAML alias \\*s: the file's aliases would add more than ${ALIAS_ALLOWANCE.toLocaleString('en-US')} values`,
  );

  it('refuses a 100 KB catalog whose aliases expand to a million references, at the alias that passes the limit', () => {
    const text = aliasAmplifiedCatalog();
    expect(text.length).toBeLessThan(120_000);
    const parsed = parseCatalogText({ file: 'amplified.yaml', text });
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]?.message).toMatch(refusal);
    expect(textAt(text, parsed.errors[0])).toBe('*s');
    // The 1000 components are read; the service whose list is repeated is not.
    expect(parsed.documents).toHaveLength(1000);
  });

  it('refuses the same expansion when the aliases follow JSON-style keys, which the fast path must not read', () => {
    const text = aliasAmplifiedCatalog({ jsonKeys: true });
    expect(text).toContain('- {"anyOf":*s}');
    expect(parsePlain({ file: 'json.yaml', text })).toBeUndefined();
    const parsed = parseCatalogText({ file: 'json.yaml', text });
    expect(parsed.errors.map((finding) => finding.message)).toEqual([expect.stringMatching(refusal)]);
    expect(textAt(text, parsed.errors[0])).toMatch(/^\*s\}/);
  });

  it('reads a file of many small aliases in one pass (each alias was once looked up from the start)', () => {
    const text = manyAliases(140_000);
    const parsed = parseCatalogText({ file: 'many.yaml', text });
    expect(parsed.errors).toEqual([]);
    const data = parsed.documents[0]?.data as { list: string[] };
    expect(data.list).toHaveLength(text.split('- *a').length - 1);
    expect(data.list.length).toBeGreaterThan(25_000);
    expect(new Set(data.list)).toEqual(new Set(['x']));
  });

  it('locates every alias to a missing anchor in one pass', () => {
    const text = `list:\n${'- *nobody\n'.repeat(30_000)}`;
    const parsed = parseCatalogText({ file: 'unknown.yaml', text });
    expect(parsed.errors).toHaveLength(30_000);
    expect(parsed.errors[29_999]).toEqual({
      file: 'unknown.yaml',
      line: 30_001,
      column: 3,
      message: 'YAML syntax: unknown alias *nobody: no anchor &nobody before it',
    });
  });

  it('finds a repeated key in a map of 80,000 keys in one pass (each key was once compared with every other)', () => {
    const keys = Array.from({ length: 80_000 }, (_, i) => `  k${i}: 1`);
    const text = `spec:\n${keys.join('\n')}\n  k7: 2\n`;
    expectOneSyntaxError('keys.yaml', text, {
      line: 80_002,
      column: 3,
      message: 'YAML syntax: map keys must be unique',
    });
  });

  it('refuses an alias inside its own anchor: catalog data cannot contain itself', () => {
    expectOneSyntaxError('loop.yaml', 'spec: &a\n  again: *a\n', {
      line: 2,
      column: 10,
      message: 'YAML alias *a is inside its own anchor &a: catalog data cannot contain itself',
    });
  });

  it('refuses a map key that is a list or an alias, whose expansion yaml would write out for every use', () => {
    expectOneSyntaxError('keys.yaml', 'a: &x [1]\n? *x\n: 2\n', {
      line: 2,
      column: 3,
      message: 'YAML syntax: a map key must be written out as a name, not a list, a map or an alias',
    });
  });

  it('still reads a modest use of anchors, each alias a copy of its anchor', () => {
    const text = 'owners: &o [team-a, team-b]\nfirst: {anyOf: *o}\nsecond: {"anyOf":*o}\n';
    const parsed = parseCatalogText({ file: 'ok.yaml', text });
    expect(parsed.errors).toEqual([]);
    expect(parsed.documents[0]?.data).toEqual({
      owners: ['team-a', 'team-b'],
      first: { anyOf: ['team-a', 'team-b'] },
      second: { anyOf: ['team-a', 'team-b'] },
    });
  });

  it('refuses lists and maps nested past 100 levels before composing them, however deep and however often', () => {
    // Once, 1,000 levels overflowed the stack, and 5,000 more after that aborted the whole process.
    for (const depth of [1_000, 5_000, 100_000]) {
      const text = `a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      const parsed = parseCatalogText({ file: 'deep.yaml', text });
      expect(parsed.documents).toEqual([]);
      expect(parsed.errors).toEqual([
        {
          file: 'deep.yaml',
          line: 1,
          column: 4 + MAX_NESTING - 1,
          message: 'YAML: lists and maps nest deeper than 100 levels here; a catalog needs fewer than 10',
        },
      ]);
    }
    const block = (levels: number) =>
      `${Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`;
    expect(parseCatalogText({ file: 'b.yaml', text: block(MAX_NESTING) }).errors).toEqual([]);
    expect(parseCatalogText({ file: 'b.yaml', text: block(MAX_NESTING + 1) }).errors[0]).toMatchObject({
      line: MAX_NESTING + 1,
      column: MAX_NESTING + 1,
    });
  });
});
