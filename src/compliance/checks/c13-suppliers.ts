import type { ComplianceCheck } from '../types.ts';

/** C13: to be written. */
export const suppliersCheck: ComplianceCheck = {
  id: 'C13',
  title: 'C13',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
