import { describe, expect, it } from 'vitest';
import { hasGap, planCoverage } from './plan-coverage';
import type { CoveragePlan } from './plan-coverage';

const plan = (id: string, services: string[], status?: 'draft' | 'approved' | 'retired'): CoveragePlan => ({
  metadata: { id },
  spec: { services, ...(status && { status }) },
});

describe('planCoverage', () => {
  const services = ['core-banking', 'crm', 'intranet', 'payments'];
  const plans = [
    plan('plan-leeds', ['core-banking', 'payments'], 'approved'),
    plan('plan-ransomware', ['core-banking', 'crm']),
    plan('plan-old', ['intranet'], 'retired'),
    plan('plan-elsewhere', ['not-a-service'], 'approved'),
  ];

  it('counts a service as approved only when an approved plan lists it, whatever its other plans are', () => {
    const coverage = planCoverage(services, plans, new Set());
    expect(services.filter((id) => coverage.get(id)?.approved)).toEqual(['core-banking', 'payments']);
  });

  it('counts a plan reviewed on time unless it is due or retired, draft or not', () => {
    const coverage = planCoverage(services, plans, new Set(['plan-leeds']));
    expect(services.filter((id) => coverage.get(id)?.reviewedOnTime)).toEqual(['core-banking', 'crm']);
    // The approved Leeds plan is due, so payments has an approved plan but none reviewed on time.
    const payments = coverage.get('payments');
    expect(payments && hasGap(payments, 'approved')).toBe(false);
    expect(payments && hasGap(payments, 'reviewed')).toBe(true);
  });

  it('keeps each service its plans once, even when a plan lists it twice, and ignores unknown services', () => {
    const coverage = planCoverage(['crm'], [plan('p', ['crm', 'crm', 'ghost'])], new Set());
    expect(coverage.get('crm')?.plans.map((p) => p.metadata.id)).toEqual(['p']);
    expect([...coverage.keys()]).toEqual(['crm']);
  });

  it('gives a service no plan lists both gaps', () => {
    const entry = planCoverage(['intranet'], [], new Set()).get('intranet');
    expect(entry && hasGap(entry, 'approved') && hasGap(entry, 'reviewed')).toBe(true);
  });
});
