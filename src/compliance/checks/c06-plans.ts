import type { ComplianceCheck } from '../types.ts';

/** C06: to be written. */
export const plansCheck: ComplianceCheck = {
  id: 'C06',
  title: 'C06',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
