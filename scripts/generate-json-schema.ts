// Regenerates docs/catalog.schema.json and the field tables of docs/catalog.md from the kind registry, and
// docs/convert-mapping.schema.json from the convert mapping schema, and the requirement tables and check rules of
// docs/compliance.md from src/compliance: `npm run schema`.
// src/catalog/json-schema.test.ts, field-tables.test.ts and src/convert/mapping.test.ts fail while one is stale.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { CATALOG_DOC_PATH, renderCatalogDoc } from '../src/catalog/field-tables.ts';
import { CATALOG_SCHEMA_PATH, catalogJsonSchemaText } from '../src/catalog/json-schema.ts';
import { MAPPING_SCHEMA_PATH, mappingJsonSchemaText } from '../src/convert/mapping.ts';
import { COMPLIANCE_DOC_PATH, renderComplianceDoc } from '../src/compliance/doc-tables.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await writeFile(path.join(root, CATALOG_SCHEMA_PATH), catalogJsonSchemaText());
process.stdout.write(`wrote ${CATALOG_SCHEMA_PATH}\n`);
await writeFile(path.join(root, MAPPING_SCHEMA_PATH), mappingJsonSchemaText());
process.stdout.write(`wrote ${MAPPING_SCHEMA_PATH}\n`);

const docPath = path.join(root, CATALOG_DOC_PATH);
const rendered = renderCatalogDoc(await readFile(docPath, 'utf8'));
const options = (await resolveConfig(docPath)) ?? {};
await writeFile(docPath, await format(rendered, { ...options, filepath: docPath }));
process.stdout.write(`wrote the field tables of ${CATALOG_DOC_PATH}\n`);

const compliancePath = path.join(root, COMPLIANCE_DOC_PATH);
const compliance = renderComplianceDoc(await readFile(compliancePath, 'utf8'));
await writeFile(compliancePath, await format(compliance, { ...options, filepath: compliancePath }));
process.stdout.write(`wrote the requirement tables and check rules of ${COMPLIANCE_DOC_PATH}\n`);
