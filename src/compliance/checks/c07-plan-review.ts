import type { ComplianceCheck } from '../types.ts';

/** C07: to be written. */
export const planReviewCheck: ComplianceCheck = {
  id: 'C07',
  title: 'C07',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
