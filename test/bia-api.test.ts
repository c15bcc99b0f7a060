// The BIA analysis on the server counts approved assessments only: the latest frozen version of each, whatever
// edits followed. The impact answers (a bare failure and a followed plan) say what the scenario costs.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ImpactWithCost } from '../src/bia/business-impact.ts';
import type { BiaAnalysis } from '../src/bia/current.ts';
import { createBiaService } from '../src/server/services/bia.service.ts';
import { createGraphProvider } from '../src/server/services/graph-provider.ts';
import { createHeavyWork } from '../src/server/services/heavy-work.ts';
import { body, createTestApp } from './support/test-app.ts';
import type { TestApp } from './support/test-app.ts';
import { BIA_CATALOG } from './support/bia-catalog.ts';
import { describeEachDatabase } from './support/test-databases.ts';

// A policy (horizons 1h, 4h, 1d, 3d; tolerance 4; 30m of work recovery), a site with pay and crm on it, web with
// no BIA, pay's assessment, crm's of 2025 and of 2026, and a plan for the site.

type Assessment = { metadata: { id: string; version: number }; spec: Record<string, unknown> };

describeEachDatabase('BIA analysis API', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2026-06-01T12:00:00Z') });
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/import',
      headers: { 'content-type': 'application/yaml' },
      payload: BIA_CATALOG,
    });
    expect(imported.statusCode, imported.body).toBe(200);
  });
  afterEach(async () => {
    await t.close();
  });

  async function bia(): Promise<BiaAnalysis> {
    const response = await t.as('viewer').inject({ method: 'GET', url: '/api/v1/analysis/bia' });
    expect(response.statusCode, response.body).toBe(200);
    return body<BiaAnalysis>(response);
  }

  async function read(id: string): Promise<Assessment> {
    return body<Assessment>(await t.app.inject({ method: 'GET', url: `/api/v1/assessments/${id}` }));
  }

  async function approve(id: string): Promise<void> {
    const { metadata } = await read(id);
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/assessments/${id}/approve`,
      headers: { 'if-match': `"${metadata.version}"` },
    });
    expect(response.statusCode, response.body).toBe(200);
  }

  const currentOf = (analysis: BiaAnalysis) =>
    Object.fromEntries(analysis.services.map((service) => [service.id, service.assessment]));

  it('counts no assessment until one is approved, and then the latest approved one of each service', async () => {
    // Imported assessments are drafts: nothing is approved yet, the declared MTPDs stand alone.
    const before = await bia();
    expect(before.horizons).toEqual([60, 240, 1440, 4320]);
    expect(before.tolerance).toBe(4);
    expect(currentOf(before)).toEqual({ crm: null, pay: null, web: null });
    expect(before.services.map((service) => service.mtpdMinutes)).toEqual([1440, 240, null]);

    await approve('bia-pay');
    await approve('bia-crm-2025');
    const first = await bia();
    expect(currentOf(first)).toEqual({ crm: 'bia-crm-2025', pay: 'bia-pay', web: null });
    expect(first.services[1]).toEqual({
      id: 'pay',
      assessment: 'bia-pay',
      levels: [3, 4, 5, 5],
      loss: [10000, 100000, 340000, 1500000],
      // Level 4 first at 4h; less 30m of work recovery; tier 1 (up to 4h by default).
      derivedMtpdMinutes: 240,
      mtpdMinutes: 240,
      suggestedRtoMinutes: 210,
      suggestedTier: 1,
    });
    // crm's 2025 assessment: level 5 from 1h, so an MTPD of 1h, and the 1d it declares still stands.
    expect(first.services[0]).toMatchObject({ derivedMtpdMinutes: 60, mtpdMinutes: 1440, suggestedTier: 1 });

    // The 2026 assessment, approved, replaces it.
    await approve('bia-crm-2026');
    const second = await bia();
    expect(currentOf(second)).toEqual({ crm: 'bia-crm-2026', pay: 'bia-pay', web: null });
    expect(second.services[0]).toMatchObject({ levels: [1, 2, 3, 4], derivedMtpdMinutes: 4320 });
  });

  it('keeps counting the approved version of an assessment edited since, not the draft', async () => {
    await approve('bia-pay');
    const approved = await read('bia-pay');
    const edited = {
      ...approved,
      spec: { ...approved.spec, impacts: { financial: { '1h': 5 } }, loss: { '1h': 1 } },
    };
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/assessments/bia-pay', payload: edited });
    expect(put.statusCode, put.body).toBe(200);
    expect((await read('bia-pay')).spec.status).toBe('draft');
    const pay = (await bia()).services.find((service) => service.id === 'pay');
    expect(pay).toMatchObject({ assessment: 'bia-pay', levels: [3, 4, 5, 5], derivedMtpdMinutes: 240 });
  });

  it('says what a failure costs in the impact answer, from the approved BIAs only', async () => {
    const impact = async (payload: object) => {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/analysis/impact', payload });
      expect(response.statusCode, response.body).toBe(200);
      return body<ImpactWithCost>(response);
    };
    // Nothing approved: nothing to cost.
    const none = await impact({ fail: ['dc-a'] });
    expect(none.businessImpact).toEqual({
      currency: 'GBP',
      totalLoss: 0,
      lossKnown: true,
      peakLevel: 0,
      toleranceReachedAtMinutes: null,
      services: [],
    });

    await approve('bia-pay');
    await approve('bia-crm-2026');
    const costed = await impact({ fail: ['dc-a'] });
    const restore = Object.fromEntries(
      costed.services.map((service) => [service.id, service.restoreMinutes]),
    );
    expect(restore).toEqual({ crm: 250, pay: 245, web: null });
    expect(costed.businessImpact).toEqual({
      currency: 'GBP',
      // pay out 4h05m: 100,000 + (240,000 / 1,200 min) x 5 min; crm out 4h10m: 2,000 + (12,000 / 1,200) x 10.
      totalLoss: 103100,
      lossKnown: true,
      peakLevel: 4,
      toleranceReachedAtMinutes: 240,
      services: [
        { id: 'crm', outageMinutes: 250, level: 2, loss: 2100 },
        { id: 'pay', outageMinutes: 245, level: 4, loss: 101000 },
      ],
    });

    // Following the plan (its scenario fails dc-a; it writes no steps), the restore times and so the cost are the
    // same as the graph's.
    const followed = await impact({ plan: 'plan-dc-a' });
    expect(followed.businessImpact).toEqual(costed.businessImpact);
  });

  it('costs a scenario in a worker thread as on the request thread (large catalogs go to the pool)', async () => {
    await approve('bia-pay');
    await approve('bia-crm-2026');
    const inline = await t.app.inject({
      method: 'POST',
      url: '/api/v1/analysis/impact',
      payload: { fail: ['dc-a'] },
    });
    const graphs = createGraphProvider({ database: t.database });
    const work = createHeavyWork({ threads: 1 });
    try {
      const basis = await createBiaService({ database: t.database, graphs }).basis();
      const pooled = await work.impact(await graphs.engine(), ['dc-a'], { user: 'test' }, undefined, basis);
      expect((JSON.parse(pooled) as ImpactWithCost).businessImpact).toEqual(
        body<ImpactWithCost>(inline).businessImpact,
      );
      expect((JSON.parse(pooled) as ImpactWithCost).businessImpact.totalLoss).toBe(103100);
    } finally {
      await work.close();
    }
  });
});
