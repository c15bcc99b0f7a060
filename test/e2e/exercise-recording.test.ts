// Recording an exercise live on a phone, in a real browser against a real server holding the Northbank example
// organisation: a continuity manager starts a planned exercise and records steps, loses the connection, records a
// step, a service back and a finding on the device, and once back online every recorded time reaches the server
// exactly once; and an event the server refuses shows its reason, does not hold up the others, and can be discarded.
// The steps and the scope come from the API, never from a copy of the example.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ImpactResult } from '../../src/engine/types.ts';
import type { DocumentOf } from '../../src/catalog/kinds.ts';
import { stepsInOrder } from '../../src/plans/step-order.ts';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { open } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the exercise recording browser tests');

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical rules broken on the page as it stands (run in the page: a string). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE); // Not a script tag: the app's CSP refuses inline scripts.
  return page.evaluate<string[]>(`(async () => {
    const result = await window.axe.run(document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  })()`);
}

const PLAN = 'plan-dc-leeds-loss';
const EXERCISE = 'ex-live-leeds';
const REFUSED = 'ex-live-refused';

describe.skipIf(!available)('recording an exercise live', () => {
  async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
    const answer = await fetch(`${suite.app.apiUrl}/api/v1${path}`, {
      ...init,
      headers: { ...suite.app.adminHeaders, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    });
    if (!answer.ok)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  }

  const suite = browserSuite(async () => {
    // Planned parallel tests of the Leeds plan, as a continuity manager would schedule them.
    for (const [id, title] of [
      [EXERCISE, 'Leeds failover, recorded live'],
      [REFUSED, 'Leeds failover, with a refused event'],
    ])
      await api('/exercises', {
        method: 'POST',
        body: JSON.stringify({
          apiVersion: 'lifeboat/v1',
          kind: 'Exercise',
          metadata: { id },
          spec: {
            title,
            type: 'parallel',
            plans: [PLAN],
            scheduled: new Date().toISOString().slice(0, 10),
            status: 'planned',
          },
        }),
      });
  });

  it('keeps what is tapped offline on the phone and records each time once when the connection is back', async () => {
    const plan = await api<DocumentOf<'Plan'>>(`/plans/${PLAN}`);
    const [first, second] = stepsInOrder(plan.spec).map(({ step }) => step);
    if (!first || !second) throw new Error(`${PLAN} has fewer than two steps`);
    const impact = await api<ImpactResult>('/analysis/impact', {
      method: 'POST',
      body: JSON.stringify({ fail: plan.spec.scenario.fail }),
    });
    const service = impact.down.find((node) => node.kind === 'Service')?.id;
    if (!service) throw new Error(`${PLAN}'s scenario takes no service down`);

    // A phone held in one hand.
    const page = await suite.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, suite.app.url, `/exercises/${EXERCISE}/run`, userOf('manager'));
    await page.getByRole('heading', { level: 1, name: 'Leeds failover, recorded live' }).waitFor();
    const badge = page.getByTestId('sync-status');
    const step = (id: string) => page.locator(`[data-step="${id}"]`);

    await page.getByRole('button', { name: 'Start exercise' }).click();
    await page.getByRole('timer', { name: 'Time since the start' }).waitFor();
    await step(first.id).getByRole('button', { name: 'Start', exact: true }).click();
    await step(first.id)
      .getByText(/^Started /)
      .waitFor();
    await step(first.id).getByRole('button', { name: 'Done' }).click();
    await step(first.id).getByTestId('outcome').getByText('Done').waitFor();
    await badge.getByText('All recorded').waitFor();

    // The connection drops: each tap shows at once and waits on the device.
    const failures = new RegExp(`/api/v1/exercises/${EXERCISE}/record$`);
    suite.expectFailures(
      { method: 'POST', url: failures, why: 'recording while the phone is offline' },
      {
        method: 'GET',
        url: /\/favicon\.svg$/,
        why: "Chromium asks for the tab's icon again when a tab of the page (?show=) changes its address offline",
      },
    );
    await page.context().setOffline(true);
    await page.getByText('Offline: kept on this device').waitFor();
    await step(second.id).getByRole('button', { name: 'Failed' }).click();
    await step(second.id).getByTestId('outcome').getByText('Failed').waitFor();
    const stepCount = stepsInOrder(plan.spec).length;
    await page.getByRole('tab', { name: `Steps 2/${stepCount}` }).waitFor();
    await page.getByRole('tab', { name: /^Back / }).click();
    await page.locator(`[data-node="${service}"]`).getByRole('button', { name: 'Back' }).click();
    await page
      .locator(`[data-node="${service}"]`)
      .getByText(/^Back .*\(waiting\)$/)
      .waitFor();
    await page.getByRole('tab', { name: /^Findings / }).click();
    await page.getByRole('textbox', { name: 'Finding' }).fill('The bridge number in the plan was wrong');
    await page.getByRole('combobox', { name: 'Severity' }).selectOption('high');
    await page.getByRole('button', { name: 'Note finding' }).click();
    await badge.getByText('3 waiting to send').waitFor();
    await page.getByTestId('finding').getByText('(waiting)').waitFor();
    // Kept in the browser's storage, so a reload would not lose them either.
    const stored = await page.evaluate<{ type: string }[]>(
      `JSON.parse(localStorage.getItem('lifeboat:exercise-record:${EXERCISE}') ?? '[]')`,
    );
    expect(stored.map((event) => event.type)).toEqual(['step-finished', 'restored', 'finding']);

    await page.context().setOffline(false);
    await badge.getByText('All recorded').waitFor();
    await page.getByTestId('finding').getByText('(waiting)').waitFor({ state: 'detached' });

    // Nothing of the page is wider than the phone.
    expect(
      await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
    ).toBeLessThanOrEqual(0);

    expect(await seriousViolations(page)).toEqual([]);

    // The server holds each recorded time exactly once.
    const exercise = await api<DocumentOf<'Exercise'>>(`/exercises/${EXERCISE}`);
    expect(exercise.spec.status).toBe('running');
    expect(exercise.spec.started).toBeDefined();
    const steps = exercise.spec.results?.steps ?? [];
    expect(steps.map((entry) => entry.step).sort()).toEqual([first.id, second.id].sort());
    const firstEntry = steps.find((entry) => entry.step === first.id);
    expect(firstEntry).toMatchObject({ plan: PLAN, outcome: 'done' });
    expect(Date.parse(firstEntry?.finished ?? '')).toBeGreaterThanOrEqual(
      Date.parse(firstEntry?.started ?? ''),
    );
    expect(steps.find((entry) => entry.step === second.id)).toMatchObject({ plan: PLAN, outcome: 'failed' });
    expect(steps.find((entry) => entry.step === second.id)?.finished).toBeDefined();
    expect(exercise.spec.results?.restored?.map((entry) => entry.id)).toEqual([service]);
    expect(exercise.spec.findings?.map((finding) => [finding.title, finding.severity])).toEqual([
      ['The bridge number in the plan was wrong', 'high'],
    ]);
    await page.context().close();
  });
  it("shows the server's reason for a refused event, sends the others, and lets the user discard it", async () => {
    const plan = await api<DocumentOf<'Plan'>>(`/plans/${PLAN}`);
    const impact = await api<ImpactResult>('/analysis/impact', {
      method: 'POST',
      body: JSON.stringify({ fail: plan.spec.scenario.fail }),
    });
    const service = impact.down.find((node) => node.kind === 'Service')?.id;
    if (!service) throw new Error(`${PLAN}'s scenario takes no service down`);

    // Left on the phone from before: a step the plan does not have (say, since renamed), then a service back.
    const page = await suite.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, suite.app.url, '/', userOf('manager'));
    const at = new Date().toISOString();
    const waiting = [
      { id: 'left-step', at, type: 'step-started', plan: PLAN, step: 'no-such-step' },
      { id: 'left-back', at, type: 'restored', node: service },
    ];
    await page.evaluate(
      `localStorage.setItem('lifeboat:exercise-record:${REFUSED}', ${JSON.stringify(JSON.stringify(waiting))})`,
    );
    suite.expectFailures({
      method: 'POST',
      url: new RegExp(`/api/v1/exercises/${REFUSED}/record$`),
      status: 400,
      why: 'a step the plan does not have',
    });
    await open(page, suite.app.url, `/exercises/${REFUSED}/run?show=back`, userOf('manager'));

    const refused = page.getByRole('alert').filter({ hasText: 'Not recorded: Step no-such-step started' });
    await refused.getByText(`the plan "${PLAN}" has no step "no-such-step"`).waitFor();
    // The other event went on its own.
    await page.getByTestId('sync-status').getByText('1 waiting to send').waitFor();
    await page
      .locator(`[data-node="${service}"]`)
      .getByText(/^Back [^(]*$/)
      .waitFor();
    await refused.getByRole('button', { name: 'Discard it' }).click();
    await page.getByTestId('sync-status').getByText('All recorded').waitFor();
    await refused.waitFor({ state: 'detached' });

    const exercise = await api<DocumentOf<'Exercise'>>(`/exercises/${REFUSED}`);
    expect(exercise.spec.results?.restored?.map((entry) => entry.id)).toEqual([service]);
    expect(exercise.spec.results?.steps ?? []).toEqual([]);
    await page.context().close();
  });
});
