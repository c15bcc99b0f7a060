import { describe, expect, it } from 'vitest';
import type { DocumentOf } from '../catalog/kinds.ts';
import { campaignProgress, campaignServices, requestedAssessments } from './campaign-progress.ts';

function service(
  id: string,
  tier: number,
  owner?: string,
  labels?: Record<string, string>,
): DocumentOf<'Service'> {
  return {
    apiVersion: 'lifeboat/v1',
    kind: 'Service',
    metadata: { id, ...(labels && { labels }) },
    spec: { type: 'business', tier, ...(owner !== undefined && { owner }) },
  };
}

function assessment(
  id: string,
  of: string,
  assessedOn: string,
  status: 'draft' | 'submitted' | 'approved',
): DocumentOf<'ImpactAssessment'> {
  return {
    apiVersion: 'lifeboat/v1',
    kind: 'ImpactAssessment',
    metadata: { id },
    spec: { service: of, assessedBy: 'ana', assessedOn, impacts: {}, status },
  };
}

function campaign(
  services: DocumentOf<'Campaign'>['spec']['services'],
  opens = '2026-01-12',
  due = '2026-03-31',
  id = 'round',
): DocumentOf<'Campaign'> {
  return {
    apiVersion: 'lifeboat/v1',
    kind: 'Campaign',
    metadata: { id },
    spec: { title: id, services, opens, due },
  };
}

const SERVICES = [
  service('payments', 1, 'ops', { region: 'eu' }),
  service('ledger', 1, 'finance', { region: 'us' }),
  service('intranet', 3, 'olive', { region: 'eu' }),
  service('crm', 2),
];

describe('campaignServices', () => {
  it('takes listed ids in their order, without repeats or unknown ids', () => {
    const ids = campaignServices(campaign(['ledger', 'payments', 'ledger', 'gone']), SERVICES).map(
      (s) => s.metadata.id,
    );
    expect(ids).toEqual(['ledger', 'payments']);
  });

  it('selects by tier and by every label, in id order', () => {
    const pick = (selector: DocumentOf<'Campaign'>['spec']['services']) =>
      campaignServices(campaign(selector), SERVICES).map((s) => s.metadata.id);
    expect(pick({ tiers: [1, 2] })).toEqual(['crm', 'ledger', 'payments']);
    expect(pick({ labels: { region: 'eu' } })).toEqual(['intranet', 'payments']);
    expect(pick({ tiers: [1], labels: { region: 'eu' } })).toEqual(['payments']);
    expect(pick({})).toEqual(['crm', 'intranet', 'ledger', 'payments']);
  });
});

describe('campaignProgress', () => {
  it('gives each service the state of its assessment dated on or after the opening, and counts them', () => {
    const progress = campaignProgress(campaign({ tiers: [1, 2] }), SERVICES, [
      assessment('bia-payments', 'payments', '2026-02-01', 'submitted'),
      // Before the round opened: last year's, which does not answer this round.
      assessment('bia-ledger-2025', 'ledger', '2025-03-01', 'approved'),
      // On the opening day, and after the due date: both count.
      assessment('bia-crm', 'crm', '2026-01-12', 'draft'),
    ]);
    expect(progress).toEqual({
      campaign: 'round',
      services: [
        { id: 'crm', name: 'crm', tier: 2, owner: null, state: 'draft', assessment: 'bia-crm' },
        { id: 'ledger', name: 'ledger', tier: 1, owner: 'finance', state: 'not-started', assessment: null },
        {
          id: 'payments',
          name: 'payments',
          tier: 1,
          owner: 'ops',
          state: 'submitted',
          assessment: 'bia-payments',
        },
      ],
      counts: { 'not-started': 1, draft: 1, submitted: 1, approved: 0 },
    });
    const late = campaignProgress(campaign(['ledger']), SERVICES, [
      assessment('bia-ledger', 'ledger', '2026-05-01', 'approved'),
    ]);
    expect(late.services[0]).toMatchObject({ state: 'approved', assessment: 'bia-ledger' });
  });

  it('counts the most advanced of several assessments of a service, then the latest', () => {
    const progress = campaignProgress(campaign(['payments']), SERVICES, [
      assessment('bia-b', 'payments', '2026-03-01', 'draft'),
      assessment('bia-a', 'payments', '2026-02-01', 'approved'),
      assessment('bia-c', 'payments', '2026-02-15', 'approved'),
    ]);
    expect(progress.services[0]).toMatchObject({ state: 'approved', assessment: 'bia-c' });
    expect(progress.counts).toEqual({ 'not-started': 0, draft: 0, submitted: 0, approved: 1 });
  });
});

describe('requestedAssessments', () => {
  const rounds = [campaign({ tiers: [1, 3] }, '2026-01-12', '2026-03-31', 'spring')];
  const withProgress = (assessments: DocumentOf<'ImpactAssessment'>[], list = rounds) =>
    list.map((round) => ({ campaign: round, progress: campaignProgress(round, SERVICES, assessments) }));

  it("lists a person's services (their own and their teams') not yet approved in open campaigns", () => {
    const owners = new Set(['olive', 'ops']);
    expect(requestedAssessments(withProgress([]), owners, '2026-02-01')).toEqual([
      { campaign: 'spring', service: 'intranet', state: 'not-started', due: '2026-03-31', assessment: null },
      { campaign: 'spring', service: 'payments', state: 'not-started', due: '2026-03-31', assessment: null },
    ]);
    const some = withProgress([
      assessment('bia-payments', 'payments', '2026-02-01', 'approved'),
      assessment('bia-intranet', 'intranet', '2026-02-01', 'submitted'),
    ]);
    expect(requestedAssessments(some, owners, '2026-02-01')).toEqual([
      {
        campaign: 'spring',
        service: 'intranet',
        state: 'submitted',
        due: '2026-03-31',
        assessment: 'bia-intranet',
      },
    ]);
  });

  it('asks nothing before a campaign opens, and keeps asking once it is overdue', () => {
    const owners = new Set(['finance']);
    expect(requestedAssessments(withProgress([]), owners, '2026-01-11')).toEqual([]);
    expect(requestedAssessments(withProgress([]), owners, '2026-06-01').map((item) => item.service)).toEqual([
      'ledger',
    ]);
  });
});
