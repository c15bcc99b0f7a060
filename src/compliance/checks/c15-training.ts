import type { ComplianceCheck } from '../types.ts';

/** C15: to be written. */
export const trainingCheck: ComplianceCheck = {
  id: 'C15',
  title: 'C15',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
