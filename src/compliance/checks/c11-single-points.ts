import type { ComplianceCheck } from '../types.ts';

/** C11: to be written. */
export const singlePointsCheck: ComplianceCheck = {
  id: 'C11',
  title: 'C11',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
