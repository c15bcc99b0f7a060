import { z } from 'zod';
import { API_VERSION, KIND_NAMES, catalogDocumentSchema } from './kinds.ts';

/** Where the JSON Schema is published in the repository, relative to its root. */
export const CATALOG_SCHEMA_PATH = 'docs/catalog.schema.json';

/**
 * The JSON Schema of one catalog document, generated from the zod schemas: a `oneOf` over the kinds,
 * each in `definitions`. Draft 7, because that is the draft editors' YAML support (yaml-language-server)
 * handles fully. Durations carry their pattern through `.meta`, since JSON Schema cannot run a refinement.
 */
export function catalogJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(catalogDocumentSchema, {
    target: 'draft-7',
    io: 'input',
    unrepresentable: 'any',
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: `Lifeboat catalog document (${API_VERSION})`,
    description:
      `One document of a Lifeboat catalog: a ${KIND_NAMES.slice(0, -1).join(', ')} or ${KIND_NAMES.at(-1)}. ` +
      'Generated from the zod schemas by `npm run schema`; do not edit by hand.',
    ...rest,
  };
}

/** The JSON Schema as the text committed at docs/catalog.schema.json (two-space indent, final newline). */
export function catalogJsonSchemaText(): string {
  return `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`;
}
