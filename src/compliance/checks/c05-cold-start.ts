import type { ComplianceCheck } from '../types.ts';

/** C05: to be written. */
export const coldStartCheck: ComplianceCheck = {
  id: 'C05',
  title: 'C05',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
