import { readFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { COMPLIANCE_DOC_PATH, renderComplianceDoc, requirementTable, sourcesOf } from './doc-tables.ts';

describe('docs/compliance.md', () => {
  it('says what the frameworks and checks say: `npm run schema` rewrites it, and this fails while it is stale', async () => {
    const committed = readFileSync(COMPLIANCE_DOC_PATH, 'utf8');
    const options = (await resolveConfig(COMPLIANCE_DOC_PATH)) ?? {};
    const expected = await format(renderComplianceDoc(committed), {
      ...options,
      filepath: COMPLIANCE_DOC_PATH,
    });
    expect(committed).toBe(expected);
  });

  it('links each requirement to the checks that evidence it, or says it is manual', () => {
    const table = requirementTable('nis2');
    expect(table).toContain('| Art. 21(2)(c) |');
    expect(table).toMatch(/\[C04\]\(#c04\)/);
    expect(requirementTable('iso22301')).toMatch(/\| 7\.1 \| [^|]+ \| manual \|/);
  });

  it('names every clause a check evidences in its sources, framework by framework', () => {
    expect(sourcesOf('C05')).toBe(
      '**Sources.** NIST SP 800-34 4.3 (plan: recovery, in order of dependencies).',
    );
  });
});
