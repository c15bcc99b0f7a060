import { effectivePolicy } from '../../src/bia/policy.ts';
import type { EffectivePolicy } from '../../src/bia/policy.ts';
import type { CatalogDocument, DocumentOf, Kind } from '../../src/catalog/kinds.ts';

/** A catalog document of `kind`, for the reminder sources' unit tests. */
export function doc<K extends Kind>(
  kind: K,
  id: string,
  spec: DocumentOf<K>['spec'],
  metadata: Partial<DocumentOf<K>['metadata']> = {},
): CatalogDocument {
  return { apiVersion: 'lifeboat/v1', kind, metadata: { id, ...metadata }, spec } as CatalogDocument;
}

/** Ana and Bob, the team `ops` Bob leads, and the tier 1 service `payments` ops owns on the component `db`. */
export function smallCatalog(): CatalogDocument[] {
  return [
    doc('Person', 'ana', { email: 'ana@example.org', team: 'ops' }, { name: 'Ana Silva' }),
    doc('Person', 'bob', { email: 'bob@example.org', team: 'ops' }, { name: 'Bob Marsh' }),
    doc('Team', 'ops', { lead: 'bob', members: ['ana', 'bob'] }, { name: 'Operations' }),
    doc('Component', 'db', { type: 'database', owner: 'ops' }),
    doc(
      'Service',
      'payments',
      { type: 'business', tier: 1, owner: 'ops', dependsOn: ['db'] },
      { name: 'Payments' },
    ),
  ];
}

/** A plan of `payments` over the loss of `db`, owned by ops, reviewed on `lastReviewed`. */
export function plan(id: string, spec: Partial<DocumentOf<'Plan'>['spec']> = {}): CatalogDocument {
  return doc(
    'Plan',
    id,
    {
      services: ['payments'],
      owner: 'ops',
      scenario: { description: 'The database is lost', fail: ['db'] },
      activation: 'The on-call manager decides.',
      ...spec,
    },
    { name: `Plan ${id}` },
  );
}

/** The default policy (a year's review interval, the default exercise programme). */
export const POLICY: EffectivePolicy = effectivePolicy();
