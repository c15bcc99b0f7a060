import type { Item } from './build.ts';
import type { RelationField, ResolvedMapping } from './mapping.ts';
import { columnIndex } from './table.ts';
import type { Table } from './table.ts';
import type { ConvertSummary } from './types.ts';

const FAILURE_KINDS: ReadonlySet<Item['kind']> = new Set(['Service', 'Component', 'Site', 'Vendor']);

/** What reading relations needs from the items read before them, and where it reports. */
export interface RelationContext {
  /** The item a relation end names: by identifier, else by a name exactly one item has. */
  resolve: (value: string) => { item?: Item; ambiguous?: string[] };
  /** Identifiers and names of items left out, and why: relations to them are skipped without an error. */
  leftOut: ReadonlyMap<string, string>;
  idOf: (item: Item) => string;
  summary: ConvertSummary;
  skip: (reason: string) => void;
  progressed: () => void;
  error: (file: string, line: number, message: string) => void;
  warning: (file: string, line: number, message: string) => void;
}

/**
 * Reads relation rows into dependencies: item key -> the ids it depends on. Each row's type gives its direction
 * (forward: from depends on to; reverse: to depends on from) or has it ignored; a type the mapping does not know
 * is skipped with one warning per type. An end that names no item is an error at its line.
 */
export function collectDependencies(
  relationTables: readonly Table[],
  mapping: ResolvedMapping,
  context: RelationContext,
): Map<string, Set<string>> {
  const { resolve, leftOut, idOf, summary, skip, progressed, error, warning } = context;
  const dependencies = new Map<string, Set<string>>();
  const unmapped = new Map<string, { file: string; line: number; count: number }>();
  for (const table of relationTables) {
    const columns = Object.fromEntries(
      (['from', 'to', 'type'] as RelationField[]).map((field) => [
        field,
        columnIndex(table.headers, mapping.relationColumns[field]),
      ]),
    ) as Record<RelationField, number>;
    const missing = (['from', 'to'] as const).filter((field) => columns[field] < 0);
    if (missing.length > 0) {
      for (const field of missing)
        error(
          table.file,
          1,
          `no ${field} column in a relations file: expected one of ${mapping.relationColumns[field].join(', ')}`,
        );
      for (const _ of table.rows) {
        summary.relations.read += 1;
        summary.relations.skipped += 1;
        skip('file without from and to columns');
        progressed();
      }
      continue;
    }
    for (const row of table.rows) {
      progressed();
      summary.relations.read += 1;
      const skipRelation = (reason: string) => {
        summary.relations.skipped += 1;
        skip(reason);
      };
      const cell = (field: RelationField) => (columns[field] < 0 ? '' : (row.cells[columns[field]] ?? ''));
      const type = cell('type');
      const direction = type ? (mapping.relationTypes.get(type) ?? mapping.otherTypes) : 'forward';
      if (direction === 'ignore') {
        skipRelation('relation type ignored');
        continue;
      }
      if (direction === 'report') {
        const seen = unmapped.get(type);
        if (seen) seen.count += 1;
        else unmapped.set(type, { file: table.file, line: row.line, count: 1 });
        skipRelation('relation type not mapped');
        continue;
      }
      const ends: Item[] = [];
      for (const field of ['from', 'to'] as const) {
        const value = cell(field);
        const header = table.headers[columns[field]];
        const { item, ambiguous } = value ? resolve(value) : {};
        if (item) {
          ends.push(item);
          continue;
        }
        if (!value) {
          error(table.file, row.line, `empty ${header}: relation skipped`);
          skipRelation('relation with an empty end');
        } else if (ambiguous) {
          error(
            table.file,
            row.line,
            `${header} "${value}" names ${ambiguous.length} items (${ambiguous.slice(0, 3).join(', ')}): give its id instead`,
          );
          skipRelation('ambiguous relation target');
        } else if (leftOut.has(value)) {
          skipRelation(`relation to an item ${leftOut.get(value)}`);
        } else {
          error(
            table.file,
            row.line,
            `unknown relation target: ${header} "${value}" is no item's id or name`,
          );
          skipRelation('unknown relation target');
        }
        break;
      }
      if (ends.length < 2) continue;
      const [dependent, dependency] = direction === 'forward' ? [ends[0]!, ends[1]!] : [ends[1]!, ends[0]!];
      if (dependent === dependency) {
        skipRelation('relation of an item to itself');
        continue;
      }
      if (!FAILURE_KINDS.has(dependent.kind) || !FAILURE_KINDS.has(dependency.kind)) {
        skipRelation('relation with a Team');
        continue;
      }
      const dependencyId = idOf(dependency);
      const set = dependencies.get(dependent.key);
      if (set) set.add(dependencyId);
      else dependencies.set(dependent.key, new Set([dependencyId]));
      summary.relations.used += 1;
    }
  }
  for (const [type, { file, line, count }] of unmapped)
    warning(
      file,
      line,
      `relation type "${type}" is not mapped: its ${count} relation${count === 1 ? ' is' : 's are'} skipped (map it under relations.types: forward, reverse or ignore)`,
    );

  return dependencies;
}
