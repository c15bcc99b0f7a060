import type { Kind } from '../../src/catalog/kinds.ts';
import { KINDS } from '../../src/catalog/kinds.ts';

/** A small, valid catalog: each document only references the ones before it. */
export const FIXTURES = {
  Team: {
    apiVersion: 'lifeboat/v1',
    kind: 'Team',
    metadata: { id: 'ops', name: 'Operations', labels: { area: 'it' } },
    spec: { onCall: '+44 20 7946 0001' },
  },
  Person: {
    apiVersion: 'lifeboat/v1',
    kind: 'Person',
    metadata: { id: 'ana', name: 'Ana Silva' },
    spec: { email: 'ana@example.org', phone: '+44 20 7946 0002', role: 'Service owner', team: 'ops' },
  },
  Site: {
    apiVersion: 'lifeboat/v1',
    kind: 'Site',
    metadata: { id: 'dc-north', name: 'North data centre', description: 'Primary site' },
    spec: { type: 'data-centre', location: 'Leeds', recovery: '1d' },
  },
  Vendor: {
    apiVersion: 'lifeboat/v1',
    kind: 'Vendor',
    metadata: { id: 'telco', name: 'Telco Ltd' },
    spec: { contact: 'NOC', phone: '+44 20 7946 0003' },
  },
  Component: {
    apiVersion: 'lifeboat/v1',
    kind: 'Component',
    metadata: { id: 'db-primary', name: 'Core database', labels: { env: 'prod' } },
    spec: {
      type: 'database',
      site: 'dc-north',
      owner: 'ops',
      vendor: 'telco',
      recovery: '4h',
      restart: '30m',
    },
  },
  Service: {
    apiVersion: 'lifeboat/v1',
    kind: 'Service',
    metadata: { id: 'payments', name: 'Payments' },
    spec: {
      type: 'business',
      tier: 1,
      owner: 'ana',
      rto: '4h',
      rpo: '15m',
      mtpd: '1d',
      dependsOn: ['db-primary', { anyOf: ['telco'] }],
    },
  },
} as const satisfies Record<Kind, unknown>;

/** The kinds in an order where each fixture's references already exist. */
export const FIXTURE_ORDER: Kind[] = ['Team', 'Person', 'Site', 'Vendor', 'Component', 'Service'];

/** `/api/v1/services` for `Service`. */
export function collection(kind: Kind): string {
  return `/api/v1/${KINDS[kind].plural}`;
}

/** A deep copy of a fixture, to change freely. */
export function fixture(kind: Kind): {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
} {
  return structuredClone(FIXTURES[kind]);
}
