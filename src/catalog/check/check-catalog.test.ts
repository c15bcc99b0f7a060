import { describe, expect, it } from 'vitest';
import { checkCatalog } from './check-catalog.ts';
import { formatFindings } from './finding.ts';

/** A catalog from file names and lines. */
function check(files: Record<string, string[]>) {
  return checkCatalog(Object.entries(files).map(([file, lines]) => ({ file, text: lines.join('\n') })));
}

const header = (kind: string, id: string) => [
  'apiVersion: lifeboat/v1',
  `kind: ${kind}`,
  'metadata:',
  `  id: ${id}`,
];
const team = [...header('Team', 'team-core'), 'spec: {}'];
const bareSite = [...header('Site', 'dc-north'), 'spec:', '  type: data-centre'];
// Complete enough to draw no warning: a recovery time, and where the database's copies are.
const site = [...bareSite, '  recovery: 1d'];
const db = [
  ...header('Component', 'db-primary'),
  'spec:',
  '  type: database',
  '  site: dc-north',
  '  recovery: 4h',
  '  data: {backup: {interval: 1d, at: dc-north}}',
];
const service = (id: string, ...spec: string[]) => [...header('Service', id), 'spec:', ...spec];

describe('checkCatalog', () => {
  it('accepts a small valid catalog with no findings and returns its documents in order', () => {
    const result = check({
      'a.yaml': [...team, '---', ...site, '---', ...db],
      'b.yaml': service(
        'payments',
        '  type: business',
        '  tier: 1',
        '  owner: team-core',
        '  rto: 4h',
        '  rpo: 15m',
        '  mtpd: 1d',
        '  dependsOn: [db-primary]',
      ),
    });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.documents.map((d) => d.document.metadata.id)).toEqual([
      'team-core',
      'dc-north',
      'db-primary',
      'payments',
    ]);
  });

  it('reports an unknown dependsOn id at the id with the closest existing id as a suggestion', () => {
    const result = check({
      'a.yaml': [...team, '---', ...site, '---', ...db],
      'b.yaml': service(
        'payments',
        '  type: it',
        '  tier: 3',
        '  owner: team-core',
        '  dependsOn:',
        '    - db-primray',
      ),
    });
    expect(result.errors).toEqual([
      {
        file: 'b.yaml',
        line: 10,
        column: 7,
        message: 'unknown id "db-primray" in dependsOn (did you mean "db-primary"?)',
      },
    ]);
  });

  it('reports a reference to an id of the wrong kind, naming both kinds', () => {
    const result = check({
      'a.yaml': [...team, '---', ...site, '---', ...db],
      'b.yaml': service(
        'payments',
        '  type: it',
        '  tier: 3',
        '  owner: db-primary',
        '  dependsOn: [{anyOf: [dc-north, team-core]}]',
      ),
    });
    expect(formatFindings(result)).toEqual([
      'b.yaml:8:10: error: "db-primary" in owner is a Component; expected a Team or Person',
      'b.yaml:9:34: error: "team-core" in dependsOn is a Team; expected a Service, Component, Site or Vendor',
    ]);
  });

  it('reports a duplicate id across kinds at the second metadata.id, pointing to the first', () => {
    const result = check({ 'a.yaml': [...site], 'b.yaml': [...header('Team', 'dc-north'), 'spec: {}'] });
    expect(result.errors).toEqual([
      {
        file: 'b.yaml',
        line: 4,
        column: 7,
        message:
          'duplicate id "dc-north": already used by a Site at a.yaml:4:7 (ids are unique across all kinds)',
      },
    ]);
  });

  it('reports an invalid duration at the value with the expected format', () => {
    const result = check({ 'a.yaml': [...bareSite, '  recovery: 4hours'] });
    expect(result.errors).toEqual([
      {
        file: 'a.yaml',
        line: 7,
        column: 13,
        message:
          'invalid duration "4hours" in spec.recovery: a number with a unit, largest first: 45m, 4h, 2d, 1w, 1h30m',
      },
    ]);
  });

  it('reports an unknown kind and a wrong apiVersion with what is expected', () => {
    const result = check({
      'a.yaml': [
        'apiVersion: lifeboat/v1',
        'kind: Servise',
        'metadata: {id: x}',
        'spec: {}',
        '---',
        'apiVersion: v1',
        ...site.slice(1),
      ],
    });
    expect(formatFindings(result)).toEqual([
      'a.yaml:2:7: error: unknown kind "Servise" (did you mean "Service"?); expected one of: Service, Component, Site, Vendor, Team, Person, Plan, Incident, Policy, ImpactAssessment, Campaign, Risk, Exercise, Training, Contract, Statement',
      'a.yaml:6:13: error: apiVersion is "v1"; expected "lifeboat/v1"',
    ]);
  });

  it('reports schema errors at the field: a misspelled field at its key, a bad enum value, a missing field', () => {
    const result = check({
      'a.yaml': [
        'apiVersion: lifeboat/v1',
        'kind: Component',
        'metadata: {id: web}',
        'spec:',
        '  type: databse',
        '  dependOn: []',
        '---',
        ...header('Service', 'svc'),
        'spec:',
        '  type: it',
      ],
    });
    expect(formatFindings(result)).toEqual([
      'a.yaml:5:9: error: spec.type is "databse" (did you mean "database"?); expected one of: server, vm, container, database, storage, network, application, cloud, saas, power, facility, other',
      'a.yaml:6:3: error: unknown field "dependOn" in spec (did you mean "dependsOn"?)',
      'a.yaml:12:1: error: missing required field spec.tier (a number)',
    ]);
  });

  it('explains a number where an id is expected, and a dependsOn item of no known form', () => {
    const result = check({ 'a.yaml': [...bareSite, '  dependsOn:', '    - 42', '    - {foo: bar}'] });
    expect(formatFindings(result)).toEqual([
      'a.yaml:8:7: error: spec.dependsOn[0] is 42; expected an id, {anyOf: [ids]} or {atLeast: k, of: [ids]}',
      'a.yaml:9:7: error: spec.dependsOn[1] is a mapping; expected an id, {anyOf: [ids]} or {atLeast: k, of: [ids]}',
    ]);
  });

  it('still checks the references of a document that has a schema error elsewhere', () => {
    const result = check({ 'a.yaml': [...bareSite, '  location: [not, text]', '  dependsOn: [dc-sauth]'] });
    expect(result.errors.map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      '7:13 spec.location is a list; expected a string',
      '8:15 unknown id "dc-sauth" in dependsOn',
    ]);
  });

  it('warns when an RTO is over the MTPD, at the rto value', () => {
    const result = check({
      'a.yaml': [...team],
      'b.yaml': service('svc', '  type: it', '  tier: 3', '  owner: team-core', '  rto: 2d', '  mtpd: 1d'),
    });
    expect(formatFindings(result)).toEqual([
      'b.yaml:9:8: warning: rto 2d is over mtpd 1d: the service would come back after the damage is already unacceptable',
    ]);
  });

  it('warns about a tier-1 service without rto and rpo and without an owner', () => {
    const result = check({ 'b.yaml': service('cards', '  type: business', '  tier: 1') });
    expect(formatFindings(result)).toEqual([
      'b.yaml:4:7: warning: service "cards" has no owner: set spec.owner to the Team or Person responsible',
      'b.yaml:7:9: warning: tier-1 service "cards" has no rpo: set how much data, as time, it may lose',
      'b.yaml:7:9: warning: tier-1 service "cards" has no rto: set how soon it must be back after a disruption',
    ]);
  });

  it('does not ask tier-3 services for objectives', () => {
    const result = check({
      'a.yaml': [...team],
      'b.yaml': service('intranet', '  type: it', '  tier: 3', '  owner: team-core'),
    });
    expect(result.warnings).toEqual([]);
  });

  it('warns once about a dependency cycle, naming its ids, at the reference that starts it', () => {
    const node = (id: string, dependsOn: string) => [
      ...header('Component', id),
      'spec:',
      '  type: vm',
      `  dependsOn: [${dependsOn}]`,
      '  recovery: 1h',
    ];
    const result = check({
      'a.yaml': [
        ...node('c', 'a'),
        '---',
        ...node('a', 'b'),
        '---',
        ...node('b', 'c'),
        '---',
        ...node('d', 'd'),
      ],
    });
    // A node that depends on itself is refused outright, as the API refuses it, and not also warned about.
    expect(formatFindings(result)).toEqual([
      'a.yaml:16:15: warning: dependency cycle: a -> b -> c -> a: these cannot be brought back in order after a cold start',
      'a.yaml:34:15: error: "d" in dependsOn refers to the document itself',
    ]);
  });

  it('counts a component site as a dependency when looking for cycles', () => {
    const result = check({
      'a.yaml': [
        ...header('Site', 'dc'),
        'spec:',
        '  dependsOn: [power]',
        '  recovery: 1d',
        '---',
        ...header('Component', 'power'),
        'spec:',
        '  type: power',
        '  site: dc',
        '  recovery: 2h',
      ],
    });
    expect(result.warnings.map((f) => f.message)).toEqual([
      'dependency cycle: dc -> power -> dc: these cannot be brought back in order after a cold start',
    ]);
  });

  it('reports a document that is not a mapping', () => {
    const result = check({ 'a.yaml': ['- just', '- a list'] });
    expect(formatFindings(result)).toEqual([
      'a.yaml:1:1: error: a document is a mapping with apiVersion, kind, metadata and spec; found a list',
    ]);
  });
});
