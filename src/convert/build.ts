import { API_VERSION, KIND_NAMES } from '../catalog/kinds.ts';
import type { CatalogDocument } from '../catalog/kinds.ts';
import { COMPONENT_TYPES } from '../catalog/vocabulary.ts';
import { createIdAllocator } from './ids.ts';
import type { ItemField, ItemKind, ResolvedMapping } from './mapping.ts';
import { collectDependencies } from './relations.ts';
import { columnIndex } from './table.ts';
import type { Table } from './table.ts';
import type {
  ConvertFormat,
  ConvertOptions,
  ConvertProblem,
  ConvertResult,
  ConvertSummary,
} from './types.ts';
import { EXTERNAL_ID_LABEL, SOURCE_LABEL } from './types.ts';

/** A summary with nothing counted yet. */
export function emptySummary(): ConvertSummary {
  return {
    documents: {},
    items: { read: 0, skipped: 0 },
    relations: { read: 0, used: 0, skipped: 0 },
    skipped: {},
  };
}

type ComponentType = (typeof COMPONENT_TYPES)[number];

/** One item row taken in. */
export interface Item {
  key: string;
  name: string;
  kind: ItemKind;
  kindValue: string;
  typeValue: string;
  site: string;
  owner: string;
  vendor: string;
  tier: string;
  description: string;
  file: string;
  line: number;
}

/** A Site, Team or Vendor named by items but not an item itself. */
interface Derived {
  kind: 'Site' | 'Team' | 'Vendor';
  value: string;
  file: string;
  line: number;
}

/** The reference fields and the kind each names. */
const REFERENCES = [
  ['site', 'Site'],
  ['owner', 'Team'],
  ['vendor', 'Vendor'],
] as const;

const MAX_LABEL = 253;
const PROGRESS_STEP = 1000;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The tier a cell gives: the mapping's value map, else a leading digit 1 to 4. */
function tierOf(value: string, mapping: ResolvedMapping): number | undefined {
  const mapped = mapping.tiers.get(value);
  if (mapped !== undefined) return mapped;
  const digit = /^\s*([1-4])(?!\d)/.exec(value);
  return digit ? Number(digit[1]) : undefined;
}

/**
 * Turns item tables and relation tables into catalog documents: items become Services, Components, Sites,
 * Vendors or Teams by their kind column; site, owner and vendor values that are not items become Sites, Teams and
 * Vendors; relation rows become `dependsOn` entries in the direction the mapping gives their type. Every problem
 * points at its file and line; the answer does not depend on the order of rows or files, and costs time in
 * proportion to the rows (maps, no scans).
 */
export function buildDocuments(
  format: ConvertFormat,
  itemTables: readonly Table[],
  relationTables: readonly Table[],
  mapping: ResolvedMapping,
  options: ConvertOptions,
  problems: ConvertProblem[],
): ConvertResult {
  const summary = emptySummary();
  const skip = (reason: string) => {
    summary.skipped[reason] = (summary.skipped[reason] ?? 0) + 1;
  };
  const total = [...itemTables, ...relationTables].reduce((sum, table) => sum + table.rows.length, 0);
  let done = 0;
  const progressed = () => {
    done += 1;
    if (done % PROGRESS_STEP === 0 || done === total) options.onProgress?.(done, total);
  };
  const error = (file: string, line: number, message: string) =>
    problems.push({ severity: 'error', file, line, message });
  const warning = (file: string, line: number, message: string) =>
    problems.push({ severity: 'warning', file, line, message });

  // Items: one per row, keyed by the source's identifier (the id column, else the name).
  const items = new Map<string, Item>();
  const byName = new Map<string, string[]>();
  /** Keys of rows left out on purpose (excluded) or for an error: relations to them are not "unknown". */
  const leftOut = new Map<string, string>();
  for (const table of itemTables) {
    const at = (field: ItemField) => columnIndex(table.headers, mapping.itemColumns[field]);
    const columns = Object.fromEntries(
      (Object.keys(mapping.itemColumns) as ItemField[]).map((field) => [field, at(field)]),
    ) as Record<ItemField, number>;
    if (columns.name < 0 && columns.id < 0) {
      error(
        table.file,
        1,
        `no name column: expected one of ${mapping.itemColumns.name.join(', ')} (or name the column under items.columns.name in a mapping file)`,
      );
      for (const _ of table.rows) {
        summary.items.read += 1;
        summary.items.skipped += 1;
        skip('file without a name column');
        progressed();
      }
      continue;
    }
    const excluded = [...mapping.exclude].flatMap(([header, values]) => {
      const index = table.headers.indexOf(header);
      return index < 0 ? [] : [{ header, index, values }];
    });
    for (const row of table.rows) {
      progressed();
      summary.items.read += 1;
      const cell = (field: ItemField) => (columns[field] < 0 ? '' : (row.cells[columns[field]] ?? ''));
      const name = cell('name') || cell('id');
      const key = cell('id') || name;
      if (!key) {
        error(table.file, row.line, 'an item without a name or id: skipped');
        summary.items.skipped += 1;
        skip('item without a name or id');
        continue;
      }
      const exclusion = excluded.find(({ index, values }) =>
        values.has((row.cells[index] ?? '').toLowerCase()),
      );
      if (exclusion) {
        summary.items.skipped += 1;
        skip(`excluded by ${exclusion.header}`);
        leftOut.set(key, `excluded by ${exclusion.header}`);
        leftOut.set(name, `excluded by ${exclusion.header}`);
        continue;
      }
      const first = items.get(key);
      if (first) {
        error(
          table.file,
          row.line,
          `duplicate item "${key}" (first on ${first.file}:${first.line}): skipped`,
        );
        summary.items.skipped += 1;
        skip('duplicate item');
        continue;
      }
      const kindValue = cell('kind');
      items.set(key, {
        key,
        name,
        kind: (kindValue && mapping.kinds.get(kindValue)) || 'Component',
        kindValue,
        typeValue: cell('type'),
        site: cell('site'),
        owner: cell('owner'),
        vendor: cell('vendor'),
        tier: cell('tier'),
        description: cell('description'),
        file: table.file,
        line: row.line,
      });
      const named = byName.get(name);
      if (named) named.push(key);
      else byName.set(name, [key]);
    }
  }

  /** The item a reference names: by identifier, else by name when exactly one item has it. */
  const resolve = (value: string): { item?: Item; ambiguous?: string[] } => {
    const byKey = items.get(value);
    if (byKey) return { item: byKey };
    const named = byName.get(value);
    if (!named) return {};
    if (named.length > 1) return { ambiguous: named };
    return { item: items.get(named[0]!) };
  };

  // Sites, Teams and Vendors the items name without being items themselves.
  const derived = new Map<string, Derived>();
  const references = new Map<string, Partial<Record<'site' | 'owner' | 'vendor', string>>>();
  for (const item of items.values()) {
    const found: Partial<Record<'site' | 'owner' | 'vendor', string>> = {};
    for (const [field, kind] of REFERENCES) {
      const value = item[field];
      // A Service has an owner but no site or vendor; Sites, Vendors and Teams have none of them.
      if (!value || !(item.kind === 'Component' || (item.kind === 'Service' && field === 'owner'))) continue;
      const { item: target } = resolve(value);
      if (target && target.kind === kind) found[field] = `item:${target.key}`;
      else if (target && target !== item)
        warning(
          item.file,
          item.line,
          `${field} "${value}" is a ${target.kind}, not a ${kind}: left out of "${item.name}"`,
        );
      else {
        const key = `${kind}:${value}`;
        if (!derived.has(key)) derived.set(key, { kind, value, file: item.file, line: item.line });
        found[field] = key;
      }
    }
    references.set(item.key, found);
  }

  // Ids: one allocation over items and derived documents, so ids are unique across kinds.
  const allocator = createIdAllocator();
  for (const item of items.values())
    allocator.want(`item:${item.key}`, mapping.idFrom === 'id' ? item.key : item.name);
  for (const [key, entry] of derived) allocator.want(key, entry.value);
  const ids = allocator.assign();
  const idOf = (key: string): string => ids.get(key)!.id;
  for (const item of items.values()) {
    const allocated = ids.get(`item:${item.key}`)!;
    if (allocated.changed === 'made unique')
      warning(
        item.file,
        item.line,
        `"${mapping.idFrom === 'id' ? item.key : item.name}" gives an id another document has too: given "${allocated.id}"`,
      );
  }
  for (const [key, entry] of derived) {
    const allocated = ids.get(key)!;
    if (allocated.changed === 'made unique')
      warning(
        entry.file,
        entry.line,
        `${entry.kind} "${entry.value}" gives an id another document has too: given "${allocated.id}"`,
      );
  }

  // Relations: dependencies between items, in the direction their type says.
  const dependencies = collectDependencies(relationTables, mapping, {
    resolve,
    leftOut,
    idOf: (item) => idOf(`item:${item.key}`),
    summary,
    skip,
    progressed,
    error,
    warning,
  });

  // Documents.
  const documents: CatalogDocument[] = [];
  const unknownTypes = new Map<string, { file: string; line: number; count: number }>();
  const labels = (key: string) => ({
    [SOURCE_LABEL]: format,
    [EXTERNAL_ID_LABEL]: key.slice(0, MAX_LABEL),
  });
  for (const item of items.values()) {
    const id = idOf(`item:${item.key}`);
    const refs = references.get(item.key) ?? {};
    const dependsOn = [...(dependencies.get(item.key) ?? [])].sort(compareText);
    const metadata = {
      id,
      ...(item.name !== id ? { name: item.name.slice(0, 200) } : {}),
      ...(item.description ? { description: item.description.slice(0, 10_000) } : {}),
      labels: labels(item.key),
    };
    const dependencyField = dependsOn.length > 0 ? { dependsOn } : {};
    const owner = refs.owner ? { owner: idOf(refs.owner) } : {};
    switch (item.kind) {
      case 'Service': {
        let tier = item.tier ? tierOf(item.tier, mapping) : undefined;
        if (tier === undefined) {
          tier = mapping.defaultTier;
          warning(
            item.file,
            item.line,
            item.tier
              ? `tier "${item.tier}" of service "${item.name}" is not 1 to 4 or a mapped value: given tier ${tier}`
              : `service "${item.name}" has no tier: given tier ${tier} (set it in the source, or items.defaultTier)`,
          );
        }
        const type =
          mapping.serviceTypes.get(item.kindValue) ?? (/business/i.test(item.kindValue) ? 'business' : 'it');
        documents.push({
          apiVersion: API_VERSION,
          kind: 'Service',
          metadata,
          spec: { type, tier, ...owner, ...dependencyField },
        });
        break;
      }
      case 'Component': {
        const value = item.typeValue || item.kindValue;
        let type = value ? mapping.types.get(value) : undefined;
        if (!type && (COMPONENT_TYPES as readonly string[]).includes(value.toLowerCase()))
          type = value.toLowerCase() as ComponentType;
        if (!type) {
          type = 'other';
          const seen = unknownTypes.get(value);
          if (seen) seen.count += 1;
          else unknownTypes.set(value, { file: item.file, line: item.line, count: 1 });
        }
        documents.push({
          apiVersion: API_VERSION,
          kind: 'Component',
          metadata,
          spec: {
            type,
            ...(refs.site ? { site: idOf(refs.site) } : {}),
            ...owner,
            ...(refs.vendor ? { vendor: idOf(refs.vendor) } : {}),
            ...dependencyField,
          },
        });
        break;
      }
      case 'Site':
      case 'Vendor':
        documents.push({ apiVersion: API_VERSION, kind: item.kind, metadata, spec: { ...dependencyField } });
        break;
      case 'Team':
        documents.push({ apiVersion: API_VERSION, kind: 'Team', metadata, spec: {} });
        break;
    }
  }
  for (const [value, { file, line, count }] of unknownTypes)
    warning(
      file,
      line,
      value
        ? `"${value}" is no Component type and not mapped to one: ${count} item${count === 1 ? '' : 's'} given type other (map it under items.types)`
        : `${count} item${count === 1 ? ' has' : 's have'} no class or type: given type other`,
    );
  for (const [key, entry] of derived) {
    const id = idOf(key);
    documents.push({
      apiVersion: API_VERSION,
      kind: entry.kind,
      metadata: {
        id,
        ...(entry.value !== id ? { name: entry.value.slice(0, 200) } : {}),
        labels: labels(entry.value),
      },
      spec: {},
    });
  }

  documents.sort(
    (a, b) =>
      KIND_NAMES.indexOf(a.kind) - KIND_NAMES.indexOf(b.kind) || compareText(a.metadata.id, b.metadata.id),
  );
  for (const document of documents)
    summary.documents[document.kind] = (summary.documents[document.kind] ?? 0) + 1;
  const files = [...itemTables, ...relationTables].map((table) => table.file);
  return { format, documents, problems: sortProblems(problems, files), summary };
}

/** Problems in file order (`files` first, then as they come), then by line: the same input reports the same way. */
export function sortProblems(problems: ConvertProblem[], files: readonly string[] = []): ConvertProblem[] {
  const fileOrder = new Map<string, number>();
  for (const file of [...files, ...problems.map((problem) => problem.file)])
    if (!fileOrder.has(file)) fileOrder.set(file, fileOrder.size);
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        fileOrder.get(a.problem.file)! - fileOrder.get(b.problem.file)! ||
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}
