import { buildDocuments, emptySummary, sortProblems } from './build.ts';
import { parseMapping, resolveMapping } from './mapping.ts';
import type { Mapping, MappingDefaults, ResolvedMapping } from './mapping.ts';
import { columnIndex, readTable } from './table.ts';
import type { Table } from './table.ts';
import type { ConvertFormat, ConvertInput, ConvertOptions, ConvertProblem, ConvertResult } from './types.ts';

/** Column names a file with obvious headers uses (iTop, GLPI and most CMDB exports, lowercased). */
export const CSV_DEFAULTS: MappingDefaults = {
  itemColumns: {
    id: ['id', 'sys_id', 'ci_id', 'key', 'identifier'],
    name: ['name', 'friendlyname', 'display_name', 'hostname'],
    kind: ['kind', 'class', 'finalclass', 'sys_class_name', 'ci_class', 'category', 'itemtype'],
    type: ['type', 'component_type'],
    site: ['site', 'location', 'location_name', 'location_id_friendlyname', 'datacenter', 'data_centre'],
    owner: ['owner', 'team', 'owner_team', 'support_group', 'group', 'owned_by'],
    vendor: ['vendor', 'supplier', 'manufacturer', 'brand', 'brand_id_friendlyname'],
    tier: ['tier', 'criticality', 'business_criticality', 'busines_criticality', 'business_criticity'],
    description: ['description', 'short_description', 'comment', 'comments'],
  },
  relationColumns: {
    from: ['from', 'source', 'parent', 'from_id', 'source_id', 'parent_id'],
    to: ['to', 'target', 'child', 'to_id', 'target_id', 'child_id'],
    type: ['type', 'relation', 'relation_type', 'relationship', 'relationship_type'],
  },
  kinds: {
    service: 'Service',
    'business service': 'Service',
    business_service: 'Service',
    businessservice: 'Service',
    'it service': 'Service',
    'technical service': 'Service',
    'application service': 'Service',
    site: 'Site',
    location: 'Site',
    'data centre': 'Site',
    datacenter: 'Site',
    'data center': 'Site',
    vendor: 'Vendor',
    supplier: 'Vendor',
    team: 'Team',
    group: 'Team',
  },
  types: {
    'server*': 'server',
    'physical server': 'server',
    'linux server': 'server',
    'windows server': 'server',
    host: 'server',
    'hypervisor*': 'server',
    'vm*': 'vm',
    'virtual machine*': 'vm',
    virtualmachine: 'vm',
    'container*': 'container',
    pod: 'container',
    'database*': 'database',
    'db*': 'database',
    'storage*': 'storage',
    san: 'storage',
    nas: 'storage',
    'network*': 'network',
    'switch*': 'network',
    'router*': 'network',
    'firewall*': 'network',
    'load balancer*': 'network',
    'application*': 'application',
    app: 'application',
    'web application*': 'application',
    webapplication: 'application',
    'web server*': 'application',
    webserver: 'application',
    'middleware*': 'application',
    'cloud*': 'cloud',
    saas: 'saas',
    'power*': 'power',
    ups: 'power',
    pdu: 'power',
    facility: 'facility',
    rack: 'facility',
  },
  relationTypes: {
    'depends on': 'forward',
    depends_on: 'forward',
    dependson: 'forward',
    'depends on::used by': 'forward',
    requires: 'forward',
    uses: 'forward',
    'runs on': 'forward',
    'hosted on': 'forward',
    'used by': 'reverse',
    'required by': 'reverse',
    runs: 'reverse',
    hosts: 'reverse',
    contains: 'reverse',
  },
};

/** Which of `tables` hold relations: those the mapping names, else those with from/to-like headers. */
function isRelationsTable(table: Table, mapping: ResolvedMapping): boolean {
  const named = (files: readonly string[] | undefined) =>
    files?.some((file) => table.file === file || table.file.endsWith(`/${file}`)) ?? false;
  if (mapping.relationFiles) return named(mapping.relationFiles);
  if (mapping.itemFiles) return !named(mapping.itemFiles);
  return (
    columnIndex(table.headers, mapping.relationColumns.from) >= 0 &&
    columnIndex(table.headers, mapping.relationColumns.to) >= 0 &&
    columnIndex(table.headers, mapping.itemColumns.name) < 0
  );
}

/**
 * Reads CSV inputs with a format's defaults and an optional mapping file: the mapping problems, if any, stop the
 * conversion (nothing is converted with a mapping that does not say what its author meant).
 */
export function convertCsvTables(
  format: ConvertFormat,
  inputs: readonly ConvertInput[],
  options: ConvertOptions,
  defaults: MappingDefaults,
): ConvertResult {
  const problems: ConvertProblem[] = [];
  let mapping: Mapping = {};
  if (options.mapping) {
    const parsed = parseMapping(options.mapping.name, options.mapping.text);
    if (!parsed.mapping) return { format, documents: [], problems: parsed.problems, summary: emptySummary() };
    mapping = parsed.mapping;
  }
  const resolved = resolveMapping(mapping, defaults);
  const items: Table[] = [];
  const relations: Table[] = [];
  for (const input of inputs) {
    const { table, problem } = readTable(input);
    if (problem) problems.push(problem);
    if (table) (isRelationsTable(table, resolved) ? relations : items).push(table);
  }
  const result = buildDocuments(format, items, relations, resolved, options, problems);
  return { ...result, problems: sortProblems(result.problems, [...inputs.map((input) => input.name)]) };
}

/** Converts CSV item and relation files (iTop, GLPI, any CMDB export) into catalog documents. */
export function convertCsv(inputs: ConvertInput[], options: ConvertOptions): ConvertResult {
  return convertCsvTables('csv', inputs, options, CSV_DEFAULTS);
}
