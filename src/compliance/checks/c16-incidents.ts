import type { ComplianceCheck } from '../types.ts';

/** C16: to be written. */
export const incidentsCheck: ComplianceCheck = {
  id: 'C16',
  title: 'C16',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
