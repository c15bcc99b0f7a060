import type { ComplianceCheck } from '../types.ts';

/** C04: to be written. */
export const dataCheck: ComplianceCheck = {
  id: 'C04',
  title: 'C04',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
