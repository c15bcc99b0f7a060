import type { ComplianceCheck } from '../types.ts';

/** C12: to be written. */
export const risksCheck: ComplianceCheck = {
  id: 'C12',
  title: 'C12',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
