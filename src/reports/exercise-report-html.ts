import { CHART_COLOURS, CHART_SERIES, SERIES_LABELS } from './exercise-report-chart.ts';
import type { ServiceChart } from './exercise-report-chart.ts';
import type { ExerciseReportModel } from './exercise-report-model.ts';
import { escapeHtml as escape, htmlTable as table, REPORT_STYLE } from './report-html.ts';

const STYLE = `${REPORT_STYLE}
.chart-box{overflow-x:auto}.chart{width:100%;min-width:26rem;height:auto;max-width:44rem;display:block;margin:.5rem 0}
.chart text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.missed{color:#b91c1c;font-weight:600}
@media print{.chart{break-inside:avoid}}
`;

// The chart's geometry in SVG units: a label column, the plot, room for the value after the longest bar.
const WIDTH = 600;
const PLOT_LEFT = 120;
const PLOT_WIDTH = 370;
const BAR = 13;
const BAR_GAP = 3;
const NAME_HEIGHT = 18;
const GROUP_GAP = 10;
const LEGEND_HEIGHT = 26;
const AXIS_HEIGHT = 22;
const SHORT_LABELS = { target: 'Target', predicted: 'Predicted', achieved: 'Achieved' } as const;

/** The grouped bars as inline SVG: per service, target, predicted and achieved; a missed achieved time in red. */
export function chartSvg(chart: ServiceChart): string {
  const groupHeight = NAME_HEIGHT + CHART_SERIES.length * (BAR + BAR_GAP) + GROUP_GAP;
  const height = LEGEND_HEIGHT + chart.groups.length * groupHeight + AXIS_HEIGHT;
  const x = (percent: number) => PLOT_LEFT + (percent / 100) * PLOT_WIDTH;
  const parts: string[] = [];
  // Legend: one swatch per series, and the missed colour.
  let legendX = 0;
  for (const [key, label] of [...CHART_SERIES.map((s) => [s, SERIES_LABELS[s]] as const), ['missed', 'Missed the target'] as const]) {
    parts.push(
      `<rect x="${legendX}" y="4" width="12" height="12" fill="${CHART_COLOURS[key]}"/><text x="${legendX + 16}" y="14" font-size="12">${escape(label)}</text>`,
    );
    legendX += 24 + label.length * 6.4;
  }
  const plotBottom = height - AXIS_HEIGHT;
  for (const tick of chart.ticks)
    parts.push(
      `<line x1="${x(tick.at).toFixed(1)}" y1="${LEGEND_HEIGHT}" x2="${x(tick.at).toFixed(1)}" y2="${plotBottom}" stroke="#ddd"/>` +
        `<text x="${x(tick.at).toFixed(1)}" y="${plotBottom + 15}" font-size="11" text-anchor="middle" fill="#444">${escape(tick.label)}</text>`,
    );
  chart.groups.forEach((group, g) => {
    const top = LEGEND_HEIGHT + g * groupHeight;
    parts.push(
      `<g class="service" data-service="${escape(group.id)}"><text x="0" y="${top + 13}" font-size="13" font-weight="600">${escape(group.name)}</text>`,
    );
    group.bars.forEach((bar, b) => {
      const y = top + NAME_HEIGHT + b * (BAR + BAR_GAP);
      const colour = bar.missed ? CHART_COLOURS.missed : CHART_COLOURS[bar.series];
      const length = (bar.width / 100) * PLOT_WIDTH;
      parts.push(
        `<text x="${PLOT_LEFT - 6}" y="${y + 10}" font-size="11" text-anchor="end" fill="#444">${SHORT_LABELS[bar.series]}</text>`,
      );
      if (bar.minutes !== null)
        parts.push(
          `<rect class="bar ${bar.series}${bar.missed ? ' missed' : ''}" data-minutes="${bar.minutes}" x="${PLOT_LEFT}" y="${y}" width="${length.toFixed(2)}" height="${BAR}" fill="${colour}"><title>${escape(`${group.name}: ${SERIES_LABELS[bar.series]} ${bar.label}`)}</title></rect>`,
        );
      // Off scale: a break across the bar's end says it goes on.
      if (bar.clipped)
        parts.push(
          `<path d="M${x(100) - 14} ${y + BAR + 1} l6 ${-BAR - 2} m4 0 l-6 ${BAR + 2}" stroke="#fff" stroke-width="2.5"/>`,
        );
      parts.push(
        `<text x="${(PLOT_LEFT + length + 5).toFixed(1)}" y="${y + 10}" font-size="11"${bar.missed ? ' fill="#b91c1c" font-weight="600"' : ''}>${escape(bar.label)}</text>`,
      );
    });
    parts.push('</g>');
  });
  parts.push(
    `<line x1="${PLOT_LEFT}" y1="${plotBottom}" x2="${PLOT_LEFT + PLOT_WIDTH}" y2="${plotBottom}" stroke="#444"/>`,
  );
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Restore time per service: target, predicted and achieved">${parts.join('')}</svg>`;
}

/** The recorded timeline; the plan column only when the exercise tests more than one plan. */
function timelineTable(model: ExerciseReportModel): string {
  const withPlan = model.plans.length > 1;
  const head = ['Time (UTC)', 'Since start', 'What', 'Plan', 'Started', 'Finished', 'Took', 'Outcome', 'Notes'];
  const rows = model.timeline.map((e) => [e.time, e.offset, e.what, e.plan, e.started, e.finished, e.duration, e.outcome, e.notes]);
  const keep = (cells: string[]) => cells.filter((_, i) => withPlan || i !== 3);
  return table(keep(head), rows.map(keep), 'timeline');
}

/** The exercise report as one self-contained HTML file: inline CSS and SVG, no script, no network. */
export function renderExerciseReportHtml(model: ExerciseReportModel): string {
  const plans = model.plans.map(
    (plan) =>
      `${plan.name} (${plan.status}${plan.version === null ? '' : `, version ${plan.version}`}${plan.approvedBy ? `, approved by ${plan.approvedBy} ${plan.approvedAt ?? ''}` : ''})`,
  );
  const row = (label: string, value: string) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`;
  const missed = model.services.filter((service) => service.verdict === 'MISSED').map((service) => service.name);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(model.title)}</title><style>${STYLE}</style></head><body>
<section class="title">
<p class="meta">Lifeboat exercise report · ${escape(model.id)}</p>
<h1>${escape(model.title)}</h1>
<table><tbody>
${row('Type', model.type)}
${row('Status', model.status)}
${row('Scheduled', model.scheduled)}
${row('Started', model.started ?? '-')}
${row('Finished', model.finished ?? '-')}
${row('Duration', model.duration)}
${row('Plans', plans.join('; '))}
${row('Generated at', model.generatedAt)}
${row('Exercise record', `${model.source.version === null ? '' : `version ${model.source.version}, `}SHA-256 ${model.source.checksum}`)}
</tbody></table>
${model.notRun ? `<p class="warn">${escape(model.notRun)}</p>` : ''}
${missed.length > 0 ? `<p class="warn missed">Missed the RTO: ${escape(missed.join(', '))}</p>` : ''}
</section>
<h2>Scope</h2>
<p>Failed in this exercise (${escape(model.scenario.source)}): ${escape(model.scenario.fail.map((node) => node.name).join(', ') || '-')}</p>
<p>Plans exercised: ${escape(plans.join('; '))}</p>
<h3>Objectives</h3>
<p>${escape(model.objectives || '-')}</p>
<h2>Participants</h2>
<p>Facilitator: ${escape(model.facilitator?.name ?? '-')}</p>
${table(
  ['Who', 'Kind', 'Role'],
  model.participants.map((p) => [p.name, p.kind, p.role]),
)}
<h2>Timeline</h2>
${model.timeline.length === 0 ? '<p>No steps or restore times recorded.</p>' : timelineTable(model)}
<h2>Achieved against predicted against target</h2>
${model.services.length === 0 ? '<p>No service in scope.</p>' : `<div class="chart-box">${chartSvg(model.chart)}</div>`}
${table(
  ['Service', 'Tier', 'Target (RTO)', 'Predicted (plans)', 'Graph alone', 'Achieved', 'Met RTO', 'Data lost', 'RPO', 'Met RPO'],
  model.services.map((s) => [
    s.name,
    s.tier === null ? '-' : String(s.tier),
    s.target,
    s.predicted,
    s.graph,
    s.achieved,
    s.verdict,
    s.dataLoss,
    s.rpo,
    s.dataLossVerdict,
  ]),
  'services',
)}
<p class="meta">Predicted: the exercise's scenario with its plans' steps followed; graph alone: the same scenario with the catalog's own recovery times. The target is the catalog's current RTO. Times from the exercise's start.</p>
<h2>Model calibration</h2>
${
  model.calibration.length === 0
    ? '<p>Nothing measured that the catalog predicts.</p>'
    : table(
        ['What', 'Predicted', 'Achieved', 'Predicted / achieved', 'Reading'],
        model.calibration.map((c) => [c.name, c.predicted, c.achieved, c.ratio, c.reading]),
      )
}
<h2>Findings</h2>
${
  model.findings.length === 0
    ? '<p>No findings recorded.</p>'
    : table(
        ['Finding', 'Severity', 'Owner', 'Due', 'Status', 'Description'],
        model.findings.map((f) => [f.title, f.severity, f.owner, f.due, f.status, f.description]),
        'findings',
      )
}
<h2>Summary</h2>
<p>${escape(model.summary || '-')}</p>
<h2>Lessons learnt</h2>
${model.lessons.length === 0 ? '<p>-</p>' : `<ul class="lessons">${model.lessons.map((lesson) => `<li>${escape(lesson)}</li>`).join('')}</ul>`}
<p class="meta">Generated ${escape(model.generatedAt)} · exercise record SHA-256 ${escape(model.source.checksum)}</p>
</body></html>
`;
}
