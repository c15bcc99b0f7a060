import type { ComplianceCheck } from '../types.ts';

/** C08: to be written. */
export const planConsistencyCheck: ComplianceCheck = {
  id: 'C08',
  title: 'C08',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
