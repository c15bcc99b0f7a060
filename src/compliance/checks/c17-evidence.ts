import type { ComplianceCheck } from '../types.ts';

/** C17: to be written. */
export const evidenceCheck: ComplianceCheck = {
  id: 'C17',
  title: 'C17',
  rule: '',
  references: [],
  defaults: { tiers: [], severity: 'medium' },
  items: () => [],
};
