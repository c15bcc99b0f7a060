import type { ComplianceCheck } from '../types.ts';

/** C14: to be written. */
export const registerCheck: ComplianceCheck = {
  id: 'C14',
  title: 'C14',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
