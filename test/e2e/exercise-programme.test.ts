// The exercise programme in a real browser against a real server holding the Northbank example organisation: the
// calendar with its planned ransomware tabletop and the overdue Voxa exit plan, training coverage, core banking's proven
// RTO on its page, and one actions page with an exercise finding, a risk action and an incident action. Every
// expected figure comes from the API, never from a copy of the example.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { exerciseAnalysisSchema } from '../../src/server/routes/exercise.schema.ts';
import type { TrackedActionAnswer as TrackedAction } from '../../src/server/routes/plan.schema.ts';
import { formatMinutes } from '../../web/src/util/duration.ts';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

type ExerciseAnalysisAnswer = z.infer<typeof exerciseAnalysisSchema>;

const available = browserTestsAvailable('the exercise programme browser tests');

describe.skipIf(!available)('the exercise programme', () => {
  const suite = browserSuite();

  async function api<T>(path: string): Promise<T> {
    const answer = await fetch(`${suite.app.apiUrl}/api/v1${path}`, { headers: suite.app.adminHeaders });
    if (!answer.ok) throw new Error(`GET ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  }
  const analysis = () => api<ExerciseAnalysisAnswer>('/analysis/exercises');

  it('shows the planned ransomware tabletop coming up and the Voxa exit plan overdue, and filters the programme', async () => {
    const { exercises, programme } = await analysis();
    const tabletop = exercises.find((e) => e.id === 'ex-2027-01-ransomware-tabletop');
    expect(tabletop).toMatchObject({ type: 'tabletop', status: 'planned' });
    const ransomware = programme.find((row) => row.plan === 'plan-ransomware');
    // The September parallel test counts for the tier 1 plan; the tabletop would not.
    expect(ransomware).toMatchObject({ overdue: false, lastExercised: '2026-09-19', lastType: 'parallel' });
    // Voxa's exit plan was last exercised in August 2025: its tier 2 interval of 52 weeks has run out.
    const voxa = programme.find((row) => row.plan === 'plan-exit-voxa');
    expect(voxa).toMatchObject({ overdue: true, lastExercised: '2025-08-20', due: '2026-08-19' });

    const page = await suite.newPage(userOf('viewer'), '/exercises');
    const ahead = page.getByRole('region', { name: 'Coming up' });
    const entry = ahead.locator('[data-exercise="ex-2027-01-ransomware-tabletop"]');
    await entry.waitFor();
    expect(await entry.getByRole('link', { name: tabletop!.title }).getAttribute('href')).toBe(
      '/exercises/ex-2027-01-ransomware-tabletop',
    );
    expect(await entry.locator('[data-type="tabletop"]').count()).toBe(1);
    expect(await entry.locator('[data-status="planned"]').count()).toBe(1);
    // The done Leeds failover test is behind, not ahead.
    const behind = page.getByRole('region', { name: 'Behind' });
    await behind.locator('[data-exercise="ex-2026-10-leeds-failover"]').waitFor();
    expect(await ahead.locator('[data-exercise="ex-2026-10-leeds-failover"]').count()).toBe(0);

    const table = page.getByRole('table', { name: 'Exercise programme' });
    const overdue = table.locator('[data-plan="plan-exit-voxa"]');
    await overdue.waitFor();
    expect(await overdue.getByTestId('overdue').textContent()).toBe('OVERDUE');
    expect(await table.getByTestId('overdue').count()).toBe(programme.filter((p) => p.overdue).length);
    const row = table.locator('[data-plan="plan-ransomware"]');
    expect(await row.getByTestId('overdue').count()).toBe(0);
    // The scheduled tabletop is shown as the plan's next exercise.
    expect(await row.locator(`time[datetime="${ransomware!.scheduled}"]`).count()).toBe(1);

    await page.getByText('Due within 90 days or overdue').click();
    await page.waitForURL(/programme=attention/);
    const today = new Date().toISOString().slice(0, 10);
    const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
    const kept = programme.filter((p) => p.overdue || (p.due !== null && p.due <= soon));
    // The filter drops the rows of the plans neither overdue nor due soon once the page has drawn it.
    await table.locator('tbody tr').nth(kept.length).waitFor({ state: 'detached' });
    expect(await table.locator('tbody tr').count()).toBe(kept.length);
    for (const plan of kept) expect(await table.locator(`[data-plan="${plan.plan}"]`).count()).toBe(1);
    await page.context().close();
  });

  it('shows each plan\'s training coverage as "n of m trained", the untrained first', async () => {
    const { training } = await analysis();
    const leeds = training.find((plan) => plan.plan === 'plan-dc-leeds-loss');
    if (!leeds) throw new Error('the example organisation has no Leeds plan');
    const trained = leeds.people.filter((person) => person.trained).length;
    expect(trained).toBeGreaterThan(0);

    const page = await suite.newPage(userOf('viewer'), '/trainings');
    const card = page.locator('[data-plan="plan-dc-leeds-loss"]');
    await card
      .getByTestId('coverage-count')
      .getByText(`${trained} of ${leeds.people.length} trained`)
      .waitFor();
    const rows = card.locator('tbody tr');
    const states = await Promise.all(
      (await rows.all()).map(async (row) => await row.getAttribute('data-trained')),
    );
    expect(states).toEqual([
      ...leeds.people.filter((p) => !p.trained).map(() => 'false'),
      ...leeds.people.filter((p) => p.trained).map(() => 'true'),
    ]);
    // The sessions are listed too, with the day each stops counting.
    const sessions = page.getByRole('table', { name: 'Training sessions' });
    await sessions.locator('[data-training="training-2026-09-leeds-responders"]').waitFor();
    await page.context().close();
  });

  it("shows core banking's proven RTO beside its RTO, linked to the exercise that proved it", async () => {
    const { proven } = await analysis();
    const core = proven.find((row) => row.service === 'core-banking');
    expect(core).toMatchObject({ provenMinutes: 410, exercise: 'ex-2026-10-leeds-failover' });

    const page = await suite.newPage(userOf('viewer'), '/services/core-banking');
    const line = page.getByTestId('rto-line');
    const text = line.getByTestId('proven-rto');
    await text.getByText(`proven ${formatMinutes(410)}`, { exact: false }).waitFor();
    // 6h50m against a 4h RTO: said in words, not by colour alone.
    expect(await text.textContent()).toContain('over the RTO');
    const link = text.getByRole('link', { name: 'ex-2026-10-leeds-failover' });
    expect(await link.getAttribute('href')).toBe('/exercises/ex-2026-10-leeds-failover');

    // The objectives page shows it under the RTO too.
    await page.goto(`${suite.app.url}/objectives`);
    const row = page.locator('[data-service="core-banking"]');
    await row
      .getByTestId('proven-rto')
      .getByText(`proven ${formatMinutes(410)}`, { exact: false })
      .waitFor();
    await page.context().close();
  });

  it('lists an exercise finding, a risk action and an incident action on one page, filtered by source', async () => {
    const open = (await api<{ items: TrackedAction[] }>('/actions?status=open')).items;
    const finding = open.find((a) => a.source === 'exercise');
    const risk = open.find((a) => a.source === 'risk');
    const incident = open.find((a) => a.source === 'incident');
    if (!finding || !risk || !incident)
      throw new Error('the example organisation lacks an open action of a source');

    const page = await suite.newPage(userOf('viewer'), '/actions');
    const table = page.getByRole('table', { name: 'Actions' });
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(open.length);
    const overdue = open.filter((a) => a.overdue).length;
    expect(await table.getByTestId('overdue').count()).toBe(overdue);
    await page
      .getByTestId('actions-summary')
      .getByText(new RegExp(`^${open.length} open actions${overdue > 0 ? `, ${overdue} overdue` : ''}$`))
      .waitFor();
    for (const action of [finding, risk, incident]) {
      const row = table
        .locator(`tr[data-source="${action.source}"][data-document="${action.document}"]`)
        .filter({ hasText: action.title });
      expect(await row.count(), action.title).toBe(1);
      expect(await row.getByRole('link', { name: action.documentTitle }).getAttribute('href')).toBe(
        `/${{ incident: 'incidents', risk: 'risks', exercise: 'exercises' }[action.source]}/${action.document}`,
      );
    }

    // Only the exercise findings.
    await page.getByRole('combobox', { name: 'Source', exact: true }).click();
    await page.getByRole('option', { name: 'exercise', exact: true }).click();
    await page.waitForURL(/source=exercise/);
    const findings = open.filter((a) => a.source === 'exercise');
    await table.locator('tbody tr').first().waitFor();
    await page
      .getByTestId('actions-summary')
      .getByText(new RegExp(`^${findings.length} open action`))
      .waitFor();
    expect(await table.locator('tr[data-source="exercise"]').count()).toBe(findings.length);
    expect(await table.locator('tbody tr').count()).toBe(findings.length);
    await page.context().close();
  });
});
