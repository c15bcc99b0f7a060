import type { ComplianceCheck } from '../types.ts';

/** C02: to be written. */
export const biaCheck: ComplianceCheck = {
  id: 'C02',
  title: 'C02',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
