/**
 * Supplier and contract findings (docs/suppliers.md). Errors (the register could not be built as written): two
 * contracts with one reference, a subsequent contract under one that is not overarching, a contract signed by an
 * entity the Policy does not put in scope. Warnings (shortfalls to act on): a supplier of a critical or important
 * function without an exit plan tested within 12 months, a hard-to-replace supplier with no alternatives (or no
 * reason), an ultimate parent that has a parent, a contract that has ended but still lists services, an end without a termination reason or the
 * reverse, data stored with no location. Invalid LEIs and identifiers are schema errors (src/suppliers/fields.ts).
 */
import { catalogPolicy } from '../../bia/current.ts';
import { buildGraph } from '../../engine/index.ts';
import { contractEnded, criticalSuppliers, exitPlanState } from '../../suppliers/critical.ts';
import { toEngineNodes } from '../engine-input.ts';
import type { DocumentOf, Kind } from '../kinds.ts';
import type { CheckedDocument } from './document-rules.ts';
import type { Finding } from './finding.ts';

type Located<K extends Kind> = CheckedDocument & { document: DocumentOf<K> };

function ofKind<K extends Kind>(checked: readonly CheckedDocument[], kind: K): Located<K>[] {
  return checked.filter((entry): entry is Located<K> => entry.document?.kind === kind);
}

/** A few ids, then how many more. */
function some(ids: readonly string[], most = 3): string {
  const shown = ids.slice(0, most).join(', ');
  return ids.length > most ? `${shown} and ${ids.length - most} more` : shown;
}

/** The supplier errors and warnings of a catalog, judged on `today` (YYYY-MM-DD). */
export function checkSuppliers(
  checked: readonly CheckedDocument[],
  today: string,
  errors: Finding[],
  warnings: Finding[],
): void {
  const vendors = ofKind(checked, 'Vendor');
  const contracts = ofKind(checked, 'Contract');
  const at = ({ source }: CheckedDocument, path: (string | number)[]) => ({
    file: source.file,
    ...source.locate(path),
  });

  const byReference = new Map<string, Located<'Contract'>>();
  const byId = new Map(contracts.map((entry) => [entry.document.metadata.id, entry]));
  const policy = catalogPolicy(checked.map((entry) => entry.document));
  const inScope = new Set(
    [policy.organisation.lei, ...(policy.organisation.entities ?? []).map((entity) => entity.lei)].filter(
      (lei): lei is string => lei !== undefined,
    ),
  );
  for (const entry of contracts) {
    const { metadata, spec } = entry.document;
    const first = byReference.get(spec.reference);
    if (first) {
      const where = first.source.locate(['spec', 'reference']);
      errors.push({
        ...at(entry, ['spec', 'reference']),
        message: `the reference "${spec.reference}" of the contract "${metadata.id}" is already the contract "${first.document.metadata.id}"'s (${first.source.file}:${where.line}:${where.column}): a reference identifies one contract in the register`,
      });
    } else byReference.set(spec.reference, entry);
    const parent = spec.overarching === undefined ? undefined : byId.get(spec.overarching);
    if (parent && parent.document.spec.type !== 'overarching')
      errors.push({
        ...at(entry, ['spec', 'overarching']),
        message: `the contract "${metadata.id}" sits under "${parent.document.metadata.id}", which is ${parent.document.spec.type}, not overarching: name an overarching contract, or make "${parent.document.metadata.id}" one`,
      });
    if (spec.entity !== undefined && !inScope.has(spec.entity))
      errors.push({
        ...at(entry, ['spec', 'entity']),
        message:
          inScope.size === 0
            ? `the contract "${metadata.id}" is signed by ${spec.entity}, but the Policy gives no LEI of the organisation: set organisation.lei (and organisation.entities for a group)`
            : `the contract "${metadata.id}" is signed by ${spec.entity}, which is not an entity in scope: use the LEI of the Policy's organisation or of one of its entities (${some([...inScope])})`,
      });

    const ended = contractEnded(spec, today);
    if (ended && spec.services?.length)
      warnings.push({
        ...at(entry, ['spec', 'services']),
        message: `the contract "${metadata.id}" ended on ${spec.end} and still supports ${some(spec.services)}: renew it, move the services to the contract that replaced it, or remove them`,
      });
    if (spec.terminationReason !== undefined && !ended)
      warnings.push({
        ...at(entry, ['spec', 'terminationReason']),
        message: `the contract "${metadata.id}" has a termination reason (${spec.terminationReason}) but ${spec.end === undefined ? 'no end date' : `ends only on ${spec.end}`}: set end to the date it ended, or remove the reason`,
      });
    if (ended && spec.terminationReason === undefined)
      warnings.push({
        ...at(entry, ['spec', 'end']),
        message: `the contract "${metadata.id}" ended on ${spec.end} with no termination reason: set terminationReason (expired, provider-breach, provider-impediment, data-security, authority or other)`,
      });
    if (spec.data?.stored && !spec.data.storageLocations?.length)
      warnings.push({
        ...at(entry, ['spec', 'data', 'stored']),
        message: `the contract "${metadata.id}" says the supplier stores data but gives no storageLocations: list the countries where the data is at rest`,
      });
  }

  const vendorById = new Map(vendors.map((entry) => [entry.document.metadata.id, entry.document]));
  for (const entry of vendors) {
    const { metadata, spec } = entry.document;
    const grandparent = spec.parent === undefined ? undefined : vendorById.get(spec.parent)?.spec.parent;
    if (grandparent !== undefined)
      warnings.push({
        ...at(entry, ['spec', 'parent']),
        message: `the ultimate parent of "${metadata.id}" is "${spec.parent}", which has a parent of its own ("${grandparent}"): name the top of the group in parent`,
      });
    const level = spec.substitutability?.level;
    if (level !== 'highly-complex' && level !== 'not-substitutable') continue;
    if (!spec.alternatives?.length)
      warnings.push({
        ...at(entry, ['spec', 'substitutability', 'level']),
        message: `the vendor "${metadata.id}" is ${level} and lists no alternatives: record the alternatives considered in alternatives, for its exit plan`,
      });
    if (spec.substitutability?.reason === undefined)
      warnings.push({
        ...at(entry, ['spec', 'substitutability', 'level']),
        message: `the vendor "${metadata.id}" is ${level} with no reason: set substitutability.reason (no-alternative, difficult-migration or both), as the register asks`,
      });
  }

  // The suppliers of critical functions come from the graph: with errors, the references may not resolve.
  if (errors.length > 0) return;
  const services = ofKind(checked, 'Service').map((entry) => entry.document);
  if (!services.some((service) => service.spec.function?.criticalOrImportant === 'yes')) return;
  const documents = checked.flatMap(({ document }) => (document ? [document] : []));
  const suppliers = criticalSuppliers({
    graph: buildGraph(toEngineNodes(documents)),
    vendors: vendors.map((entry) => entry.document),
    services,
    contracts: contracts.map((entry) => entry.document),
    today,
  });
  for (const entry of vendors) {
    const { metadata, spec } = entry.document;
    const functions = suppliers.get(metadata.id);
    if (!functions) continue;
    const what = `supports critical or important functions (${some(functions)})`;
    const exit = exitPlanState(spec, today);
    if (exit.state === 'none')
      warnings.push({
        ...at(entry, ['metadata', 'id']),
        message: `the vendor "${metadata.id}" ${what} and has no exit plan: write one and name it in exitPlan (DORA Art. 28(8))`,
      });
    else if (exit.state === 'untested')
      warnings.push({
        ...at(entry, ['spec', 'exitPlan', 'plan']),
        message: `the exit plan of "${metadata.id}" ("${exit.plan}") has never been tested, and the vendor ${what}: test it and record exitPlan.lastTested`,
      });
    else if (exit.state === 'overdue')
      warnings.push({
        ...at(entry, ['spec', 'exitPlan', 'lastTested']),
        message: `the exit plan of "${metadata.id}" ("${exit.plan}") was last tested on ${exit.lastTested}, over 12 months ago, and the vendor ${what}: test it again and record exitPlan.lastTested`,
      });
  }
}
