// Regenerates docs/catalog.schema.json and the field tables of docs/catalog.md from the kind registry:
// `npm run schema`. src/catalog/json-schema.test.ts and field-tables.test.ts fail while either is stale.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { CATALOG_DOC_PATH, renderCatalogDoc } from '../src/catalog/field-tables.ts';
import { CATALOG_SCHEMA_PATH, catalogJsonSchemaText } from '../src/catalog/json-schema.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await writeFile(path.join(root, CATALOG_SCHEMA_PATH), catalogJsonSchemaText());
process.stdout.write(`wrote ${CATALOG_SCHEMA_PATH}\n`);

const docPath = path.join(root, CATALOG_DOC_PATH);
const rendered = renderCatalogDoc(await readFile(docPath, 'utf8'));
const options = (await resolveConfig(docPath)) ?? {};
await writeFile(docPath, await format(rendered, { ...options, filepath: docPath }));
process.stdout.write(`wrote the field tables of ${CATALOG_DOC_PATH}\n`);
