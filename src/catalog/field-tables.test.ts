import { readFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { CATALOG_DOC_PATH, fieldTable, referenceTable, renderCatalogDoc } from './field-tables.ts';
import { KIND_NAMES } from './kinds.ts';

describe('the field tables of docs/catalog.md', () => {
  it('match the kind registry (run `npm run schema` after changing a kind)', async () => {
    const committed = await readFile(CATALOG_DOC_PATH, 'utf8');
    const options = (await resolveConfig(CATALOG_DOC_PATH)) ?? {};
    const expected = await format(renderCatalogDoc(committed), { ...options, filepath: CATALOG_DOC_PATH });
    expect(committed).toBe(expected);
  });

  it('has a table for every kind, with every field and whether it is required', () => {
    for (const kind of KIND_NAMES)
      expect(renderCatalogDoc('# Catalog\n')).toContain(`<!-- fields:${kind} -->`);
    expect(fieldTable('Service')).toMatch(/\| `tier` \| yes \| .*1 to 4\. \|/);
    expect(fieldTable('Component')).toMatch(/\| `site` \| no \| .*The id of a Site\. \|/);
  });

  it('lists every reference field with the kinds it accepts', () => {
    expect(referenceTable()).toContain('| Team | `members` | Person |');
    expect(referenceTable()).toContain('| Incident | `plan` | Plan |');
  });
});
