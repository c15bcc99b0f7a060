import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitYaml, yamlString } from './emit.ts';

const flowKeys = new Set(['of']);

describe('emitYaml', () => {
  it('reads back every string as the same string, as a value, a key and a flow list item', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), fc.string({ maxLength: 12 }), (text, key) => {
        const document = { [key]: text, list: [text, { of: [text, 'x'] }], of: [text, 'y'] };
        expect(parse(emitYaml(document, flowKeys))).toEqual(document);
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes strings that YAML would read as something else', () => {
    for (const text of [
      'true',
      'no',
      'null',
      '~',
      '42',
      '-1',
      '0x1f',
      '1e3',
      '.inf',
      '',
      ' padded',
      'a: b',
      'x #y',
      '- item',
      '<<',
    ])
      expect(yamlString(text), text).toMatch(/^"/);
  });

  it('leaves ordinary text, ids, phone numbers and URLs plain', () => {
    for (const text of [
      'db-primary',
      'Leeds data centre (Kirkstall)',
      '+44 20 7946 0800',
      'https://status.example',
      "Northbank's",
    ])
      expect(yamlString(text), text).toBe(text);
  });
});
