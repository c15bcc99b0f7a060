import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkErrors,
  CMDB_SAMPLES_DIR,
  FIXTURES_DIR,
  formatProblem,
  readFolder,
  samplesPresent,
  specs,
} from './convert-testing.ts';
import { hostsIn, isDatabaseImage, serviceOf } from './kubernetes-addresses.ts';
import { convertKubernetes } from './kubernetes.ts';

const BOUTIQUE = 'online-boutique/kubernetes-manifests';
const boutiquePresent = samplesPresent(BOUTIQUE);

// Under CI the samples must be there: a missing folder fails these tests rather than skipping them.
describe.runIf(boutiquePresent || process.env.CI === 'true')("Online Boutique's Kubernetes manifests", () => {
  const dir = path.join(CMDB_SAMPLES_DIR, BOUTIQUE);
  const result = convertKubernetes(readFolder(dir));

  it('makes one Component per Deployment, with the dependencies the env variables state', () => {
    // Written out by hand from the *_ADDR variables of each file (loadgenerator's FRONTEND_ADDR in both its
    // init container and its main container).
    expect(specs(result.documents)).toEqual({
      'Component adservice': { type: 'container' },
      'Component cartservice': { type: 'container', dependsOn: ['redis-cart'] },
      'Component checkoutservice': {
        type: 'container',
        dependsOn: [
          'cartservice',
          'currencyservice',
          'emailservice',
          'paymentservice',
          'productcatalogservice',
          'shippingservice',
        ],
      },
      'Component currencyservice': { type: 'container' },
      'Component emailservice': { type: 'container' },
      'Component frontend': {
        type: 'container',
        dependsOn: [
          'adservice',
          'cartservice',
          'checkoutservice',
          'currencyservice',
          'productcatalogservice',
          'recommendationservice',
          'shippingservice',
        ],
      },
      'Component loadgenerator': { type: 'container', dependsOn: ['frontend'] },
      'Component paymentservice': { type: 'container' },
      'Component productcatalogservice': { type: 'container' },
      'Component recommendationservice': { type: 'container', dependsOn: ['productcatalogservice'] },
      // redis:alpine holds the carts: a database, so check asks where its data is copied.
      'Component redis-cart': { type: 'database' },
      'Component shippingservice': { type: 'container' },
    });
  });

  it('labels each Component with its source, namespace/kind/name and its own labels', () => {
    const frontend = result.documents.find((document) => document.metadata.id === 'frontend');
    expect(frontend?.metadata).toEqual({
      id: 'frontend',
      labels: {
        'lifeboat.io/source': 'kubernetes',
        'lifeboat.io/external-id': 'default/Deployment/frontend',
        'kubernetes.io/namespace': 'default',
        app: 'frontend',
      },
    });
  });

  it('reports the one address no manifest serves, and counts what it left out', () => {
    expect(result.problems.map((problem) => formatProblem(problem, dir))).toEqual([
      'frontend.yaml:84:20: warning: SHOPPING_ASSISTANT_SERVICE_ADDR=shoppingassistantservice:80: no Service "default/shoppingassistantservice" in the manifests: no dependency made',
    ]);
    expect(result.summary).toEqual({
      documents: { Component: 12 },
      items: { read: 36, skipped: 12 },
      relations: { read: 17, used: 16, skipped: 1 },
      skipped: {
        'kind ServiceAccount not converted': 11,
        'kind Kustomization not converted': 1,
        'unknown Service': 1,
      },
    });
  });

  it('gives a catalog that lifeboat check accepts', () => {
    expect(checkErrors(result.documents)).toEqual([]);
  });
});

describe('a microservice application over two namespaces', () => {
  const dir = path.join(FIXTURES_DIR, 'kubernetes');
  const inputs = readFolder(dir);
  const result = convertKubernetes(inputs);

  it('resolves env addresses through Services to the workloads they select, across namespaces', () => {
    expect(specs(result.documents)).toEqual({
      'Component log-agent': { type: 'container', dependsOn: ['search'] },
      'Component mailer': { type: 'container', dependsOn: ['rabbitmq'] },
      'Component orders-db': { type: 'database' },
      'Component payments-blue': { type: 'container', dependsOn: ['rabbitmq'] },
      'Component payments-green': { type: 'container', dependsOn: ['rabbitmq'] },
      'Component platform-api': { type: 'container', dependsOn: ['search'] },
      'Component rabbitmq': { type: 'container' },
      'Component search': { type: 'database' },
      'Component sessions': { type: 'database' },
      // One Service over two tracks: either will do.
      'Component shop-api': {
        type: 'container',
        dependsOn: ['orders-db', { anyOf: ['payments-blue', 'payments-green'] }, 'search'],
      },
      // PUBLIC_URL names web's own Service (no dependency); ANALYTICS_URL a host outside the cluster.
      'Component web': { type: 'container', dependsOn: ['sessions', 'shop-api'] },
    });
  });

  it('keeps the namespace in the id only where a name is used in both', () => {
    const byId = new Map(result.documents.map((document) => [document.metadata.id, document.metadata]));
    expect(byId.get('shop-api')).toEqual({
      id: 'shop-api',
      name: 'api',
      labels: {
        'lifeboat.io/source': 'kubernetes',
        'lifeboat.io/external-id': 'shop/Deployment/api',
        'kubernetes.io/namespace': 'shop',
        'app.kubernetes.io/name': 'api',
        'app.kubernetes.io/part-of': 'shop',
      },
    });
    expect(byId.get('platform-api')?.labels?.['lifeboat.io/external-id']).toBe('platform/Deployment/api');
    expect(byId.get('mailer')?.labels?.['kubernetes.io/namespace']).toBe('shop');
  });

  it('reports renamed ids, unknown Services and Services without a selector at their lines', () => {
    expect(result.problems.map((problem) => formatProblem(problem, dir))).toEqual([
      'platform.yaml:116:9: warning: Deployment "api" in namespace "platform" has id "platform-api": the name is used in several namespaces',
      'shop.yaml:51:9: warning: Deployment "api" in namespace "shop" has id "shop-api": the name is used in several namespaces',
      'shop.yaml:80:22: warning: CACHE_ADDR=cache:11211: no Service "shop/cache" in the manifests: no dependency made',
      'shop.yaml:82:22: warning: CRM_URL=http://legacy-crm/api: Service "shop/legacy-crm" has no selector (type ClusterIP): no dependency made',
    ]);
    expect(result.summary).toEqual({
      documents: { Component: 11 },
      items: { read: 23, skipped: 4 },
      relations: { read: 13, used: 10, skipped: 3 },
      skipped: {
        'kind CronJob not converted': 1,
        'kind Namespace not converted': 2,
        'kind ConfigMap not converted': 1,
        'refers to itself': 1,
        'unknown Service': 1,
        'Service selects no workload': 1,
      },
    });
  });

  it('gives a catalog that lifeboat check accepts', () => {
    expect(checkErrors(result.documents)).toEqual([]);
  });

  it('gives the same documents whatever order the files come in', () => {
    const again = convertKubernetes([...inputs].reverse());
    expect(again.documents).toEqual(result.documents);
    expect(again.problems).toEqual(result.problems);
  });
});

describe('addresses in environment values', () => {
  it('finds the host of each address form, and nothing in values that hold none', () => {
    expect(hostsIn('redis-cart:6379')).toEqual([{ host: 'redis-cart', formed: true }]);
    expect(hostsIn('postgres://shop:secret@orders-db.platform:5432/orders?ssl=true')).toEqual([
      { host: 'orders-db.platform', formed: true },
    ]);
    expect(hostsIn('kafka-0.kafka:9092,kafka-1.kafka:9092')).toEqual([
      { host: 'kafka-0.kafka', formed: true },
      { host: 'kafka-1.kafka', formed: true },
    ]);
    expect(hostsIn('payments')).toEqual([{ host: 'payments', formed: false }]);
    expect(hostsIn('api.shop.svc.cluster.local.')).toEqual([
      { host: 'api.shop.svc.cluster.local', formed: true },
    ]);
    expect(hostsIn('0.0.0.0:8080')).toEqual([]);
    expect(hostsIn('localhost:9000')).toEqual([]);
    expect(hostsIn('http://$(API_HOST):8080')).toEqual([]);
    expect(hostsIn('-Xmx512m -Dlog.level=info')).toEqual([]);
  });

  it('reads a host as cluster DNS does from the workload namespace', () => {
    const namespaces = new Set(['shop', 'platform']);
    expect(serviceOf('api', 'shop', namespaces)).toBe('shop/api');
    expect(serviceOf('orders-db.platform', 'shop', namespaces)).toBe('platform/orders-db');
    expect(serviceOf('search.platform.svc', 'shop', namespaces)).toBe('platform/search');
    expect(serviceOf('sessions-0.sessions.platform.svc.cluster.local', 'shop', namespaces)).toBe(
      'platform/sessions',
    );
    expect(serviceOf('api.stripe.com', 'shop', namespaces)).toBeUndefined();
    expect(serviceOf('example.com', 'shop', namespaces)).toBeUndefined();
  });

  it('takes an image as a data store by its name, whatever its registry, tag or digest', () => {
    expect(isDatabaseImage('redis:alpine')).toBe(true);
    expect(isDatabaseImage('docker.io/bitnami/postgresql:16@sha256:abc')).toBe(true);
    expect(isDatabaseImage('registry.example.com:5000/team/mongo')).toBe(true);
    expect(isDatabaseImage('registry.example.com/shop/redis-exporter:1.0')).toBe(false);
    expect(isDatabaseImage('rabbitmq:3-management')).toBe(false);
  });
});

describe('manifests that cannot be taken as they are', () => {
  it('names the file and line of a YAML error and still converts the other documents', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: good }',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: [broken',
      '---',
      '- a list',
      '---',
      'kind: StatefulSet',
      'metadata: {}',
    ].join('\n');
    const result = convertKubernetes([{ name: 'app.yaml', text }]);
    expect(result.documents.map((document) => document.metadata.id)).toEqual(['good']);
    expect(result.problems.map((problem) => formatProblem(problem, '.'))).toEqual([
      'app.yaml:9:1: error: YAML syntax: flow sequence in block collection must be sufficiently indented and end with a ]',
      'app.yaml:10:1: error: a manifest is a mapping with apiVersion, kind and metadata; found a list',
      'app.yaml:13:11: error: StatefulSet has no metadata.name: left out',
    ]);
    expect(result.summary.items).toEqual({ read: 4, skipped: 3 });
  });

  it('reads the JSON List that kubectl get -o json prints', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'shop' },
          spec: {
            template: {
              metadata: { labels: { app: 'web' } },
              spec: { containers: [{ name: 'web', env: [{ name: 'API_HOST', value: 'api.shop.svc' }] }] },
            },
          },
        },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'api', namespace: 'shop' },
          spec: { template: { metadata: { labels: { app: 'api' } }, spec: { containers: [] } } },
        },
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'api', namespace: 'shop' },
          spec: { selector: { app: 'api' } },
        },
      ],
    };
    const result = convertKubernetes([{ name: 'cluster.json', text: JSON.stringify(list, null, 2) }]);
    expect(specs(result.documents)).toEqual({
      'Component api': { type: 'container' },
      'Component web': { type: 'container', dependsOn: ['api'] },
    });
    expect(result.problems).toEqual([]);
  });

  it('leaves out a label the catalog cannot hold, and says which', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      '  labels:',
      '    app: web',
      '    Example.COM/owner: sre',
    ].join('\n');
    const result = convertKubernetes([{ name: 'web.yaml', text }]);
    expect(result.documents[0]?.metadata.labels).toEqual({
      'lifeboat.io/source': 'kubernetes',
      'lifeboat.io/external-id': 'default/Deployment/web',
      'kubernetes.io/namespace': 'default',
      app: 'web',
    });
    expect(result.problems.map((problem) => formatProblem(problem, '.'))).toEqual([
      'web.yaml:7:24: warning: label "Example.COM/owner" left out: a label key is letters, digits, ".", "_" and "-", with an optional lowercase "prefix/"',
    ]);
  });
});
