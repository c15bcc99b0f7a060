// Regenerates docs/catalog.schema.json from the zod schemas: `npx tsx scripts/generate-json-schema.mjs`.
// src/catalog/json-schema.test.ts fails while the committed file is stale.
// An .mjs file (run through tsx, which loads the TypeScript it imports) because tsconfig.json does not
// include scripts/, so a .ts file here could not be type-checked or linted.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { CATALOG_SCHEMA_PATH, catalogJsonSchemaText } from '../src/catalog/json-schema.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await writeFile(path.join(root, CATALOG_SCHEMA_PATH), catalogJsonSchemaText());
process.stdout.write(`wrote ${CATALOG_SCHEMA_PATH}\n`);
