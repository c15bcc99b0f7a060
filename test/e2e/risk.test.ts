// The risk register in a real browser against a real server holding the Northbank example organisation: the heat
// map and a cell's risks, a risk's cost and exceedance curve, and a suggested single point of failure recorded
// as an accepted risk. Every expected figure comes from the API, never from a copy of the example.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RiskAnalysisAnswer } from '../../src/server/routes/risk.schema.ts';
import { formatMoney } from '../../web/src/risk/risk-model.ts';
import { userOf } from './support/app.ts';
import { browserTestsAvailable } from './support/browser.ts';
import { browserSuite } from './support/suite.ts';

const available = browserTestsAvailable('the risk register browser tests');

interface RiskDocument {
  metadata: { id: string; name?: string };
  spec: {
    likelihood: number;
    impact: number;
    residual?: { likelihood: number; impact: number };
    scenario?: { fail: string[] };
    treatment?: { decision: string };
    acceptance?: { by: string; on: string; until: string };
    category: string;
    owner: string;
    lastReviewed?: string;
  };
}

describe.skipIf(!available)('the risk register', () => {
  const suite = browserSuite();

  async function api<T>(path: string): Promise<T> {
    const answer = await fetch(`${suite.app.apiUrl}/api/v1${path}`, { headers: suite.app.adminHeaders });
    if (!answer.ok) throw new Error(`GET ${path}: ${answer.status} ${await answer.text()}`);
    return (await answer.json()) as T;
  }
  const allRisks = async () => (await api<{ items: RiskDocument[] }>('/risks?limit=500')).items;

  /** How many risks sit in each cell (`likelihood x impact`), before or after treatment. */
  function cellCounts(risks: readonly RiskDocument[], scale: 'inherent' | 'residual'): Map<string, string[]> {
    const cells = new Map<string, string[]>();
    for (const risk of risks) {
      const levels = scale === 'residual' ? (risk.spec.residual ?? risk.spec) : risk.spec;
      const key = `${levels.likelihood}x${levels.impact}`;
      cells.set(key, [...(cells.get(key) ?? []), risk.metadata.id]);
    }
    return cells;
  }

  /** The ids of the register's rows, once it shows `count` of them. */
  async function registerIds(page: Page, count: number): Promise<string[]> {
    await page
      .getByTestId('register-count')
      .getByText(new RegExp(`^${count} of \\d+ risks shown$`))
      .waitFor();
    const rows = page.getByRole('table', { name: 'Risk register' }).locator('tbody tr');
    return Promise.all((await rows.all()).map(async (row) => (await row.getAttribute('data-risk')) ?? ''));
  }

  it('counts each heat map cell, opens a cell as its risks, and moves treated risks on the residual map', async () => {
    const risks = await allRisks();
    expect(risks.length).toBeGreaterThan(5);
    const inherent = cellCounts(risks, 'inherent');
    const residual = cellCounts(risks, 'residual');

    const page = await suite.newPage(userOf('viewer'), '/risks');
    const map = page.getByRole('table', { name: 'Heat map of inherent scores' });
    await map.waitFor();
    for (let likelihood = 1; likelihood <= 5; likelihood++) {
      for (let impact = 1; impact <= 5; impact++) {
        const key = `${likelihood}x${impact}`;
        const cell = map.locator(`[data-cell="${key}"]`);
        expect(await cell.getByTestId('cell-count').textContent(), key).toBe(
          String(inherent.get(key)?.length ?? 0),
        );
        // The standing is said in words, not by colour alone: 9 is the default appetite.
        expect(await cell.textContent()).toContain(
          likelihood * impact > 9 ? 'above the appetite' : 'within the appetite',
        );
      }
    }

    // The fullest cell opens as exactly its risks.
    const [fullest, ids] = [...inherent].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(await registerIds(page, risks.length)).toHaveLength(risks.length);
    // Its button is named for a screen reader by its count, levels, score and standing.
    const [l, i] = fullest.split('x').map(Number) as [number, number];
    const standing = l * i > 9 ? 'above' : 'within';
    await map
      .getByRole('button', {
        name: new RegExp(
          // Blocks inside a button may add a space where they meet.
          `^${ids.length}\\s*risks? at likelihood ${l} .+, impact ${i} .+,\\s*score ${l * i}\\s*, ${standing} the appetite$`,
        ),
      })
      .click();
    await page.waitForURL(new RegExp(`cell=${fullest.replace('x', '-')}`));
    expect((await registerIds(page, ids.length)).sort()).toEqual([...ids].sort());

    // On the residual map a treated risk sits where its residual levels put it.
    await page.getByTestId('cell-filter').getByRole('button', { name: 'Show every cell' }).click();
    await page.locator('label', { hasText: /^Residual$/ }).click();
    const after = page.getByRole('table', { name: 'Heat map of residual scores' });
    await after.waitFor();
    const moved = risks.find(
      (risk) =>
        risk.spec.residual &&
        (risk.spec.residual.likelihood !== risk.spec.likelihood ||
          risk.spec.residual.impact !== risk.spec.impact),
    );
    if (!moved?.spec.residual) throw new Error('the example organisation has no risk with a residual score');
    const key = `${moved.spec.residual.likelihood}x${moved.spec.residual.impact}`;
    expect(await after.locator(`[data-cell="${key}"]`).getByTestId('cell-count').textContent()).toBe(
      String(residual.get(key)?.length ?? 0),
    );
    await after.locator(`[data-cell="${key}"]`).click();
    await page.waitForURL(/scale=residual/);
    const there = residual.get(key) ?? [];
    expect(there).toContain(moved.metadata.id);
    expect((await registerIds(page, there.length)).sort()).toEqual([...there].sort());
    await page.context().close();
  });

  it("opens a risk's cost per event, its annual loss figures, histogram and exceedance curve", async () => {
    const analysis = await api<RiskAnalysisAnswer>('/analysis/risk');
    const quantified = analysis.risks
      .filter((risk) => risk.ale !== null && risk.exceedance !== null)
      .sort((a, b) => (b.ale ?? 0) - (a.ale ?? 0));
    const top = quantified[0];
    if (!top) throw new Error('the example organisation has no quantified risk');
    const risk = await api<RiskDocument>(`/risks/${top.id}`);

    const page = await suite.newPage(userOf('viewer'), '/risks?sort=ale');
    // The register's first row by ALE is the risk the analysis puts first; its name opens its page.
    const first = page.getByRole('table', { name: 'Risk register' }).locator('tbody tr').first();
    await first.locator('[data-field="ale"]').getByText(/\d/).waitFor();
    expect(await first.getAttribute('data-risk')).toBe(top.id);
    await first.getByRole('link', { name: risk.metadata.name ?? top.id }).click();
    await page.waitForURL(new RegExp(`/risks/${top.id}$`));

    const locale = String(await page.evaluate('navigator.language'));
    const money = (amount: number | null) => formatMoney(amount ?? Number.NaN, analysis.currency, locale);
    const figure = (label: string) =>
      page.getByTestId('cost-figures').locator(`[data-figure="${label}"]`).locator('p').nth(1);
    expect(await figure('Cost per event').textContent()).toBe(money(top.lossPerEventMean));
    expect(await figure('Expected annual loss').textContent()).toBe(money(top.ale));
    expect(await figure('1 year in 100 costs more than').textContent()).toBe(money(top.p99));

    const curve = page.getByRole('figure', { name: 'Loss exceedance curve' });
    const line = curve.locator('path.recharts-line-curve');
    await line.waitFor();
    expect((await line.getAttribute('d'))?.length).toBeGreaterThan(20);
    expect(await curve.getAttribute('data-points')).toBe(
      String(top.exceedance!.filter((point) => point.loss > 0).length),
    );
    const histogram = page.getByRole('figure', { name: 'Histogram of annual loss' });
    await histogram.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await histogram.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(2);

    if (risk.spec.scenario) {
      expect(await page.getByRole('link', { name: 'Simulate', exact: true }).getAttribute('href')).toBe(
        `/simulator?fail=${encodeURIComponent(risk.spec.scenario.fail.join(','))}`,
      );
    }
    await page.context().close();
  });

  it('records a suggested single point of failure as an accepted risk, which then leaves the suggestions', async () => {
    const before = await api<RiskAnalysisAnswer>('/analysis/risk');
    const spof = before.suggested[0];
    if (!spof) throw new Error('the example organisation has no suggested single point of failure');
    const node = await api<{ metadata: { name?: string } }>(`/documents/${spof.node}`);
    const name = node.metadata.name ?? spof.node;

    // A viewer sees the suggestion but may not record it.
    const viewer = await suite.newPage(userOf('viewer'), '/risks');
    const viewerSection = viewer.getByRole('region', { name: 'Suggested risks' });
    await viewerSection.locator(`[data-node="${spof.node}"]`).waitFor();
    expect(await viewerSection.getByRole('button', { name: /^Record as a risk/ }).count()).toBe(0);
    await viewer.context().close();

    const page = await suite.newPage(userOf('manager'), '/risks');
    const section = page.getByRole('region', { name: 'Suggested risks' });
    const row = section.locator(`[data-node="${spof.node}"]`);
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await row.getByRole('button', { name: new RegExp(`^Record as a risk\\s*:\\s*${escaped}$`) }).click();
    const dialog = page.getByRole('dialog', { name: `Record ${name} as a risk` });
    await dialog.waitFor();
    const owner = dialog.getByRole('combobox', { name: /^Owner/ });
    if ((await owner.inputValue()) === '') {
      await owner.fill('infrastructure');
      await page.getByRole('option', { name: /\(team-infrastructure\)/ }).click();
    }
    await dialog.getByRole('combobox', { name: /^Accepted by/ }).fill('priya');
    await page.getByRole('option', { name: /\(priya-raman\)/ }).click();
    const on = await dialog.getByRole('textbox', { name: /^Accepted on/ }).inputValue();
    await dialog.getByRole('textbox', { name: /^Accepted until/ }).fill('2027-12-31');
    await dialog.getByRole('button', { name: 'Create risk' }).click();

    // The suggestion leaves the list and the register shows the risk as accepted.
    await dialog.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    const id = `risk-spof-${spof.node}`;
    const registered = page.getByRole('table', { name: 'Risk register' }).locator(`[data-risk="${id}"]`);
    await registered.getByTestId('accepted').waitFor();
    expect(await registered.getByTestId('accepted').textContent()).toMatch(/^accepted until /);

    const saved = await api<RiskDocument>(`/risks/${id}`);
    expect(saved.spec).toMatchObject({
      category: 'technical',
      scenario: { fail: [spof.node] },
      treatment: { decision: 'accept' },
      acceptance: { by: 'priya-raman', on, until: '2027-12-31' },
      lastReviewed: on,
    });
    expect(saved.spec.owner).not.toBe('');
    const after = await api<RiskAnalysisAnswer>('/analysis/risk');
    expect(after.suggested.map((entry) => entry.node)).not.toContain(spof.node);
    expect(after.suggested).toHaveLength(before.suggested.length - 1);

    // Its page says who accepted it and until when.
    await registered.getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/risks/${id}$`));
    const acceptance = page.getByRole('region', { name: 'Acceptance' });
    await acceptance.getByRole('link', { name: 'Priya Raman' }).waitFor();
    await acceptance.getByText('current').waitFor();
    await page.context().close();
  });
});
