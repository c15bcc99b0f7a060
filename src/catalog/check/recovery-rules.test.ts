import { describe, expect, it } from 'vitest';
import { checkCatalog } from './check-catalog.ts';
import { formatFindings } from './finding.ts';

/** A catalog of JSON documents (JSON is YAML), one per line, in one file. */
function check(...documents: { kind: string; id: string; spec: Record<string, unknown> }[]) {
  const text = documents
    .map(({ kind, id, spec }) => JSON.stringify({ apiVersion: 'lifeboat/v1', kind, metadata: { id }, spec }))
    .join('\n---\n');
  return checkCatalog([{ file: 'c.yaml', text }]);
}

const site = (id: string, spec: Record<string, unknown> = {}) => ({
  kind: 'Site',
  id,
  spec: { recovery: '1d', ...spec },
});

describe('standbys in redundancy groups', () => {
  it('refuses a group whose active members cannot satisfy it, naming the standbys', () => {
    const result = check(site('leeds'), site('york', { activation: '2h' }), {
      kind: 'Component',
      id: 'app',
      spec: { type: 'application', recovery: '1h', dependsOn: [{ anyOf: ['york'] }] },
    });
    expect(formatFindings(result).filter((line) => line.includes('error'))).toEqual([
      'c.yaml:5:130: error: the group needs 1 active member but has 0: york is a standby (activation), so "app" would be down before anything fails; add an active member or lower atLeast',
    ]);
  });

  it('accepts a standby beside an active member, and counts atLeast against the active ones', () => {
    const ok = check(site('leeds'), site('york', { activation: '2h' }), {
      kind: 'Component',
      id: 'app',
      spec: { type: 'application', recovery: '1h', dependsOn: [{ anyOf: ['leeds', 'york'] }] },
    });
    expect(ok.errors).toEqual([]);
    const tooFew = check(site('leeds'), site('york', { activation: '2h' }), {
      kind: 'Component',
      id: 'app',
      spec: { type: 'application', recovery: '1h', dependsOn: [{ atLeast: 2, of: ['leeds', 'york'] }] },
    });
    expect(tooFew.errors.map((finding) => finding.message)).toEqual([
      expect.stringContaining('the group needs 2 active members but has 1: york is a standby'),
    ]);
  });

  it('takes activation: 0m as an active member', () => {
    const result = check(site('york', { activation: '0m' }), {
      kind: 'Component',
      id: 'app',
      spec: { type: 'application', recovery: '1h', dependsOn: [{ anyOf: ['york'] }] },
    });
    expect(result.errors).toEqual([]);
  });
});

describe('data and recovery warnings', () => {
  it('warns about a database without data, and not about one with its copies', () => {
    const result = check(
      site('leeds'),
      site('vault'),
      { kind: 'Component', id: 'db-a', spec: { type: 'database', site: 'leeds', recovery: '4h' } },
      {
        kind: 'Component',
        id: 'db-b',
        spec: {
          type: 'database',
          site: 'leeds',
          recovery: '4h',
          data: { backup: { interval: '1d', at: 'vault' }, replicas: [{ id: 'db-a', lag: '5m' }] },
        },
      },
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((finding) => finding.message)).toEqual([
      'database "db-a" has no data: set its backup and replicas, or its data loss in a failure is unknown',
    ]);
  });

  it('refuses data copies that name a document of the wrong kind', () => {
    const result = check(site('leeds'), {
      kind: 'Component',
      id: 'db',
      spec: { type: 'database', recovery: '4h', data: { replicas: [{ id: 'leeds', lag: '5m' }] } },
    });
    expect(result.errors.map((finding) => finding.message)).toEqual([
      '"leeds" in data is a Site; expected a Component',
    ]);
  });

  it('warns about a node others depend on that has no recovery time, and only that one', () => {
    const result = check(
      { kind: 'Vendor', id: 'telco', spec: {} },
      { kind: 'Vendor', id: 'lonely', spec: {} },
      { kind: 'Component', id: 'link', spec: { type: 'network', recovery: '2h', dependsOn: ['telco'] } },
    );
    expect(result.warnings.map((finding) => finding.message)).toEqual([
      '"telco" has no recovery time and other nodes depend on it: restore times through it are only lower bounds',
    ]);
  });
});
