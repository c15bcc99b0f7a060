import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertBackstage, parseEntityRef } from './backstage.ts';
import {
  checkErrors,
  CMDB_SAMPLES_DIR,
  FIXTURES_DIR,
  formatProblem,
  readFolder,
  samplesPresent,
  specs,
} from './convert-testing.ts';

const EXAMPLES = 'backstage-examples';
const examplesPresent = samplesPresent(EXAMPLES);

describe('entity refs', () => {
  it('fill in the kind the field implies and the namespace of the entity that names them', () => {
    expect(parseEntityRef('team-a', 'group', 'default')).toBe('group:default/team-a');
    expect(parseEntityRef('user:guest', 'group', 'default')).toBe('user:default/guest');
    expect(parseEntityRef('default/team-a', 'group', 'alternative')).toBe('group:default/team-a');
    expect(parseEntityRef('Resource:Ops/Artists-DB', undefined, 'default')).toBe('resource:ops/artists-db');
    expect(parseEntityRef('artists-db', undefined, 'default')).toBeUndefined();
  });
});

// Under CI the samples must be there: a missing folder fails these tests rather than skipping them.
describe.runIf(examplesPresent || process.env.CI === 'true')("Backstage's example catalog", () => {
  const dir = path.join(CMDB_SAMPLES_DIR, EXAMPLES);
  const result = convertBackstage(readFolder(dir));
  const byId = new Map(result.documents.map((document) => [document.metadata.id, document]));

  it('makes Services of Systems, Components of Components and Resources, with the dependencies the files state', () => {
    // Written out by hand: each System depends on the Components and Resources whose spec.system names it
    // (playback-sdk is a library, so it is not deployed and not a part); artist-lookup's dependsOn names
    // resource:artists-db; wayback-search consumes the wayback-archive API that the wayback-archive Component
    // provides; wayback-archive is made of the two Components that name it in subcomponentOf.
    const components = Object.fromEntries(
      Object.entries(specs(result.documents)).filter(([key]) => /^(Service|Component) /.test(key)),
    );
    expect(components).toEqual({
      'Service artist-engagement-portal': {
        type: 'business',
        tier: 3,
        owner: 'team-a',
        dependsOn: ['artist-lookup', 'artists-db', 'www-artist'],
      },
      'Service audio-playback': { type: 'business', tier: 3, owner: 'team-c', dependsOn: ['shuffle-api'] },
      'Service podcast': {
        type: 'business',
        tier: 3,
        owner: 'team-b',
        dependsOn: ['podcast-api', 'queue-proxy'],
      },
      'Component artist-lookup': { type: 'application', owner: 'team-a', dependsOn: ['artists-db'] },
      'Component artists-db': { type: 'database', owner: 'team-a' },
      'Component different-namespace': { type: 'application', owner: 'team-a' },
      'Component petstore': { type: 'application', owner: 'team-c' },
      // owner: guest is a Group ref, and there is no Group guest (only Users).
      'Component playback-order': { type: 'application' },
      'Component podcast-api': { type: 'application', owner: 'team-b' },
      'Component queue-proxy': { type: 'application', owner: 'team-b' },
      'Component searcher': { type: 'application', owner: 'default-guest' },
      'Component shuffle-api': { type: 'application', owner: 'default-guest' },
      'Component wayback-archive': {
        type: 'application',
        owner: 'team-a',
        dependsOn: ['wayback-archive-ingestion', 'wayback-archive-storage'],
      },
      'Component wayback-archive-ingestion': { type: 'application', owner: 'team-d' },
      'Component wayback-archive-storage': { type: 'application', owner: 'team-a' },
      'Component wayback-search': { type: 'application', owner: 'team-a', dependsOn: ['wayback-archive'] },
      'Component www-artist': { type: 'application', owner: 'team-a' },
    });
  });

  it('makes Teams of Groups and People of Users, with their memberships', () => {
    const people = Object.fromEntries(
      Object.entries(specs(result.documents)).filter(([key]) => /^(Team|Person) /.test(key)),
    );
    expect(people).toEqual({
      'Team acme-corp': { email: 'info@example.com' },
      'Team backstage': { email: 'backstage@example.com' },
      'Team boxoffice': { email: 'boxoffice@example.com' },
      'Team infrastructure': {},
      'Team team-a': {
        members: ['breanna-davison', 'default-guest', 'development-guest', 'janelle-dawe', 'nigel-manning'],
        email: 'team-a@example.com',
      },
      'Team team-b': {
        members: ['amelia-park', 'colette-brock', 'jenny-doe', 'jonathon-page', 'justine-barrow'],
        email: 'team-b@example.com',
      },
      'Team team-c': {
        members: ['calum-leavy', 'frank-tiernan', 'peadar-macmahon', 'sarah-gilroy', 'tara-macgovern'],
        email: 'team-c@example.com',
      },
      'Team team-d': { members: ['eva-macdowell', 'lucy-sheehan'], email: 'team-d@example.com' },
      'Team team-e': { email: 'team-e@example.com' },
      'Person amelia-park': { email: 'amelia-park@example.com', team: 'team-b' },
      'Person breanna-davison': { email: 'breanna-davison@example.com', team: 'team-a' },
      'Person calum-leavy': { email: 'calum-leavy@example.com', team: 'team-c' },
      'Person colette-brock': { email: 'colette-brock@example.com', team: 'team-b' },
      'Person default-guest': { email: 'guest@example.com', team: 'team-a' },
      'Person development-guest': { email: 'guest@example.com', team: 'team-a' },
      'Person eva-macdowell': { email: 'eva-macdowell@example.com', team: 'team-d' },
      'Person frank-tiernan': { email: 'frank-tiernan@example.com', team: 'team-c' },
      'Person janelle-dawe': { email: 'janelle-dawe@example.com', team: 'team-a' },
      'Person jenny-doe': { email: 'jenny-doe@example.com', team: 'team-b' },
      'Person jonathon-page': { email: 'jonathon-page@example.com', team: 'team-b' },
      'Person justine-barrow': { email: 'justine-barrow@example.com', team: 'team-b' },
      'Person lucy-sheehan': { email: 'lucy-sheehan@example.com', team: 'team-d' },
      'Person nigel-manning': { email: 'nigel-manning@example.com', team: 'team-a' },
      'Person peadar-macmahon': { email: 'peadar-macmahon@example.com', team: 'team-c' },
      'Person sarah-gilroy': { email: 'sarah-gilroy@example.com', team: 'team-c' },
      'Person tara-macgovern': { email: 'tara-macgovern@example.com', team: 'team-c' },
    });
  });

  it('carries the entity ref, namespace, lifecycle, type and own labels over as labels', () => {
    expect(byId.get('shuffle-api')?.metadata).toEqual({
      id: 'shuffle-api',
      description: 'Shuffle API',
      labels: {
        'lifeboat.io/source': 'backstage',
        'lifeboat.io/external-id': 'component:default/shuffle-api',
        'backstage.io/namespace': 'default',
        'backstage.io/lifecycle': 'production',
        'backstage.io/type': 'service',
        goVersion: 'go1.15.3',
        category: 'music',
      },
    });
    expect(byId.get('different-namespace')?.metadata.labels?.['backstage.io/namespace']).toBe('alternative');
    expect(byId.get('development-guest')?.metadata).toMatchObject({
      name: 'Guest User',
      labels: { 'lifeboat.io/external-id': 'user:development/guest' },
    });
  });

  it('reports what it changed or could not place, and counts what it left out', () => {
    const problems = result.problems.map((problem) => formatProblem(problem, dir));
    expect(problems).toEqual([
      'acme/team-a-group.yaml:54:9: warning: User "default/guest" has id "default-guest": the name is used in several namespaces',
      'acme/team-a-group.yaml:67:9: warning: User "development/guest" has id "development-guest": the name is used in several namespaces',
      'components/playback-order-component.yaml:12:10: warning: owner "guest" (group:default/guest) is not a Group or User in the inputs: left out',
      'systems/artist-engagement-portal-system.yaml:4:9: warning: System "artist-engagement-portal": no lifeboat.io/tier annotation: tier 3 assumed',
      'systems/audio-playback-system.yaml:4:9: warning: System "audio-playback": no lifeboat.io/tier annotation: tier 3 assumed',
      'systems/podcast-system.yaml:4:9: warning: System "podcast": no lifeboat.io/tier annotation: tier 3 assumed',
    ]);
    // A User whose name has a dot (breanna.davison -> breanna-davison) is no problem: the name keeps the original.
    expect(result.summary).toEqual({
      documents: { Service: 3, Component: 14, Team: 9, Person: 17 },
      items: { read: 54, skipped: 11 },
      relations: { read: 10, used: 10, skipped: 0 },
      skipped: {
        'Location (its targets are read as inputs)': 1,
        'API (its consumers depend on its providers)': 6,
        'Component of type library (not deployed)': 1,
        'kind Domain not converted': 3,
      },
    });
  });

  it('gives a catalog that lifeboat check accepts', () => {
    expect(checkErrors(result.documents)).toEqual([]);
  });
});

describe('a Backstage catalog with systems, APIs and groups', () => {
  const dir = path.join(FIXTURES_DIR, 'backstage');
  const inputs = readFolder(dir);
  const result = convertBackstage(inputs);

  it('gives each System the parts that belong to it, and each consumer the providers of its APIs', () => {
    expect(specs(result.documents)).toEqual({
      'Service checkout': {
        type: 'business',
        tier: 1,
        owner: 'team-checkout',
        dependsOn: ['checkout-web', 'payments-db', 'payments-queue', 'payments-service', 'receipts-bucket'],
      },
      // fx-rates-eu and fx-rates-us provide the same API: either will do, for the System as for its consumers.
      'Service ledger': {
        type: 'business',
        tier: 2,
        owner: 'team-ledger',
        dependsOn: [
          { anyOf: ['fx-rates-eu', 'fx-rates-us'] },
          'ledger-db',
          'ledger-service',
          'settlement-batch',
        ],
      },
      'Service observability': {
        type: 'it',
        tier: 3,
        owner: 'team-sre',
        dependsOn: ['metrics-collector', 'metrics-store'],
      },
      'Component checkout-web': {
        type: 'application',
        owner: 'team-checkout',
        dependsOn: ['payments-service'],
      },
      'Component fx-rates-eu': { type: 'application', owner: 'team-ledger' },
      'Component fx-rates-us': { type: 'application', owner: 'team-ledger' },
      'Component ledger-db': { type: 'database', owner: 'team-ledger' },
      'Component ledger-service': {
        type: 'application',
        owner: 'team-ledger',
        dependsOn: ['ledger-db', 'settlement-batch'],
      },
      'Component metrics-collector': {
        type: 'application',
        owner: 'dana-kowalski',
        dependsOn: ['metrics-store'],
      },
      'Component metrics-store': { type: 'other', owner: 'team-sre' },
      'Component payments-db': { type: 'database', owner: 'team-checkout' },
      'Component payments-queue': { type: 'cloud', owner: 'team-checkout' },
      'Component payments-service': {
        type: 'application',
        owner: 'team-checkout',
        dependsOn: [
          { anyOf: ['fx-rates-eu', 'fx-rates-us'] },
          'ledger-service',
          'payments-db',
          'payments-queue',
        ],
      },
      'Component receipts-bucket': { type: 'storage', owner: 'team-checkout' },
      'Component settlement-batch': { type: 'application', owner: 'team-ledger' },
      'Team payments-engineering': { email: 'payments-eng@harbourpay.example' },
      'Team team-checkout': { members: ['ana-silva', 'ben-okafor'], email: 'checkout@harbourpay.example' },
      // chen.wei is listed in the Group's members, not in a memberOf of the User.
      'Team team-ledger': { members: ['chen-wei'], email: 'ledger@harbourpay.example' },
      'Team team-sre': { members: ['ben-okafor', 'dana-kowalski'] },
      'Person ana-silva': { email: 'ana.silva@harbourpay.example', team: 'team-checkout' },
      'Person ben-okafor': { email: 'ben.okafor@harbourpay.example', team: 'team-checkout' },
      'Person chen-wei': { email: 'chen.wei@harbourpay.example' },
      'Person dana-kowalski': { team: 'team-sre' },
    });
  });

  it('takes names from titles and display names', () => {
    const names = Object.fromEntries(
      result.documents.filter((d) => d.metadata.name).map((d) => [d.metadata.id, d.metadata.name]),
    );
    expect(names).toEqual({
      checkout: 'Card checkout',
      ledger: 'Merchant ledger',
      'payments-engineering': 'Payments Engineering',
      'team-checkout': 'Checkout',
      'team-ledger': 'Ledger',
      'team-sre': 'Site Reliability',
      'ana-silva': 'Ana Silva',
      'ben-okafor': 'Ben Okafor',
      'chen-wei': 'Chen Wei',
      'dana-kowalski': 'Dana Kowalski',
    });
  });

  it('reports a Location it cannot follow, an API nobody provides and values it changed, at their lines', () => {
    expect(result.problems.map((problem) => formatProblem(problem, dir))).toEqual([
      'catalog-info.yaml:14:7: warning: Location target "./partners/partner-gateway.yaml" is not among the inputs: not followed (convert its folder, or name the file too)',
      'components.yaml:26:44: warning: API "notifications-api" is provided by no Component in the inputs: no dependency made',
      'org.yaml:46:12: warning: profile.email "not-an-address" is not an email address: left out',
      'resources.yaml:42:9: warning: Resource type "tsdb" taken as other',
      'systems.yaml:34:9: warning: System "observability": no lifeboat.io/tier annotation: tier 3 assumed',
    ]);
    expect(result.summary).toEqual({
      documents: { Service: 3, Component: 12, Team: 4, Person: 4 },
      items: { read: 30, skipped: 7 },
      relations: { read: 21, used: 20, skipped: 1 },
      skipped: {
        'API (its consumers depend on its providers)': 4,
        'Location (its targets are read as inputs)': 1,
        'Component of type library (not deployed)': 1,
        'kind Domain not converted': 1,
        'API provided by no component': 1,
      },
    });
  });

  it('gives a catalog that lifeboat check accepts', () => {
    expect(checkErrors(result.documents)).toEqual([]);
  });

  it('gives the same documents whatever order the files come in', () => {
    const again = convertBackstage([...inputs].reverse());
    expect(again.documents).toEqual(result.documents);
    expect(again.problems).toEqual(result.problems);
  });
});

describe('entities that cannot be taken as they are', () => {
  it('takes a Location target with wildcards as read when it matches an input, and names the others', () => {
    const location = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Location',
      'metadata: { name: everything }',
      'spec:',
      '  targets:',
      '    - ./**/catalog-info.yaml',
      '    - ./teams/*.yaml',
      '    - https://github.com/example/catalog/blob/main/all.yaml',
    ].join('\n');
    const component =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: api }\nspec: { type: service }';
    const result = convertBackstage([
      { name: 'repo/all.yaml', text: location },
      { name: 'repo/services/api/catalog-info.yaml', text: component },
    ]);
    expect(result.problems.map((problem) => formatProblem(problem, '.'))).toEqual([
      'repo/all.yaml:7:7: warning: Location target "./teams/*.yaml" is not among the inputs: not followed (convert its folder, or name the file too)',
      'repo/all.yaml:8:7: warning: Location target "https://github.com/example/catalog/blob/main/all.yaml" is a URL: not followed (download it and convert the files)',
    ]);
    expect(specs(result.documents)).toEqual({ 'Component api': { type: 'application' } });
  });

  it('refuses a dependsOn entry without a kind, at its line, and keeps the rest of the entity', () => {
    const text = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata: { name: web }',
      'spec:',
      '  type: website',
      '  dependsOn: [api, "component:api"]',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata: { name: api }',
      'spec: { type: service, dependsOn: ["resource:gone"] }',
      '---',
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata: { name: api }',
      'spec: { type: service }',
      '---',
      'kind: System',
      'metadata: { name: [broken }',
    ].join('\n');
    const result = convertBackstage([{ name: 'catalog-info.yaml', text }]);
    expect(specs(result.documents)).toEqual({
      'Component api': { type: 'application' },
      'Component web': { type: 'application', dependsOn: ['api'] },
    });
    expect(result.problems.map((problem) => formatProblem(problem, '.'))).toEqual([
      'catalog-info.yaml:6:15: error: dependsOn "api" names no kind: write component:api or resource:api',
      'catalog-info.yaml:11:36: warning: dependsOn "resource:gone" is not a Component, Resource or System in the inputs: no dependency made',
      'catalog-info.yaml:15:19: error: entity "component:default/api" is defined twice: this one left out',
      expect.stringMatching(/^catalog-info\.yaml:19:\d+: error: YAML syntax: /),
    ]);
    expect(result.summary.items).toEqual({ read: 4, skipped: 2 });
    expect(result.summary.skipped).toMatchObject({
      'dependsOn entry without a kind': 1,
      'unknown relation target': 1,
      'duplicate entity': 1,
      'YAML syntax error': 1,
    });
  });
});
