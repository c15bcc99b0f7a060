import type { TrendChart } from './compliance-period.ts';
import { documentEnd, documentStart, factsTable } from './evidence-pack-html.ts';
import type { ManagementReviewModel } from './management-review-model.ts';
import { escapeHtml as escape, htmlTable as table } from './report-html.ts';

// The chart's geometry in SVG units: room for the score labels on the left and the months below.
const WIDTH = 600;
const HEIGHT = 200;
const LEFT = 40;
const TOP = 10;
const PLOT_WIDTH = WIDTH - LEFT - 10;
const PLOT_HEIGHT = HEIGHT - TOP - 30;

/** The readiness trend as inline SVG: the score over the period, a line through the daily snapshots. */
export function trendSvg(chart: TrendChart): string {
  const x = (percent: number) => (LEFT + (percent / 100) * PLOT_WIDTH).toFixed(1);
  const y = (percent: number) => (TOP + PLOT_HEIGHT - (percent / 100) * PLOT_HEIGHT).toFixed(1);
  const parts: string[] = [];
  for (const level of [0, 25, 50, 75, 100])
    parts.push(
      `<line x1="${LEFT}" y1="${y(level)}" x2="${LEFT + PLOT_WIDTH}" y2="${y(level)}" stroke="#ddd"/>` +
        `<text x="${LEFT - 6}" y="${Number(y(level)) + 4}" font-size="11" text-anchor="end" fill="#444">${level} %</text>`,
    );
  for (const month of chart.months)
    parts.push(
      `<text x="${x(month.x)}" y="${HEIGHT - 10}" font-size="10" text-anchor="middle" fill="#444">${escape(month.label)}</text>`,
    );
  if (chart.points.length > 1)
    parts.push(
      `<polyline class="trend" fill="none" stroke="#0b3d91" stroke-width="2" points="${chart.points.map((p) => `${x(p.x)},${y(p.y)}`).join(' ')}"/>`,
    );
  for (const point of chart.points)
    parts.push(
      `<circle class="snapshot" cx="${x(point.x)}" cy="${y(point.y)}" r="${chart.points.length > 60 ? 1.5 : 3}" fill="#0b3d91"><title>${escape(`${point.date}: ${Math.round(point.y)} %`)}</title></circle>`,
    );
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Readiness score over the period">${parts.join('')}</svg>`;
}

/** The management review (ISO 22301 9.3) as one self-contained HTML file: inline CSS and SVG, no script. */
export function renderManagementReviewHtml(model: ManagementReviewModel): string {
  const { header, readiness } = model;
  return `${documentStart(header, `${header.title} ${header.from} to ${header.to}`)}
<section class="title">
<p class="meta">Lifeboat management review · ${escape(header.framework)}</p>
<h1>${escape(`${header.organisation}: management review, ${header.from} to ${header.to}`)}</h1>
${factsTable([
  ['Organisation', header.organisation],
  ['Review of', header.framework],
  ['Period', `${header.from} to ${header.to}`],
  ['Generated at', header.generatedAt],
  ['Readiness (passing compliance items)', readiness.score],
  ['Decisions needed', String(model.decisions.length)],
])}
</section>
<h2>Decisions needed</h2>
${model.decisions.length === 0 ? '<p>None: no high-severity check fails, no risk above appetite is untreated, no action is overdue and no plan is due for review.</p>' : `<ol class="decisions">${model.decisions.map((d) => `<li>${escape(d)}</li>`).join('')}</ol>`}
<h2>Readiness and its trend</h2>
<p>Readiness now: <strong>${escape(readiness.score)}</strong>. ${escape(readiness.change)}</p>
${readiness.chart.points.length === 0 ? '' : `<div class="chart-box">${trendSvg(readiness.chart)}</div>`}
${readiness.monthly.length === 0 ? '' : table(['Snapshot (last of the month)', 'Readiness'], readiness.monthly.map((m) => [m.date, m.score]), 'trend')}
<h2>What changed</h2>
<h3>Checks whose status changed</h3>
${model.checkChanges.length === 0 ? '<p>No check changed status between the first and the last snapshot of the period.</p>' : table(['Check', 'Was', 'Is'], model.checkChanges.map((c) => [`${c.id} ${c.title}`, c.from, c.to]), 'check-changes')}
<h3>Documents created and updated</h3>
${model.documentNote ? `<p>${escape(model.documentNote)}</p>` : model.documentChanges.length === 0 ? '<p>No document was created or updated in the period.</p>' : table(['Kind', 'Created', 'Updated'], model.documentChanges.map((d) => [d.kind, String(d.created), String(d.updated)]), 'document-changes')}
<h2>Exercises and their results</h2>
${model.exercises.length === 0 ? '<p>No exercise in the period.</p>' : table(['Date', 'Exercise', 'Type', 'Status', 'Plans', 'Results'], model.exercises.map((e) => [e.date, e.title, e.type, e.status, e.plans, e.results]), 'exercises')}
<h2>Incidents</h2>
${model.incidents.length === 0 ? '<p>No incident started in the period.</p>' : table(['Started', 'Incident', 'Took', 'What failed', 'Root cause', 'Actions'], model.incidents.map((i) => [i.started, i.title, i.duration, i.failed, i.rootCause, i.actions]), 'incidents')}
<h2>Open and overdue actions</h2>
<p>${escape(`${model.actions.open} open, ${model.actions.overdue} overdue on ${header.to}.`)}</p>
${model.actions.rows.length === 0 ? '' : table(['Due', 'Action', 'From', 'Owner', 'Overdue'], model.actions.rows.map((a) => [a.due, a.title, `${a.document} (${a.source})`, a.owner, a.overdue ? 'OVERDUE' : '-']), 'actions')}
<h2>Top risks by annual loss expectancy</h2>
<p class="meta">${escape(`${model.risks.basis} The appetite is a score of ${model.risks.appetite}.`)}</p>
${model.risks.rows.length === 0 ? '<p>The register holds no risk.</p>' : table(['Risk', 'ALE', '90th percentile', 'Score', 'Above appetite', 'Treatment'], model.risks.rows.map((r) => [r.name, r.ale, r.p90, String(r.score), r.aboveAppetite ? 'yes' : 'no', r.treatment]), 'risks')}
<h2>Supplier concentration</h2>
${model.suppliers.note ? `<p>${escape(model.suppliers.note)}</p>` : ''}
${model.suppliers.rows.length === 0 ? '' : table(['Supplier', 'Score', 'Services down with it', 'Critical functions', 'Substitutability', 'Exit plan'], model.suppliers.rows.map((s) => [s.name, s.score, s.servicesDown, s.criticalShare, s.substitutability, s.exitPlan]), 'suppliers')}
${model.suppliers.fourthParties.length === 0 ? '' : `<h3>Subcontractors several suppliers share</h3><ul>${model.suppliers.fourthParties.map((f) => `<li>${escape(f)}</li>`).join('')}</ul>`}
${documentEnd(header)}`;
}
