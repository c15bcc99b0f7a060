import type { PackModel } from './pack-model.ts';
import { minutesText } from './pack-model.ts';
import { escapeHtml as escape, htmlTable as table, REPORT_STYLE } from './report-html.ts';

// The shared report style, and the Gantt's own rules.
const STYLE = `${REPORT_STYLE}
.gantt-table td:first-child{width:35%}.gantt{position:relative;height:1.1rem;background:#f2f2f2}.bar{position:absolute;top:0;bottom:0;background:#0b3d91}.bar.instant{background:#c2410c}
.axis{position:relative;height:1.2rem;font-weight:400;font-size:.75rem}.tick{position:absolute;transform:translateX(-50%);white-space:nowrap}
.tick:first-child{transform:none}.tick:last-child{transform:translateX(-100%)}
.phone{white-space:nowrap;font-weight:600}
`;

/** The plan pack as one self-contained HTML file: inline CSS with a print style sheet, no script, no network. */
export function renderPackHtml(model: PackModel): string {
  const { timeline } = model;
  const ticks = timeline.ticks
    .map((tick) => `<span class="tick" style="left:${tick.at.toFixed(2)}%">${escape(tick.label)}</span>`)
    .join('');
  const gantt = timeline.bars
    .map((bar) => {
      const when = `${minutesText(bar.start)} to ${minutesText(bar.end)}`;
      return `<tr><td>${escape(bar.name)}</td><td class="ganttcell"><div class="gantt"><div class="bar${bar.instant ? ' instant' : ''}" style="left:${bar.left.toFixed(2)}%;width:${bar.width.toFixed(2)}%" title="${escape(when)}"></div></div></td></tr>`;
    })
    .join('');
  const version = model.version.number === null ? 'draft (not approved)' : `version ${model.version.number}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(model.title)}</title><style>${STYLE}</style></head><body>
<section class="title">
<p class="meta">Lifeboat plan pack · ${escape(model.id)}</p>
<h1>${escape(model.title)}</h1>
<p>${escape(model.description)}</p>
<table><tbody>
<tr><th>Version</th><td>${escape(version)}</td></tr>
<tr><th>Status</th><td>${escape(model.status)}</td></tr>
<tr><th>Approved by</th><td>${escape(model.version.approvedBy ?? '-')} ${escape(model.version.approvedAt ?? '')}</td></tr>
<tr><th>Owner</th><td>${escape(model.owner)}</td></tr>
<tr><th>Last reviewed</th><td>${escape(model.review.lastReviewed ?? 'never')}</td></tr>
<tr><th>Next review due</th><td>${escape(model.review.nextReview ?? 'now')}</td></tr>
<tr><th>Exported at</th><td>${escape(model.exportedAt)}</td></tr>
<tr><th>SHA-256 of the plan version</th><td><code>${escape(model.version.checksum)}</code></td></tr>
</tbody></table>
${model.review.due ? `<p class="warn">Due for review: ${escape(model.review.reasons.join('; '))}</p>` : ''}
</section>
<h2>Scope</h2>
<p>${escape(model.scenario.description)}</p>
<p>Failed in this scenario: ${escape(model.scenario.fail.join(', '))}</p>
<h2>Activation criteria</h2>
<p>${escape(model.activation)}</p>
<h2>Call tree</h2>
${table(
  ['#', 'Who', 'Role', 'Phone', 'Escalate after', 'Deputy', 'Deputy phone'],
  model.contacts.map((c) => [String(c.order), c.name, c.role, c.phone, c.escalateAfter, c.deputy?.name ?? '-', c.deputy?.phone ?? '-']),
)}
<h2>Steps</h2>
${model.phases
  .filter((phase) => phase.steps.length > 0)
  .map(
    (phase) =>
      `<h3>${escape(phase.name)}</h3>${table(
        ['Step', 'Owner', 'Duration', 'After', 'Details'],
        phase.steps.map((s) => [s.title, s.owner, s.duration, s.after.join(', '), s.details]),
      )}`,
  )
  .join('')}
${model.stepProblems.length > 0 ? `<p class="warn">The written step order contradicts the dependency graph: ${escape(model.stepProblems.join('; '))}</p>` : ''}
<h2>Recovery order (generated)</h2>
${table(
  ['#', 'What', 'Kind', 'Start', 'Back', 'Waits for'],
  model.recovery.items.map((item, i) => [String(i + 1), item.name, item.kind, minutesText(item.start), minutesText(item.end), item.waitsFor.join(', ')]),
)}
${model.recovery.unrecoverable.length > 0 ? `<p class="warn">Never comes back (dependency cycle): ${escape(model.recovery.unrecoverable.map((u) => `${u.id} (${u.cycle.join(' -> ')})`).join('; '))}</p>` : ''}
<h3>Timeline</h3>
<table class="gantt-table"><thead><tr><th>What</th><th><div class="axis">${ticks}</div></th></tr></thead><tbody>${gantt}</tbody></table>
<p class="meta">From 0 to ${escape(minutesText(timeline.total))} after the disruption. The time axis is compressed so that minutes and weeks both show: each gap between two events is drawn by the logarithm of its length, so read times from the labels (or the table above). A thin mark is something back as soon as what it waits for is.</p>
<h2>Services in scope</h2>
${table(
  ['Service', 'Tier', 'RTO', 'RPO', 'MTPD', 'Back after (model)', 'Breach'],
  model.services.map((s) => [s.name, s.tier === null ? '-' : String(s.tier), s.rto, s.rpo, s.mtpd, s.restore, s.breach]),
)}
<p class="meta">Exported ${escape(model.exportedAt)} · plan version SHA-256 ${escape(model.version.checksum)}</p>
</body></html>
`;
}
