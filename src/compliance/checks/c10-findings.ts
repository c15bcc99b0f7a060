import type { ComplianceCheck } from '../types.ts';

/** C10: to be written. */
export const findingsCheck: ComplianceCheck = {
  id: 'C10',
  title: 'C10',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
