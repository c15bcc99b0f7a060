// The incident record and the dashboard's plan and action figures, in a real browser against a real server
// holding the Northbank example organisation.
import { describe, expect, it } from 'vitest';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { open } from './support/pages.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the incident and dashboard browser tests');

const INCIDENT = 'inc-2024-11-leeds-san';
// The example's Leeds plan, reviewed and approved before the tests so that the plan figures are not all zero.
const REVIEWED_PLAN = 'plan-dc-leeds-loss';

interface Named {
  metadata: { id: string; name?: string; version?: number };
  spec: Record<string, unknown>;
}
interface ServiceFigures {
  id: string;
  rtoMet: boolean | null;
  mtpdMet: boolean | null;
  objectivesBasis: 'in-force' | 'earliest-known' | 'current';
}
interface ActionItem {
  incident: string;
  title: string;
  overdue: boolean;
}

describe.skipIf(!available)('incidents and the plan figures of the dashboard', () => {
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
    // A continuity manager reviews the Leeds plan today and approves it.
    const plan = await api<Named>(`/plans/${REVIEWED_PLAN}`);
    const today = new Date().toISOString().slice(0, 10);
    const reviewed = await api<Named>(`/plans/${REVIEWED_PLAN}`, {
      method: 'PUT',
      body: JSON.stringify({ ...plan, spec: { ...plan.spec, lastReviewed: today } }),
    });
    // Approval names the version reviewed.
    await api(`/plans/${REVIEWED_PLAN}/approve`, {
      method: 'POST',
      body: JSON.stringify({ version: reviewed.metadata.version }),
    });
  });

  /** The plan figures as the API's own documents say they should be. */
  async function expectedPlanFigures() {
    const services = (await api<{ items: Named[] }>('/services?limit=500')).items;
    const plans = (await api<{ items: Named[] }>('/plans?limit=500')).items;
    const due = new Set((await api<{ items: { id: string }[] }>('/plans/due')).items.map((plan) => plan.id));
    const listed = (keep: (plan: Named) => boolean) =>
      new Set(plans.filter(keep).flatMap((plan) => plan.spec.services as string[]));
    const approved = listed((plan) => plan.spec.status === 'approved');
    const onTime = listed((plan) => plan.spec.status !== 'retired' && !due.has(plan.metadata.id));
    const ids = services.map((service) => service.metadata.id);
    return {
      total: ids.length,
      approved: ids.filter((id) => approved.has(id)).length,
      onTime: ids.filter((id) => onTime.has(id)).length,
      withoutApproved: ids.filter((id) => !approved.has(id)),
      due,
    };
  }

  it('counts the services with an approved plan and with a plan reviewed on time, and lists the rest', async () => {
    const expected = await expectedPlanFigures();
    expect(expected.approved).toBeGreaterThan(0);
    expect(expected.approved).toBeLessThan(expected.total);
    const page = await suite.newPage();
    await open(page, suite.app.url, '/');
    const approved = page.getByRole('region', { name: 'Services with an approved plan' });
    const onTime = page.getByRole('region', { name: 'Services with a plan reviewed on time' });
    await approved.getByText(`${expected.total - expected.approved} without`).waitFor();
    expect((await approved.getByTestId('figure-value').textContent())?.replace(/\s+/g, ' ')).toBe(
      `${expected.approved} / ${expected.total}`,
    );
    expect((await onTime.getByTestId('figure-value').textContent())?.replace(/\s+/g, ' ')).toBe(
      `${expected.onTime} / ${expected.total}`,
    );

    // The figure's link opens the list behind it: the services no approved plan lists, and none that one does.
    await approved.getByRole('link', { name: /without/ }).click();
    await page.waitForURL(/coverage=approved#plan-coverage/);
    const coverage = page.getByRole('region', { name: 'Plan coverage' });
    await coverage.getByRole('heading', { name: 'Services without an approved plan' }).waitFor();
    expect(await coverage.getByTestId('coverage-count').textContent()).toBe(
      `${expected.withoutApproved.length} of ${expected.total} services`,
    );
    const showAll = coverage.getByRole('button', { name: /Show all/ });
    if ((await showAll.count()) > 0) await showAll.click();
    const rows = await coverage.getByTestId('coverage').locator('tbody tr').all();
    const listed = await Promise.all(rows.map((row) => row.getAttribute('data-service')));
    expect(listed.sort()).toEqual([...expected.withoutApproved].sort());
    expect(listed).not.toContain('core-banking');
    // CRM is listed by the ransomware plan only, a draft due for review.
    const crm = coverage.locator('[data-service="crm"]');
    await crm.getByRole('link', { name: 'Ransomware on the Leeds estate' }).waitFor();
    expect(await crm.textContent()).toContain('review due');
    await page.context().close();
  });

  it('lists a plan due for review with its reasons and opens it', async () => {
    const { due } = await expectedPlanFigures();
    expect(due.has('plan-ransomware')).toBe(true);
    expect(due.has(REVIEWED_PLAN)).toBe(false);
    const page = await suite.newPage();
    await open(page, suite.app.url, '/');
    const card = page.getByRole('region', { name: 'Plans due for review' });
    const link = card.getByRole('link', { name: 'Ransomware on the Leeds estate' });
    await link.waitFor();
    expect(await card.getByRole('link', { name: 'Loss of the Leeds data centre' }).count()).toBe(0);
    expect(await link.getAttribute('href')).toBe('/plans/plan-ransomware');
    await card
      .getByRole('list', { name: 'Why Ransomware on the Leeds estate is due' })
      .getByText(/review interval \(52w\) since the last review on 2024-09-02/)
      .waitFor();
    await link.click();
    await page.waitForURL(/\/plans\/plan-ransomware$/);
    await page.context().close();
  });

  it('lists the open incident actions with the overdue ones flagged, and opens the incident from one', async () => {
    const open_ = (await api<{ items: ActionItem[] }>('/actions?status=open&source=incident')).items;
    const first = open_[0];
    if (!first) throw new Error('the example organisation has no open action');
    const page = await suite.newPage();
    await open(page, suite.app.url, '/');
    const card = page.getByRole('region', { name: 'Open incident actions' });
    const row = card.getByRole('row').filter({ hasText: first.title });
    await row.waitFor();
    expect(await card.getByRole('row').count()).toBe(Math.min(open_.length, 10) + 1);
    expect(await row.getByTestId('overdue').count()).toBe(first.overdue ? 1 : 0);
    expect(await card.getByTestId('overdue').count()).toBe(open_.filter((action) => action.overdue).length);
    // Done actions are not open ones.
    expect(await card.getByText('Split SAN firmware updates into two change windows').count()).toBe(0);

    await row.getByRole('link', { name: 'Leeds SAN controller failure, November 2024' }).click();
    await page.waitForURL(new RegExp(`/incidents/${INCIDENT}$`));
    await page
      .getByRole('heading', { name: 'Leeds SAN controller failure took core banking down for most of a day' })
      .waitFor();
    await page.context().close();
  });

  it('shows the incident record: times, what failed, the timeline in order, breaches and actions', async () => {
    const incident = await api<Named>(`/incidents/${INCIDENT}`);
    const figures = await api<{ services: ServiceFigures[] }>(`/incidents/${INCIDENT}/figures`);
    const page = await suite.newPage();
    await open(page, suite.app.url, `/incidents/${INCIDENT}`);
    await page.getByRole('heading', { name: String(incident.spec.title) }).waitFor();

    const when = page.getByRole('table', { name: 'When' });
    expect(await when.locator('[data-field="detected"]').textContent()).toContain('unnoticed for 12m');
    expect(await when.locator('[data-field="resolved"]').textContent()).toContain('disrupted for 12h 30m');
    const failed = page.getByRole('table', { name: 'What failed' });
    await failed.getByRole('link', { name: 'Leeds storage array' }).waitFor();
    const plan = failed.getByRole('link', { name: 'Loss of the Leeds data centre' });
    await plan.waitFor();
    expect(await plan.getAttribute('href')).toBe(`/plans/${REVIEWED_PLAN}`);

    // The timeline reads in time order, whatever order the entries were written in.
    const timeline = incident.spec.timeline as { at: string; entry: string }[];
    const inOrder = [...timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).map((e) => e.entry);
    const entries = page.getByRole('list', { name: 'Timeline' }).getByTestId('timeline-entry');
    await entries.first().waitFor();
    expect(await entries.allTextContents()).toEqual(inOrder);
    expect(inOrder[0]).toMatch(/^Firmware 9.2 applied/);

    // Core banking was down 12h 30m against a 4h RTO: flagged in red, as the server's figures say.
    const breached = figures.services.find((service) => service.id === 'core-banking');
    expect(breached?.rtoMet).toBe(false);
    const table = page.getByRole('table', { name: 'Affected services' });
    const row = table.locator('[data-service="core-banking"]');
    const rto = row.locator('[data-objective="rto"]');
    await rto.getByTestId('breach').waitFor();
    expect(await rto.textContent()).toBe('4hbreached');
    expect(await table.locator('tbody tr').count()).toBe(figures.services.length);
    const breaches = figures.services.filter((s) => s.rtoMet === false).length;
    expect(await table.locator('[data-objective="rto"] [data-testid="breach"]').count()).toBe(breaches);
    // The figures say which objectives they judge against; services recorded after the incident are named.
    const basis = await page.getByTestId('objectives-basis').textContent();
    for (const service of figures.services.filter((s) => s.objectivesBasis !== 'in-force'))
      expect(basis).toContain(service.id);
    const met = table.locator('[data-service="bacs-direct-debits"]');
    await met.locator('[data-objective="rto"]').getByText('met', { exact: true }).waitFor();

    const actions = page.getByRole('table', { name: 'Actions' });
    for (const action of incident.spec.actions as { title: string }[]) {
      await actions.getByRole('row').filter({ hasText: action.title }).waitFor();
    }
    const done = actions.getByRole('row').filter({ hasText: 'Split SAN firmware updates' });
    expect(await done.getByTestId('overdue').count()).toBe(0);
    expect(await done.textContent()).toContain('done');
    // An open action is overdue once its due date has passed (the example's are due in 2027: the day decides).
    const today = new Date().toISOString().slice(0, 10);
    for (const action of incident.spec.actions as { title: string; due?: string; status?: string }[]) {
      const row = actions.getByRole('row').filter({ hasText: action.title });
      const overdue = action.status !== 'done' && action.due !== undefined && action.due < today;
      expect(await row.getByTestId('overdue').count(), action.title).toBe(overdue ? 1 : 0);
    }
    const rehearsal = actions
      .getByRole('row')
      .filter({ hasText: 'Rehearse the core banking database restore' });
    await rehearsal.getByRole('link', { name: 'Sanjay Mehta' }).waitFor();
    await page
      .getByRole('region', { name: 'Root cause and lessons' })
      .getByText(/firmware update/)
      .waitFor();

    await page.getByRole('region', { name: 'History' }).getByTestId('audit-history').waitFor();

    // An admin may edit the incident through the generic editor.
    const edit = page.getByRole('link', { name: 'Edit' });
    expect(await edit.getAttribute('href')).toBe(`/incidents/${INCIDENT}/edit`);
    await page.context().close();
  });

  it('reaches the controls by keyboard and gives a viewer no edit control, as the server would refuse it', async () => {
    const page = await suite.newPage();
    await open(page, suite.app.url, `/incidents/${INCIDENT}`, userOf('viewer'));
    await page.getByRole('table', { name: 'Affected services' }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'History' }).count()).toBe(0);
    const simulate = page.getByRole('link', { name: 'Simulate this failure' });
    await simulate.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/simulator\?fail=leeds-san$/);
    await page.context().close();
  });
});
