import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from './convert-testing.ts';
import { createValueMap, MAPPING_SCHEMA_PATH, mappingJsonSchemaText, parseMapping } from './mapping.ts';

describe('the mapping file', () => {
  it('has its JSON Schema committed at docs/convert-mapping.schema.json (run `npm run schema` when this fails)', async () => {
    expect(await readFile(MAPPING_SCHEMA_PATH, 'utf8')).toBe(mappingJsonSchemaText());
  });

  it('accepts the iTop fixture mapping and an empty file', async () => {
    const text = await readFile(path.join(FIXTURES_DIR, 'itop', 'mapping.yaml'), 'utf8');
    expect(parseMapping('mapping.yaml', text).problems).toEqual([]);
    expect(parseMapping('empty.yaml', '# nothing yet\n')).toEqual({ mapping: {}, problems: [] });
  });

  it('reports a duplicate key and a value of the wrong shape at their line and column', () => {
    expect(parseMapping('m.yaml', 'items:\n  idFrom: name\n  idFrom: id\n').problems).toMatchObject([
      { file: 'm.yaml', line: 3, column: 3, severity: 'error' },
    ]);
    expect(parseMapping('m.yaml', 'relations:\n  columns:\n    from: []\n').problems).toEqual([
      {
        severity: 'error',
        file: 'm.yaml',
        line: 3,
        column: 11,
        message: 'relations.columns.from: Too small: expected array to have >=1 items',
      },
    ]);
  });
});

describe('value maps', () => {
  it('match case-insensitively, exact values before prefixes, the longest prefix first, the later source winning', () => {
    const map = createValueMap<string>(
      { 'cmdb_ci_*': 'other', 'cmdb_ci_db_*': 'database', Server: 'server' },
      { SERVER: 'vm' },
    );
    expect(map.get('server')).toBe('vm');
    expect(map.get('CMDB_CI_DB_ORA_INSTANCE')).toBe('database');
    expect(map.get('cmdb_ci_printer')).toBe('other');
    expect(map.get('printer')).toBeUndefined();
  });
});
