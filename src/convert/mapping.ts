import { z } from 'zod';
import { LineCounter, parseDocument } from 'yaml';
import { COMPONENT_TYPES } from '../catalog/vocabulary.ts';
import { createLocator } from '../catalog/yaml/positions.ts';
import type { ConvertProblem } from './types.ts';

/** Where the mapping file's JSON Schema is published, relative to the repository's root. */
export const MAPPING_SCHEMA_PATH = 'docs/convert-mapping.schema.json';

/** How a relation row becomes a dependency: `forward` (from depends on to), `reverse` (to depends on from), `ignore`. */
export const RELATION_DIRECTIONS = ['forward', 'reverse', 'ignore'] as const;
export type RelationDirection = (typeof RELATION_DIRECTIONS)[number];

/** The kinds an item row may become. */
export const ITEM_KINDS = ['Service', 'Component', 'Site', 'Vendor', 'Team'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

const column = z.string().trim().min(1).max(200);
const columnList = z.union([column, z.array(column).min(1)]);
const fileList = z.array(z.string().trim().min(1)).min(1);
/** A value map: a source value (case-insensitive; a trailing `*` matches any ending) to what it becomes. */
const valueMap = <T extends z.ZodType>(target: T) => z.record(z.string().min(1), target);

/** The mapping file of `lifeboat convert --from csv|servicenow --mapping <file>`: every field optional. */
export const mappingSchema = z
  .strictObject({
    items: z
      .strictObject({
        files: fileList.optional().meta({
          description:
            'Names of the item files (the file name, or the end of its path); by default every file that is not a relations file.',
        }),
        columns: z
          .strictObject({
            id: columnList.optional().meta({
              description:
                "The item's own identifier in the source (relations may name items by it); default: id, sys_id.",
            }),
            name: columnList.optional().meta({ description: 'Display name; default: name.' }),
            kind: columnList.optional().meta({
              description:
                'What the item is (a CMDB class); default: kind, class, sys_class_name, ci_class, category.',
            }),
            type: columnList.optional().meta({
              description: "A Component's type, when a column holds it apart from the class; default: type.",
            }),
            site: columnList.optional().meta({ description: 'default: site, location.' }),
            owner: columnList.optional().meta({
              description: 'default: owner, team, support_group, owned_by, managed_by_group.',
            }),
            vendor: columnList.optional().meta({ description: 'default: vendor, supplier, manufacturer.' }),
            tier: columnList.optional().meta({
              description:
                "A Service's tier; default: tier, criticality, busines_criticality, business_criticality.",
            }),
            description: columnList
              .optional()
              .meta({ description: 'default: description, short_description.' }),
          })
          .optional()
          .meta({
            description:
              'Which column holds what; each a header name or a list of them (the first present wins).',
          }),
        idFrom: z.enum(['name', 'id']).optional().meta({
          description:
            'What the Lifeboat id is made from: the name (the default: readable ids) or the id column (stable when names change).',
        }),
        kinds: valueMap(z.enum(ITEM_KINDS)).optional().meta({
          description:
            'Kind column values to the kind they become (Service, Component, Site, Vendor, Team); anything else is a Component.',
        }),
        types: valueMap(z.enum(COMPONENT_TYPES)).optional().meta({
          description:
            'Type (or, without a type column, kind) values to a Component type; an unknown value becomes `other` with a warning.',
        }),
        serviceTypes: valueMap(z.enum(['business', 'it']))
          .optional()
          .meta({
            description:
              'Kind values of Services to business or it; default: business when the value says "business", else it.',
          }),
        tiers: valueMap(z.int().min(1).max(4)).optional().meta({
          description:
            'Tier column values to a tier; default: a leading digit 1 to 4, or critical 1, high 2, medium 3, low 4.',
        }),
        defaultTier: z.int().min(1).max(4).optional().meta({
          description: 'The tier of a Service without one (a warning says so); default 3.',
        }),
        exclude: z.record(column, z.array(z.string())).optional().meta({
          description:
            'Rows to leave out: column -> values (case-insensitive), e.g. operational_status: [Retired].',
        }),
      })
      .optional(),
    relations: z
      .strictObject({
        files: fileList.optional().meta({
          description:
            'Names of the relations files; by default a file whose headers include from/to, source/target or parent/child.',
        }),
        columns: z
          .strictObject({
            from: columnList.optional().meta({ description: 'default: from, source, parent.' }),
            to: columnList.optional().meta({ description: 'default: to, target, child.' }),
            type: columnList.optional().meta({ description: 'default: type, relation, relation_type.' }),
          })
          .optional(),
        types: valueMap(z.enum(RELATION_DIRECTIONS)).optional().meta({
          description:
            'Relation types to a direction: forward (from depends on to), reverse (to depends on from) or ignore.',
        }),
        otherTypes: z
          .enum([...RELATION_DIRECTIONS, 'report'])
          .optional()
          .meta({
            description:
              'What a type not listed in `types` does: report (skipped with a warning; the default when `types` is given) or a direction (forward when `types` is not given).',
          }),
      })
      .optional(),
  })
  .meta({
    title: 'Lifeboat convert mapping',
    description:
      'How `lifeboat convert --from csv|servicenow` reads CSV item and relation files. Generated by `npm run schema`; do not edit by hand.',
  });

/** A mapping file's content, as written. */
export type Mapping = z.infer<typeof mappingSchema>;

/** The columns an item file may name. */
export type ItemField = keyof NonNullable<NonNullable<Mapping['items']>['columns']>;
/** The columns a relations file may name. */
export type RelationField = 'from' | 'to' | 'type';

/** A mapping with every default filled in, as a conversion uses it. */
export interface ResolvedMapping {
  itemFiles?: readonly string[];
  relationFiles?: readonly string[];
  itemColumns: Record<ItemField, readonly string[]>;
  relationColumns: Record<RelationField, readonly string[]>;
  idFrom: 'name' | 'id';
  kinds: ValueMap<ItemKind>;
  types: ValueMap<(typeof COMPONENT_TYPES)[number]>;
  serviceTypes: ValueMap<'business' | 'it'>;
  tiers: ValueMap<number>;
  defaultTier: number;
  exclude: ReadonlyMap<string, ReadonlySet<string>>;
  relationTypes: ValueMap<RelationDirection>;
  otherTypes: RelationDirection | 'report';
}

/** Looks a value up case-insensitively: exact keys first, then `prefix*` keys, the longest prefix winning. */
export interface ValueMap<T> {
  get(value: string): T | undefined;
}

/** A value map over `entries` (lowercased keys; a trailing `*` matches any ending). */
export function createValueMap<T>(...sources: (Record<string, T> | undefined)[]): ValueMap<T> {
  const exact = new Map<string, T>();
  const prefixes: [string, T][] = [];
  // Later sources (the mapping file) override earlier ones (the defaults).
  const merged = new Map<string, T>();
  for (const source of sources)
    for (const [key, value] of Object.entries(source ?? {})) merged.set(key.trim().toLowerCase(), value);
  for (const [key, value] of merged) {
    if (key.endsWith('*')) prefixes.push([key.slice(0, -1), value]);
    else exact.set(key, value);
  }
  prefixes.sort((a, b) => b[0].length - a[0].length);
  const cache = new Map<string, T | undefined>();
  return {
    get(value: string): T | undefined {
      const key = value.trim().toLowerCase();
      if (exact.has(key)) return exact.get(key);
      if (cache.has(key)) return cache.get(key);
      const found = prefixes.find(([prefix]) => key.startsWith(prefix))?.[1];
      cache.set(key, found);
      return found;
    },
  };
}

/** The defaults a format brings, overridden field by field by the mapping file. */
export interface MappingDefaults {
  itemColumns: Record<ItemField, readonly string[]>;
  relationColumns: Record<RelationField, readonly string[]>;
  kinds: Record<string, ItemKind>;
  types: Record<string, (typeof COMPONENT_TYPES)[number]>;
  serviceTypes?: Record<string, 'business' | 'it'>;
  relationTypes?: Record<string, RelationDirection>;
  exclude?: Record<string, string[]>;
}

const asList = (value: string | string[] | undefined): readonly string[] | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? [value] : value;

/** The mapping a conversion uses: the file's settings over the format's defaults. */
export function resolveMapping(mapping: Mapping, defaults: MappingDefaults): ResolvedMapping {
  const items = mapping.items ?? {};
  const relations = mapping.relations ?? {};
  const itemColumns = { ...defaults.itemColumns };
  for (const [field, value] of Object.entries(items.columns ?? {}))
    itemColumns[field as ItemField] = asList(value) ?? itemColumns[field as ItemField];
  const relationColumns = { ...defaults.relationColumns };
  for (const [field, value] of Object.entries(relations.columns ?? {}))
    relationColumns[field as RelationField] = asList(value) ?? relationColumns[field as RelationField];
  const relationTypes = { ...defaults.relationTypes, ...relations.types };
  const typed = Object.keys(relationTypes).length > 0;
  const exclude = new Map<string, Set<string>>();
  for (const [name, values] of Object.entries({ ...defaults.exclude, ...items.exclude }))
    exclude.set(name.trim().toLowerCase(), new Set(values.map((value) => value.trim().toLowerCase())));
  return {
    itemFiles: items.files,
    relationFiles: relations.files,
    itemColumns,
    relationColumns,
    idFrom: items.idFrom ?? 'name',
    kinds: createValueMap(defaults.kinds, items.kinds),
    types: createValueMap(defaults.types, items.types),
    serviceTypes: createValueMap(defaults.serviceTypes, items.serviceTypes),
    tiers: createValueMap(DEFAULT_TIERS, items.tiers),
    defaultTier: items.defaultTier ?? 3,
    exclude,
    relationTypes: createValueMap(relationTypes),
    otherTypes: relations.otherTypes ?? (typed ? 'report' : 'forward'),
  };
}

/** Tier words CMDBs commonly use. */
const DEFAULT_TIERS: Record<string, number> = {
  critical: 1,
  'mission critical': 1,
  'most critical': 1,
  high: 2,
  'somewhat critical': 2,
  medium: 3,
  moderate: 3,
  'less critical': 3,
  low: 4,
  'not critical': 4,
};

/** Reads a mapping file: its content, or the problems (with line and column) that stop it being used. */
export function parseMapping(name: string, text: string): { mapping?: Mapping; problems: ConvertProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0)
    return {
      problems: document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return {
          severity: 'error',
          file: name,
          line,
          column: col,
          message: error.message.split('\n')[0] ?? '',
        };
      }),
    };
  const parsed = mappingSchema.safeParse(document.toJS() ?? {});
  if (parsed.success) return { mapping: parsed.data, problems: [] };
  const locate = createLocator(document.contents, lineCounter, 0);
  return {
    problems: parsed.error.issues.map((issue) => {
      const unknownKeys = issue.code === 'unrecognized_keys';
      const path = unknownKeys ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
      const { line, column } = locate(path, { key: unknownKeys });
      const where = path.length > 0 ? `${path.join('.')}: ` : '';
      return { severity: 'error', file: name, line, column, message: `${where}${issue.message}` };
    }),
  };
}

/** The mapping file's JSON Schema, for editor completion (`yaml-language-server`). */
export function mappingJsonSchemaText(): string {
  const generated = z.toJSONSchema(mappingSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify(generated, null, 2)}\n`;
}
