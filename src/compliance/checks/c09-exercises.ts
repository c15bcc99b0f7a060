import type { ComplianceCheck } from '../types.ts';

/** C09: to be written. */
export const exercisesCheck: ComplianceCheck = {
  id: 'C09',
  title: 'C09',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
