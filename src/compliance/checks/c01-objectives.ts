import type { ComplianceCheck } from '../types.ts';

/** C01: to be written. */
export const objectivesCheck: ComplianceCheck = {
  id: 'C01',
  title: 'C01',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
