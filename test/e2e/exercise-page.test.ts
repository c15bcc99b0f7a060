// The exercise page in a real browser against a real server holding the Northbank example organisation: the
// Leeds failover test's results against the RTOs (table and chart), its findings, and a manager applying a
// measured duration to the catalog. Expected figures come from the API, never from a copy of the example.
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/catalog/duration.ts';
import type { ExerciseAnalysis } from '../../src/exercises/analysis.ts';
import type { CalibrationProposal } from '../../src/exercises/calibration.ts';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the exercise page tests');
const EXERCISE = 'ex-2026-10-leeds-failover';

describe.skipIf(!available)('exercise page', () => {
  const suite = browserSuite();

  async function api<T>(path: string): Promise<T> {
    const answer = await fetch(`${suite.app.apiUrl}/api/v1${path}`, { headers: suite.app.adminHeaders });
    if (!answer.ok) throw new Error(`GET ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  }

  it("shows core banking's achieved 6h50m against its 4h RTO as missed, the chart, the findings, and no apply for a viewer", async () => {
    const analysis = await api<ExerciseAnalysis>('/analysis/exercises');
    const result = analysis.exercises.find((row) => row.id === EXERCISE)!;
    const core = result.services.find((row) => row.id === 'core-banking')!;
    expect([core.achievedMinutes, core.targetMinutes, core.met]).toEqual([410, 240, false]);

    const page = await suite.newPage(userOf('viewer'), `/exercises/${EXERCISE}`);
    await page.getByRole('heading', { name: 'Leeds failover test (parallel)' }).waitFor();
    expect(await page.getByTestId('exercise-status').textContent()).toBe('done');
    expect(await page.getByTestId('exercise-type').textContent()).toBe('parallel');

    const table = page.getByRole('table', { name: 'Achieved against predicted and target' });
    const row = table.locator('[data-service="core-banking"]');
    expect(await row.locator('[data-field="achieved"]').textContent()).toBe('6h50m');
    expect(await row.locator('[data-field="target"]').textContent()).toBe('4h');
    expect(await row.locator('[data-field="predicted"]').textContent()).toBe(
      formatDuration(core.predictedMinutes!),
    );
    expect(await row.locator('[data-field="met"]').textContent()).toBe('Missed');
    // One row per service in scope, each verdict as the analysis gives it.
    expect(await table.locator('tbody tr').count()).toBe(result.services.length);
    for (const service of result.services) {
      const verdict = service.met === null ? 'no verdict' : service.met ? 'Met' : 'Missed';
      expect(await table.locator(`[data-service="${service.id}"] [data-field="met"]`).textContent()).toBe(
        verdict,
      );
    }

    // The chart draws a bar per time of each service brought back.
    const chart = page.getByRole('figure', { name: 'Restore times by service' });
    const brought = result.services.filter((service) => service.achievedMinutes !== null);
    expect(await chart.getAttribute('data-services')).toBe(String(brought.length));
    const bars = chart.locator('.recharts-bar-rectangle');
    await bars.first().waitFor();
    const values = brought.flatMap((s) =>
      [s.targetMinutes, s.predictedMinutes, s.graphMinutes, s.achievedMinutes].filter((v) => v !== null),
    );
    expect(await bars.count()).toBe(values.length);

    const findings = page.getByRole('table', { name: 'Findings' });
    expect(await findings.locator('[data-finding="core-db-promotion"]').textContent()).toContain(
      'Core banking was back after 6h50m against a 4h RTO',
    );
    // The report links, and no recording once the exercise is done.
    expect(await page.getByRole('link', { name: 'Report (PDF)' }).getAttribute('href')).toBe(
      `/api/v1/exercises/${EXERCISE}/report?format=pdf`,
    );
    expect(await page.getByRole('link', { name: 'Report (HTML)' }).getAttribute('href')).toBe(
      `/api/v1/exercises/${EXERCISE}/report?format=html`,
    );
    expect(await page.getByRole('link', { name: 'Record live' }).count()).toBe(0);

    // A viewer sees the measured durations but may not apply them.
    const steps = page.getByRole('table', { name: 'Measured step durations' });
    await steps.locator('[data-step="promote-core-db"]').waitFor();
    expect(await steps.locator('[data-step="promote-core-db"] [data-field="measured"]').textContent()).toBe(
      '5h5m',
    );
    expect(await page.getByRole('button', { name: 'Apply measured durations' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    await page.context().close();
  });

  it("lets a manager apply the measured replica promotion, and the plan's page then shows it", async () => {
    const before = await api<CalibrationProposal>(`/exercises/${EXERCISE}/calibration`);
    const promotion = before.steps.find((row) => row.step === 'promote-core-db')!;
    expect(promotion).toMatchObject({ currentMinutes: 180, measuredMinutes: 305 });

    const page = await suite.newPage(userOf('manager'), `/exercises/${EXERCISE}`);
    const apply = page.getByRole('button', { name: 'Apply measured durations' });
    await apply.waitFor();
    expect(await apply.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'Apply the measured duration of step promote-core-db' }).check();
    await apply.click();

    const dialog = page.getByRole('dialog', { name: 'Apply the measured durations?' });
    const changes = dialog.getByRole('list', { name: 'Changes to apply' }).getByRole('listitem');
    expect(await changes.allTextContents()).toEqual([
      expect.stringMatching(/^plan-dc-leeds-loss, step .*\(promote-core-db\): 3h -> 5h5m$/),
    ]);
    await dialog.getByRole('button', { name: 'Apply 1 change' }).click();

    // The page says what changed, and the proposal no longer holds it.
    const applied = page.getByTestId('applied');
    await applied.waitFor();
    expect(await applied.getByRole('listitem').first().textContent()).toContain('3h -> 5h5m');
    await page
      .getByRole('table', { name: 'Measured step durations' })
      .locator('[data-step="promote-core-db"]')
      .waitFor({ state: 'detached' });

    await applied.getByRole('link', { name: /^plan-dc-leeds-loss \(version \d+\)$/ }).click();
    await page.waitForURL(/\/plans\/plan-dc-leeds-loss$/);
    const step = page.locator('[data-step="promote-core-db"]');
    await step.waitFor();
    expect(await step.textContent()).toContain('5h5m');
    const after = await api<CalibrationProposal>(`/exercises/${EXERCISE}/calibration`);
    expect(after.steps.map((row) => row.step)).not.toContain('promote-core-db');
    await page.context().close();
  });
});
