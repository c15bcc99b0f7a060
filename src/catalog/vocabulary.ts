/**
 * The fixed word lists of the catalog, with no dependencies, so the web application can use them without
 * bundling the schema library.
 */

/** The types of component. */
export const COMPONENT_TYPES = [
  'server',
  'vm',
  'container',
  'database',
  'storage',
  'network',
  'application',
  'cloud',
  'saas',
  'power',
  'facility',
  'other',
] as const;

/** The types of site. */
export const SITE_TYPES = ['data-centre', 'cloud-region', 'colocation', 'office', 'other'] as const;

/** The component types that hold data: their loss in a failure depends on their copies (`data`). */
export const DATA_COMPONENT_TYPES: readonly string[] = ['database', 'storage'];
