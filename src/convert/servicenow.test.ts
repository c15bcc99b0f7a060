import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { checkErrors, FIXTURES_DIR } from './convert-testing.ts';
import { shortHash } from './ids.ts';
import { convertServiceNow } from './servicenow.ts';
import { formatProblem, formatSummary } from './summary.ts';
import type { ConvertInput } from './types.ts';

const DIR = path.join(FIXTURES_DIR, 'servicenow');
const read = (file: string): ConvertInput => ({
  name: `servicenow/${file}`,
  text: readFileSync(path.join(DIR, file), 'utf8'),
});
const INPUTS = [read('cmdb_ci.csv'), read('cmdb_rel_ci.csv')];

/** The sys_id of the CI with this name, as the export's first column gives it. */
const sysIdOf = (name: string): string | undefined =>
  INPUTS[0]?.text
    .split('\r\n')
    .find((line) => line.split(',')[1] === name)
    ?.split(',')[0];

/** Every dependency edge: `dependent -> dependency`, sorted. */
function edges(documents: readonly CatalogDocument[]): string[] {
  return documents
    .flatMap((document) => {
      const spec = document.spec as { dependsOn?: unknown[] };
      return (spec.dependsOn ?? []).map((target) => `${document.metadata.id} -> ${String(target)}`);
    })
    .sort();
}

describe('the ServiceNow fixture export (273 CIs, 492 relations)', () => {
  const result = convertServiceNow(INPUTS, {});
  const byId = new Map(result.documents.map((document) => [document.metadata.id, document]));

  it('gives Services of business and application services, Components of the rest, Sites, Teams and Vendors of what they name', () => {
    expect(result.summary.documents).toEqual({ Service: 21, Component: 249, Site: 2, Vendor: 11, Team: 10 });
    expect(result.documents.filter((document) => document.kind === 'Site').map((d) => d.metadata.id)).toEqual(
      ['leeds-dc2', 'london-dc1'],
    );
    const types = new Map<string, number>();
    for (const document of result.documents)
      if (document.kind === 'Component')
        types.set(document.spec.type, (types.get(document.spec.type) ?? 0) + 1);
    // 4 routers and switches per site, 2 firewalls; 12 ESX + 40 Linux + 30 Windows; 80 VMs; 24 database
    // instances; 30 applications and 2 caches; 4 arrays; 10 racks; 2 UPS; 3 printers (other).
    expect(Object.fromEntries([...types].sort())).toEqual({
      application: 32,
      database: 24,
      facility: 10,
      network: 12,
      other: 3,
      power: 2,
      server: 82,
      storage: 4,
      vm: 80,
    });
  });

  it('writes complete documents: a business service, an application service, a database on its server', () => {
    expect(byId.get('handle-claims')).toEqual({
      apiVersion: 'lifeboat/v1',
      kind: 'Service',
      metadata: {
        id: 'handle-claims',
        name: 'Handle Claims',
        labels: {
          'lifeboat.io/source': 'servicenow',
          'lifeboat.io/external-id': sysIdOf('Handle Claims'),
        },
      },
      spec: {
        type: 'business',
        tier: 1,
        owner: 'service-management',
        dependsOn: ['claims-handling', 'contact-centre-telephony', 'document-management'],
      },
    });
    expect(byId.get('claims-handling')?.spec).toEqual({
      type: 'it',
      tier: 2,
      owner: 'application-support',
      dependsOn: ['claims-assessment', 'claims-intake', 'fraud-scoring'],
    });
    expect(byId.get('internal-communications')?.spec).toMatchObject({ tier: 3 });
    expect(byId.get('ora-policy-p')?.spec).toEqual({
      type: 'database',
      site: 'london-dc1',
      owner: 'database-administration',
      vendor: 'oracle',
      dependsOn: ['lon-lnx-01'],
    });
    expect(byId.get('claims-intake')?.metadata.description).toBe(
      'First notice of loss\ntaken by phone, web and brokers',
    );
  });

  it('follows each relation type the way ServiceNow defines it', () => {
    const all = edges(result.documents);
    // Depends on::Used by and Runs on::Runs: the parent depends on the child.
    expect(all).toContain('policy-admin -> ora-policy-p');
    expect(all).toContain('policy-admin -> lon-vm-001');
    // Virtualized by::Virtualizes, Connects to::Connected by, Powered by::Powers: the parent depends on the child.
    expect(all).toContain('lon-vm-001 -> lon-esx-01');
    expect(all).toContain('lon-esx-01 -> lon-sw-02');
    expect(all).toContain('lon-rack-a -> lon-ups-01');
    // Contains::Contained by: what is contained depends on its container.
    expect(all).toContain('lon-esx-01 -> lon-rack-c');
    expect(all.filter((edge) => edge.startsWith('lon-rack-'))).toEqual([
      'lon-rack-a -> lon-ups-01',
      'lon-rack-b -> lon-ups-01',
      'lon-rack-c -> lon-ups-01',
      'lon-rack-d -> lon-ups-01',
      'lon-rack-e -> lon-ups-01',
    ]);
    // Hosted on::Hosts, with parents that share a name told apart by sys_id.
    expect(all.filter((edge) => edge.startsWith('app-cache'))).toEqual([
      'app-cache-78d93b -> lon-vm-031',
      'app-cache-b50760 -> lds-vm-031',
    ]);
    // Managed by::Manages carries no dependency.
    expect(all.filter((edge) => edge.endsWith('-> backup-manager'))).toEqual([]);
  });

  it('produces exactly the dependency edges of the committed list', async () => {
    const all = edges(result.documents);
    expect(all).toHaveLength(result.summary.relations.used);
    await expect(`${all.join('\n')}\n`).toMatchFileSnapshot(
      '../../test/fixtures/cmdb/servicenow/dependencies.txt',
    );
  });

  it('reports what it changed or left out, each at its line, and counts it', () => {
    expect(result.problems.map(formatProblem)).toEqual([
      'servicenow/cmdb_ci.csv:247: warning: "app-cache" gives an id another document has too: given "app-cache-78d93b"',
      'servicenow/cmdb_ci.csv:248: warning: "app-cache" gives an id another document has too: given "app-cache-b50760"',
      'servicenow/cmdb_ci.csv:249: warning: "cmdb_ci_printer" is no Component type and not mapped to one: 3 items given type other (map it under items.types)',
      'servicenow/cmdb_ci.csv:275: warning: service "Internal Communications" has no tier: given tier 3 (set it in the source, or items.defaultTier)',
      'servicenow/cmdb_rel_ci.csv:492: warning: relation type "Monitors::Monitored by" is not mapped: its 2 relations are skipped (map it under relations.types: forward, reverse or ignore)',
    ]);
    expect(formatSummary(result.summary)).toBe(
      'converted 270 items and 476 relations into 293 documents (Service 21, Component 249, Site 2, Vendor 11, Team 10); ' +
        'skipped 3 items and 16 relations: relation type ignored (12), excluded by operational_status (3), ' +
        'relation to an item excluded by operational_status (2), relation type not mapped (2)',
    );
  });

  it('passes lifeboat check', () => {
    expect(checkErrors(result.documents)).toEqual([]);
  });

  it('gives the same documents and ids whatever the order of rows and files', () => {
    const [items, relations] = INPUTS as [ConvertInput, ConvertInput];
    const reverse = (input: ConvertInput): ConvertInput => {
      const [header, ...rows] = input.text.trimEnd().split('\r\n');
      return { name: input.name, text: [header, ...rows.reverse()].join('\r\n') };
    };
    const shuffled = convertServiceNow([reverse(relations), reverse(items)], {});
    expect(shuffled.documents).toEqual(result.documents);
  });
});

describe('ServiceNow relations', () => {
  const items = {
    name: 'cmdb_ci.csv',
    text:
      'sys_id,name,sys_class_name\n' +
      'a1,web,cmdb_ci_appl\n' +
      'a2,db,cmdb_ci_db_mysql_instance\n' +
      'a3,db,cmdb_ci_db_ora_instance\n' +
      'a4,rack,cmdb_ci_rack\n',
  };

  it('resolve display names when unique, report an ambiguous one and an unknown one at their line', () => {
    const relations = {
      name: 'cmdb_rel_ci.csv',
      text:
        'parent,type,child\n' +
        'web,Depends on::Used by,a2\n' +
        'web,Depends on::Used by,db\n' +
        'web,Runs on::Runs,missing-host\n' +
        'rack,Contains::Contained by,web\n',
    };
    const result = convertServiceNow([items, relations], {});
    expect(result.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([
      'cmdb_rel_ci.csv:3: error: child "db" names 2 items (a2, a3): give its id instead',
      'cmdb_rel_ci.csv:4: error: unknown relation target: child "missing-host" is no item\'s id or name',
    ]);
    const web = result.documents.find(
      (document) => document.metadata.name === 'web' || document.metadata.id === 'web',
    );
    expect((web?.spec as { dependsOn?: string[] }).dependsOn).toEqual([`db-${shortHash('item:a2')}`, 'rack']);
    expect(result.summary.skipped).toEqual({ 'ambiguous relation target': 1, 'unknown relation target': 1 });
  });
});
