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
  Plan: {
    apiVersion: 'lifeboat/v1',
    kind: 'Plan',
    metadata: { id: 'plan-dc-north', name: 'Loss of the North data centre' },
    spec: {
      services: ['payments'],
      owner: 'ops',
      scenario: { description: 'The North data centre is lost', fail: ['dc-north'] },
      activation: 'Any outage of dc-north over 30 minutes; the on-call manager decides.',
      contacts: [{ id: 'ana', escalateAfter: '15m' }, { id: 'ops' }],
      phases: {
        activation: [{ id: 'call', title: 'Call the team', owner: 'ana', duration: '15m' }],
        recovery: [
          { id: 'restore-db', title: 'Restore the database', owner: 'ops', duration: '4h', after: ['call'] },
        ],
      },
    },
  },
  Incident: {
    apiVersion: 'lifeboat/v1',
    kind: 'Incident',
    metadata: { id: 'inc-2024-001', name: 'North data centre power loss' },
    spec: {
      title: 'North data centre power loss',
      started: '2024-05-01T08:00:00Z',
      resolved: '2024-05-01T14:00:00Z',
      failed: ['dc-north'],
      actions: [{ title: 'Test the generator monthly', owner: 'ana', due: '2024-07-01', status: 'open' }],
      plan: 'plan-dc-north',
    },
  },
} as const satisfies Record<Kind, unknown>;

/** The kinds in an order where each fixture's references already exist (Plan and Incident: see plans-api.test.ts). */
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
