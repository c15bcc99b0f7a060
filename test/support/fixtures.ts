import type { DeclarationOf, Kind } from '../../src/catalog/kinds.ts';
import { API_VERSION, KIND_NAMES, KINDS } from '../../src/catalog/kinds.ts';
import { referencesOf } from '../../src/catalog/references.ts';

/** A kind's example document, as its registry entry gives it. */
export type Fixture<K extends Kind> = {
  apiVersion: typeof API_VERSION;
  kind: K;
  metadata: DeclarationOf<K>['example']['metadata'];
  spec: DeclarationOf<K>['example']['spec'];
};

/** A small, valid catalog: each kind's example from the registry (they refer to one another). */
export const FIXTURES = Object.fromEntries(
  KIND_NAMES.map((kind) => [kind, { apiVersion: API_VERSION, kind, ...KINDS[kind].example }]),
) as { [K in Kind]: Fixture<K> };

/**
 * The kinds in an order where each fixture's references already exist: a kind comes after the kinds its example
 * refers to. Kinds with a page of their own (Plan, Incident) are left out: their tests create them; so are kinds
 * whose example refers to a left-out one (a Training names a Plan).
 */
export const FIXTURE_ORDER: Kind[] = (() => {
  const order: Kind[] = [];
  const kindOfId = new Map(KIND_NAMES.map((kind) => [KINDS[kind].example.metadata.id, kind]));
  const visit = (kind: Kind, path: Kind[]) => {
    if (order.includes(kind) || path.includes(kind)) return;
    const example = FIXTURES[kind] as { kind: Kind; spec: Record<string, unknown> };
    for (const reference of referencesOf(example)) {
      const target = kindOfId.get(reference.id);
      if (target) visit(target, [...path, kind]);
    }
    order.push(kind);
  };
  for (const kind of KIND_NAMES) visit(kind, []);
  const left = new Set<Kind>();
  return order.filter((kind) => {
    const refersToLeft = referencesOf(FIXTURES[kind]).some((reference) =>
      left.has(kindOfId.get(reference.id)!),
    );
    if (KINDS[kind].page || refersToLeft) left.add(kind);
    return !left.has(kind);
  });
})();

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
