import type { ComplianceCheck } from '../types.ts';

/** C03: to be written. */
export const recoveryCheck: ComplianceCheck = {
  id: 'C03',
  title: 'C03',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
