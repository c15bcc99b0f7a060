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

/** The compliance checks' ids (src/compliance/checks), in the order the docs and the page list them. */
export const CHECK_IDS = [
  'C01',
  'C02',
  'C03',
  'C04',
  'C05',
  'C06',
  'C07',
  'C08',
  'C09',
  'C10',
  'C11',
  'C12',
  'C13',
  'C14',
  'C15',
  'C16',
  'C17',
] as const;

/** How much a failing compliance check matters. */
export const SEVERITIES = ['high', 'medium', 'low'] as const;

/** The frameworks the compliance checks evidence (src/compliance/frameworks.ts), in the order the page lists them. */
export const FRAMEWORK_IDS = ['iso22301', 'nist-800-34', 'dora', 'nis2'] as const;
