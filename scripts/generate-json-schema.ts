// Regenerates docs/catalog.schema.json from the zod schemas: `npm run schema`.
// src/catalog/json-schema.test.ts fails while the committed file is stale.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { CATALOG_SCHEMA_PATH, catalogJsonSchemaText } from '../src/catalog/json-schema.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await writeFile(path.join(root, CATALOG_SCHEMA_PATH), catalogJsonSchemaText());
process.stdout.write(`wrote ${CATALOG_SCHEMA_PATH}\n`);
