import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.ts';
import { CATALOG_SCHEMA_PATH, catalogJsonSchema, catalogJsonSchemaText } from './json-schema.ts';
import { KIND_NAMES } from './kinds.ts';

type Json = Record<string, unknown>;

const schema = catalogJsonSchema() as Json & { oneOf: Json[]; definitions: Record<string, Json> };

describe('the catalog JSON Schema', () => {
  it('matches the committed docs/catalog.schema.json (run `npm run schema` when this fails)', async () => {
    const committed = await readFile(CATALOG_SCHEMA_PATH, 'utf8');
    expect(committed).toBe(catalogJsonSchemaText());
  });

  it('is one of the six kinds, each a closed object with apiVersion, kind, metadata and spec', () => {
    expect(schema.oneOf).toEqual(KIND_NAMES.map((kind) => ({ $ref: `#/definitions/${kind}` })));
    for (const kind of KIND_NAMES) {
      const definition = schema.definitions[kind] as Json & { properties: Record<string, Json> };
      expect(definition.required).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
      expect(definition.additionalProperties).toBe(false);
      expect(definition.properties.kind).toMatchObject({ const: kind });
      expect(definition.properties.apiVersion).toMatchObject({ const: 'lifeboat/v1' });
    }
  });

  it('gives durations a pattern that accepts exactly what the catalog accepts', () => {
    const service = schema.definitions.Service as {
      properties: { spec: { properties: { rto: { pattern: string } } } };
    };
    const pattern = new RegExp(service.properties.spec.properties.rto.pattern);
    for (const text of ['45m', '4h', '2d', '1w', '1h30m', '0m', '', '4hours', '30m1h', '1.5h', 'h'])
      expect(pattern.test(text), text).toBe(parseDuration(text) !== undefined);
  });
});
