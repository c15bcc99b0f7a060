import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { checkErrors, FIXTURES_DIR, specs } from './convert-testing.ts';
import { convertCsv } from './csv.ts';
import { shortHash } from './ids.ts';
import { formatProblem, formatSummary } from './summary.ts';
import { detectDelimiter } from './table.ts';
import type { ConvertInput } from './types.ts';

const ITOP = path.join(FIXTURES_DIR, 'itop');
const read = (file: string): ConvertInput => ({
  name: `itop/${file}`,
  text: readFileSync(path.join(ITOP, file), 'utf8'),
});

function edges(documents: readonly CatalogDocument[]): string[] {
  return documents
    .flatMap((document) =>
      ((document.spec as { dependsOn?: unknown[] }).dependsOn ?? []).map(
        (target) => `${document.metadata.id} -> ${String(target)}`,
      ),
    )
    .sort();
}

const errors = (inputs: ConvertInput[]) =>
  convertCsv(inputs, {})
    .problems.filter((problem) => problem.severity === 'error')
    .map(formatProblem);

describe('the iTop fixture export, with its mapping file', () => {
  const result = convertCsv([read('items.csv'), read('relations.csv')], {
    mapping: { name: 'itop/mapping.yaml', text: readFileSync(path.join(ITOP, 'mapping.yaml'), 'utf8') },
  });
  const all = specs(result.documents);

  it('gives exactly these documents', () => {
    expect(result.problems).toEqual([]);
    expect(result.summary.documents).toEqual({ Service: 5, Component: 24, Site: 2, Vendor: 5, Team: 4 });
    expect(Object.keys(all)).toEqual([
      'Service erp',
      'Service helpdesk',
      'Service sales',
      'Service support',
      'Service webshop',
      'Component apache-01',
      'Component apache-02',
      'Component erp-db',
      'Component erp-web',
      'Component esx-01',
      'Component esx-02',
      'Component fw-01',
      'Component helpdesk-db',
      'Component helpdesk-web',
      'Component mail-relay',
      'Component mysql-01',
      'Component nas-01',
      'Component pdu-a1',
      'Component pg-01',
      'Component rack-a1',
      'Component shop-db',
      'Component shop-web',
      'Component srv-backup-01',
      'Component sw-core-01',
      'Component sw-core-02',
      'Component vm-db-01',
      'Component vm-db-02',
      'Component vm-web-01',
      'Component vm-web-02',
      'Site lyon-dc',
      'Site paris-hq',
      'Vendor apc',
      'Vendor cisco',
      'Vendor dell',
      'Vendor hp',
      'Vendor netapp',
      'Team app-team',
      'Team dba-team',
      'Team infra-team',
      'Team network-team',
    ]);
    expect(result.documents[0]).toEqual({
      apiVersion: 'lifeboat/v1',
      kind: 'Service',
      metadata: {
        id: 'erp',
        name: 'ERP',
        description: 'The "one" ERP:\nfinance, stock and purchasing',
        labels: { 'lifeboat.io/source': 'csv', 'lifeboat.io/external-id': '3' },
      },
      spec: { type: 'it', tier: 1, owner: 'app-team', dependsOn: ['erp-db', 'erp-web'] },
    });
    expect(all['Service sales']).toEqual({
      type: 'business',
      tier: 1,
      owner: 'app-team',
      dependsOn: ['erp', 'webshop'],
    });
    expect(all['Service support']).toMatchObject({ type: 'business', tier: 2 });
    expect(all['Component esx-01']).toEqual({
      type: 'server',
      site: 'lyon-dc',
      owner: 'infra-team',
      vendor: 'dell',
      dependsOn: ['nas-01', 'pdu-a1', 'rack-a1', 'sw-core-01'],
    });
    expect(all['Component mail-relay']).toEqual({
      type: 'application',
      site: 'paris-hq',
      owner: 'infra-team',
      dependsOn: ['srv-backup-01'],
    });
    expect(result.documents.find((d) => d.metadata.id === 'lyon-dc')).toEqual({
      apiVersion: 'lifeboat/v1',
      kind: 'Site',
      metadata: {
        id: 'lyon-dc',
        name: 'Lyon DC',
        labels: { 'lifeboat.io/source': 'csv', 'lifeboat.io/external-id': 'Lyon DC' },
      },
      spec: {},
    });
  });

  it('gives exactly the dependencies the relations file states, each in its mapped direction', () => {
    expect(edges(result.documents)).toEqual([
      'apache-01 -> vm-web-01',
      'apache-02 -> vm-web-02',
      'erp -> erp-db',
      'erp -> erp-web',
      'erp-db -> pg-01',
      'erp-web -> apache-01',
      'esx-01 -> nas-01',
      'esx-01 -> pdu-a1',
      'esx-01 -> rack-a1',
      'esx-01 -> sw-core-01',
      'esx-02 -> nas-01',
      'esx-02 -> pdu-a1',
      'esx-02 -> rack-a1',
      'esx-02 -> sw-core-02',
      'helpdesk -> helpdesk-db',
      'helpdesk -> helpdesk-web',
      'helpdesk -> mail-relay',
      'helpdesk-db -> mysql-01',
      'helpdesk-web -> apache-02',
      'mail-relay -> srv-backup-01',
      'mysql-01 -> vm-db-02',
      'pg-01 -> vm-db-01',
      'sales -> erp',
      'sales -> webshop',
      'shop-db -> mysql-01',
      'shop-web -> apache-02',
      'srv-backup-01 -> fw-01',
      'support -> helpdesk',
      'vm-db-01 -> esx-01',
      'vm-db-02 -> esx-02',
      'vm-web-01 -> esx-01',
      'vm-web-02 -> esx-02',
      'webshop -> shop-db',
      'webshop -> shop-web',
    ]);
    expect(formatSummary(result.summary)).toBe(
      'converted 29 items and 34 relations into 40 documents (Service 5, Component 24, Site 2, Vendor 5, Team 4); ' +
        'skipped 1 item and 2 relations: excluded by status (1), relation to an item excluded by status (1), relation type ignored (1)',
    );
    expect(checkErrors(result.documents)).toEqual([]);
  });
});

describe('CSV without a mapping file', () => {
  it('reads obvious headers: id, name, kind, type, site, owner, vendor, tier; from,to,type relations', () => {
    const result = convertCsv(
      [
        {
          name: 'items.csv',
          text:
            'ID,Name,Kind,Type,Location,Team,Supplier,Criticality\n' +
            'S1,Payments,business service,,,Payments Team,,1\n' +
            'C1,pay-db,component,database,DC North,DBA,Oracle,\n' +
            'C2,pay-app,,application,DC North,Payments Team,,\n' +
            'C3,pay-lb,,Load Balancer,DC North,,F5,\n',
        },
        {
          name: 'rels.csv',
          text: 'from,to,type\nS1,pay-app,depends on\npay-db,pay-app,used by\npay-app,C3,\n',
        },
      ],
      {},
    );
    expect(result.problems).toEqual([]);
    expect(specs(result.documents)).toEqual({
      'Service payments': { type: 'business', tier: 1, owner: 'payments-team', dependsOn: ['pay-app'] },
      'Component pay-app': {
        type: 'application',
        site: 'dc-north',
        owner: 'payments-team',
        dependsOn: ['pay-db', 'pay-lb'],
      },
      'Component pay-db': { type: 'database', site: 'dc-north', owner: 'dba', vendor: 'oracle' },
      'Component pay-lb': { type: 'network', site: 'dc-north', vendor: 'f5' },
      'Site dc-north': {},
      'Vendor f5': {},
      'Vendor oracle': {},
      'Team dba': {},
      'Team payments-team': {},
    });
  });

  it('reads quoted fields with commas, quotes and newlines, a byte order mark and CRLF line ends', () => {
    const result = convertCsv(
      [
        {
          name: 'q.csv',
          text: '\uFEFFname,type,description\r\n"db, primary",database,"the ""main"" one\r\nsecond line"\r\napp,application,\r\n',
        },
        { name: 'r.csv', text: 'from,to\napp,"db, primary"\n' },
      ],
      {},
    );
    expect(result.documents.map((d) => [d.metadata.id, d.metadata.name, d.metadata.description])).toEqual([
      ['app', undefined, undefined],
      ['db-primary', 'db, primary', 'the "main" one\nsecond line'],
    ]);
    expect(specs(result.documents)['Component app']).toEqual({
      type: 'application',
      dependsOn: ['db-primary'],
    });
  });

  it('reads `;` as GLPI exports it, and points at the first line of a row that spans several', () => {
    expect(detectDelimiter('name;type;comment\n')).toBe(';');
    expect(detectDelimiter('"a;b",c,d\n')).toBe(',');
    const result = convertCsv(
      [
        { name: 'glpi.csv', text: 'Name;Type;Comment\nsrv-1;Server;"a; b\nc"\n\nsrv-2;Computer;x\n' },
        { name: 'links.csv', text: 'source;target\nsrv-1;srv-2\nsrv-2;srv-3\n' },
      ],
      {},
    );
    expect(specs(result.documents)).toEqual({
      'Component srv-1': { type: 'server', dependsOn: ['srv-2'] },
      'Component srv-2': { type: 'other' },
    });
    expect(result.problems.map(formatProblem)).toEqual([
      'glpi.csv:5: warning: "Computer" is no Component type and not mapped to one: 1 item given type other (map it under items.types)',
      'links.csv:3: error: unknown relation target: target "srv-3" is no item\'s id or name',
    ]);
    expect(result.summary.skipped).toEqual({ 'unknown relation target': 1 });
  });

  it('reports a file without a name column at line 1, a duplicate item and a row without a name', () => {
    expect(
      errors([
        { name: 'a.csv', text: 'host,os\nx,linux\n' },
        { name: 'b.csv', text: 'id,name,type\n1,one,\n1,again,\n2,,\n,,server\n,,\n' },
      ]),
    ).toEqual([
      'a.csv:1: error: no name column: expected one of name, friendlyname, display_name, hostname (or name the column under items.columns.name in a mapping file)',
      'b.csv:3: error: duplicate item "1" (first on b.csv:2): skipped',
      'b.csv:5: error: an item without a name or id: skipped',
    ]);
  });

  it('gives colliding ids a suffix from the external id, the same whatever the row order, and warns', () => {
    const rows = ['1,Web Server', '2,web-server', '3,WEB SERVER!'];
    const convert = (order: string[]) =>
      convertCsv([{ name: 'i.csv', text: `id,name\n${order.join('\n')}\n` }], {});
    const forward = convert(rows);
    const backward = convert([...rows].reverse());
    const ids = forward.documents.map((document) => document.metadata.id);
    expect(ids).toEqual(
      [
        `web-server-${shortHash('item:1')}`,
        `web-server-${shortHash('item:2')}`,
        `web-server-${shortHash('item:3')}`,
      ].sort(),
    );
    expect(backward.documents).toEqual(forward.documents);
    expect(forward.problems.map(formatProblem)).toEqual([
      `i.csv:2: warning: "Web Server" gives an id another document has too: given "web-server-${shortHash('item:1')}"`,
      'i.csv:2: warning: 3 items have no class or type: given type other',
      `i.csv:3: warning: "web-server" gives an id another document has too: given "web-server-${shortHash('item:2')}"`,
      `i.csv:4: warning: "WEB SERVER!" gives an id another document has too: given "web-server-${shortHash('item:3')}"`,
    ]);
  });

  it('reports a file csv-parse cannot read and a relations file without a to column', () => {
    expect(
      errors([
        { name: 'ok.csv', text: 'name,location\nweb,DC\n' },
        { name: 'broken.csv', text: 'name,type\nweb,"server\ndb,database\n' },
        { name: 'links.csv', text: 'from,target_ci\nweb,db\n' },
      ]),
    ).toEqual([
      'broken.csv:3: error: not a CSV file csv-parse can read: Quote Not Closed: the parsing is finished with an opening quote at line 3',
      'links.csv:1: error: no name column: expected one of name, friendlyname, display_name, hostname (or name the column under items.columns.name in a mapping file)',
    ]);
    const named = convertCsv(
      [
        { name: 'ok.csv', text: 'name,type\nweb,server\n' },
        { name: 'links.csv', text: 'source,to_ci\nweb,db\n' },
      ],
      { mapping: { name: 'm.yaml', text: 'relations: { files: [links.csv] }\n' } },
    );
    expect(named.problems.map(formatProblem)).toEqual([
      'links.csv:1: error: no to column in a relations file: expected one of to, target, child, to_id, target_id, child_id',
    ]);
    expect(named.summary.relations).toEqual({ read: 1, used: 0, skipped: 1 });
  });

  it('takes a site and vendor for Components only, and an owner for Services and Components', () => {
    const result = convertCsv(
      [
        {
          name: 'i.csv',
          text: 'name,kind,site,owner,vendor,tier\nbilling,service,DC,Ops,Acme,2\nweb,server,DC,Ops,Acme,\n',
        },
      ],
      {},
    );
    expect(specs(result.documents)).toEqual({
      'Service billing': { type: 'it', tier: 2, owner: 'ops' },
      'Component web': { type: 'server', site: 'dc', owner: 'ops', vendor: 'acme' },
      'Site dc': {},
      'Vendor acme': {},
      'Team ops': {},
    });
  });

  it('gives a service without a tier the default tier, with a warning', () => {
    const result = convertCsv(
      [{ name: 's.csv', text: 'name,kind,tier\nbilling,service,\npayroll,service,urgent\n' }],
      {},
    );
    expect(specs(result.documents)).toEqual({
      'Service billing': { type: 'it', tier: 3 },
      'Service payroll': { type: 'it', tier: 3 },
    });
    expect(result.problems.map(formatProblem)).toEqual([
      's.csv:2: warning: service "billing" has no tier: given tier 3 (set it in the source, or items.defaultTier)',
      's.csv:3: warning: tier "urgent" of service "payroll" is not 1 to 4 or a mapped value: given tier 3',
    ]);
  });
});

describe('a mapping file', () => {
  const items = {
    name: 'cis.csv',
    text: 'ci;label;cls;crit\n10;Core;BizSvc;gold\n11;db1;Oracle DB;\n12;fw;Checkpoint;\n',
  };
  const links = { name: 'links.csv', text: 'a;b;kind\n10;11;needs\n12;11;protects\n11;10;feeds\n' };

  it('names columns, kinds, types, tiers and relation directions; unlisted relation types are reported once', () => {
    const mapping = [
      'items:',
      '  columns: { id: ci, name: label, kind: cls, tier: crit }',
      '  idFrom: id',
      '  kinds: { BizSvc: Service }',
      '  serviceTypes: { BizSvc: business }',
      '  types: { "Oracle*": database, Checkpoint: network }',
      '  tiers: { gold: 1 }',
      'relations:',
      '  files: [links.csv]',
      '  columns: { from: a, to: b, type: kind }',
      '  types: { needs: forward, protects: reverse }',
    ].join('\n');
    const result = convertCsv([items, links], { mapping: { name: 'm.yaml', text: mapping } });
    expect(specs(result.documents)).toEqual({
      'Service 10': { type: 'business', tier: 1, dependsOn: ['11'] },
      'Component 11': { type: 'database', dependsOn: ['12'] },
      'Component 12': { type: 'network' },
    });
    expect(result.problems.map(formatProblem)).toEqual([
      'links.csv:4: warning: relation type "feeds" is not mapped: its 1 relation is skipped (map it under relations.types: forward, reverse or ignore)',
    ]);
  });

  it('that is wrong stops the conversion with each problem at its line and column', () => {
    const mapping = [
      'items:',
      '  columns:',
      '    nmae: label',
      '  defaultTier: 7',
      'relations:',
      '  types: { x: sideways }',
    ].join('\n');
    const result = convertCsv([items], { mapping: { name: 'm.yaml', text: mapping } });
    expect(result.documents).toEqual([]);
    expect(result.problems.map(formatProblem)).toEqual([
      'm.yaml:3:5: error: items.columns.nmae: Unrecognized key: "nmae"',
      'm.yaml:4:16: error: items.defaultTier: Too big: expected number to be <=4',
      'm.yaml:6:15: error: relations.types.x: Invalid option: expected one of "forward"|"reverse"|"ignore"',
    ]);
    expect(
      convertCsv([items], { mapping: { name: 'bad.yaml', text: 'items: [\n' } }).problems[0],
    ).toMatchObject({
      file: 'bad.yaml',
      line: 2,
      severity: 'error',
    });
  });
});
