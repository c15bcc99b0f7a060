import type { PackHeader } from './compliance-period.ts';
import type { EvidencePackModel, PackVersion } from './evidence-pack-model.ts';
import { escapeHtml as escape, htmlTable as table, REPORT_STYLE } from './report-html.ts';

/**
 * The style of the compliance reports: the shared one, the running line at the top and bottom (fixed in print, so
 * every printed page carries it), statuses marked, and hashes in a fixed-width font that wraps anywhere.
 */
export const COMPLIANCE_STYLE = `${REPORT_STYLE}
.running{color:#555;font-size:.8rem;border-bottom:1px solid #ccc;padding:.2rem 0;margin-bottom:1rem}
footer.running{border-bottom:0;border-top:1px solid #ccc;margin:2rem 0 0}
.hash,.versions td:nth-child(6){font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;word-break:break-all}
.fail{color:#b91c1c;font-weight:600}.pass{color:#166534}
.check{break-inside:avoid-page}
.exercises td:first-child,.incidents td:first-child,.actions td:first-child,.acceptances td:nth-child(4),.acceptances td:nth-child(5){white-space:nowrap}
@media print{header.running{position:fixed;top:0;left:0;right:0;background:#fff}footer.running{position:fixed;bottom:0;left:0;right:0;background:#fff}body{margin:1.5cm 0}}
`;

/** A two-column table of labels and values (values escaped). */
export function factsTable(rows: [string, string][]): string {
  return `<table><tbody>${rows.map(([label, value]) => `<tr><th>${escape(label)}</th><td>${escape(value)}</td></tr>`).join('')}</tbody></table>`;
}

/** The start of a compliance report's file: its title, style and the running line. */
export function documentStart(header: PackHeader, heading: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(`${header.organisation}: ${heading}`)}</title><style>${COMPLIANCE_STYLE}</style></head><body>
<header class="running">${escape(header.running)}</header>`;
}

/** The end of a compliance report's file: the running line again. */
export const documentEnd = (header: PackHeader): string =>
  `<footer class="running">${escape(header.running)}</footer>\n</body></html>\n`;

/** A status word, marked when it passes or fails. */
const status = (value: string): string =>
  value === 'fail' || value === 'pass' ? `<span class="${value}">${escape(value)}</span>` : escape(value);

/** Frozen versions: one row each, the checksum in full. */
function versionsTable(rows: readonly PackVersion[], about: string | null): string {
  const head = [about ?? 'Plan', 'Document', 'Version', 'Approved by', 'Approved at', 'SHA-256', 'Note'];
  return table(
    head,
    rows.map((row) => [
      about === null ? row.name : row.about,
      row.id,
      row.version === null ? '-' : String(row.version),
      row.approvedBy,
      row.approvedAt,
      row.checksum,
      row.note,
    ]),
    'versions',
  );
}

/** The auditor's evidence pack as one self-contained HTML file: inline CSS, no script, no network. */
export function renderEvidencePackHtml(model: EvidencePackModel): string {
  const { header } = model;
  const requirementRows = model.requirements
    .map(
      (r) =>
        `<tr><td>${escape(r.clause)}</td><td>${escape(r.title)}</td><td>${escape(r.checks)}</td><td>${status(r.status)}</td></tr>`,
    )
    .join('');
  const statements = model.requirements.filter((r) => r.status === 'manual');
  const checks = model.checks
    .map(
      (check) => `<section class="check" id="${escape(check.id)}">
<h3>${escape(`${check.id} ${check.title}`)}: ${status(check.status)}</h3>
<p>${escape(check.rule)}</p>
<p class="meta">${escape(`Severity ${check.severity} · ${check.passed} passing, ${check.failed} failing · evidences ${check.clauses || '-'}`)}</p>
${
  check.items.length === 0
    ? '<p>Nothing in scope: not applicable.</p>'
    : `<table class="items"><thead><tr><th>Item</th><th>Kind</th><th>Status</th><th>Finding</th><th>Evidence</th></tr></thead><tbody>${check.items
        .map(
          (item) =>
            `<tr><td>${escape(item.id)}</td><td>${escape(item.kind)}</td><td>${status(item.status)}</td><td>${escape(item.message)}</td><td>${item.evidence.map(escape).join('<br>') || '-'}</td></tr>`,
        )
        .join('')}</tbody></table>`
}
</section>`,
    )
    .join('\n');
  const audit = model.audit;
  return `${documentStart(header, `${header.title}, ${model.framework.title}`)}
<section class="title">
<p class="meta">Lifeboat evidence pack · ${escape(model.framework.id)}</p>
<h1>${escape(`${header.organisation}: evidence pack for ${model.framework.title}`)}</h1>
${factsTable([
  ['Organisation', header.organisation],
  ['Framework', model.framework.title],
  ['Period', `${header.from} to ${header.to}`],
  ['Checks evaluated on', model.at],
  ['Generated at', header.generatedAt],
  ['Score (passing items over all items)', model.score],
  ['Requirements', model.requirementCounts.map((c) => `${c.count} ${c.status}`).join(', ') || '-'],
  ['Audit log head', audit ? `sequence ${audit.sequence}, hash ${audit.hash}` : model.auditNote],
])}
</section>
<h2>Requirements</h2>
<table class="requirements"><thead><tr><th>Clause</th><th>Requirement</th><th>Checks</th><th>Status</th></tr></thead><tbody>${requirementRows}</tbody></table>
<p class="meta">A requirement fails when one of its checks fails, passes when all that apply pass, and is manual when no check covers it: a person states how it is met.</p>
<h2>Statements on manual requirements</h2>
${
  statements.length === 0
    ? '<p>No requirement of this framework is manual.</p>'
    : statements
        .map(
          (r) =>
            `<h3>${escape(`${r.clause} ${r.title}`)}</h3>${
              r.statements.length === 0
                ? '<p class="warn">No statement has been made.</p>'
                : r.statements
                    .map(
                      (s) =>
                        `<blockquote class="statement">${escape(s.text)}</blockquote><p class="meta">${escape(`${s.madeBy}, ${s.date} (${s.id})`)}</p>`,
                    )
                    .join('')
            }`,
        )
        .join('\n')
}
<h2>Check results</h2>
${checks || '<p>No check evidences this framework.</p>'}
<h2>Approved plan versions</h2>
<p>${escape(model.approvalNote)}</p>
${model.plans.length === 0 ? '<p>No approved plan version.</p>' : versionsTable(model.plans, null)}
${model.plansNotApproved.length > 0 ? `<p class="warn">${escape(`No approved version on ${header.to}: ${model.plansNotApproved.join('; ')}`)}</p>` : ''}
<h2>BIA approvals</h2>
${model.assessments.length === 0 ? '<p>No approved impact assessment.</p>' : versionsTable(model.assessments, 'Service')}
${model.assessmentsNotApproved.length > 0 ? `<p class="warn">${escape(`No approved version on ${header.to}: ${model.assessmentsNotApproved.join('; ')}`)}</p>` : ''}
<h2>Exercise reports</h2>
${
  model.exercises.length === 0
    ? '<p>No exercise in the period.</p>'
    : table(
        ['Date', 'Exercise', 'Type', 'Status', 'Plans', 'Results', 'Full report'],
        model.exercises.map((e) => [e.date, `${e.title} (${e.id})`, e.type, e.status, e.plans, e.results, e.report]),
        'exercises',
      )
}
<h2>Incident records</h2>
${
  model.incidents.length === 0
    ? '<p>No incident started in the period.</p>'
    : table(
        ['Started', 'Incident', 'Resolved', 'Took', 'What failed', 'Root cause', 'Lessons', 'Actions'],
        model.incidents.map((i) => [
          i.started,
          `${i.title} (${i.id})`,
          i.resolved,
          i.duration,
          i.failed,
          i.rootCause,
          String(i.lessons),
          i.actions,
        ]),
        'incidents',
      )
}
<h2>Risk acceptances</h2>
${
  model.acceptances.length === 0
    ? '<p>No risk has an acceptance.</p>'
    : table(
        ['Risk', 'Decision', 'Accepted by', 'On', 'Until', 'State'],
        model.acceptances.map((a) => [`${a.name} (${a.id})`, a.decision, a.by, a.on, a.until, a.state]),
        'acceptances',
      )
}
<h2>Audit log head</h2>
${
  audit === null
    ? `<p>${escape(model.auditNote)}</p>`
    : `${factsTable([
        ['Sequence', String(audit.sequence)],
        ['Written at', audit.at],
        ['Entries', String(audit.entries)],
        ['Chain verified when the pack was made', audit.valid ? 'yes' : `no: ${audit.broken ?? 'broken'}`],
      ])}
<p>Head hash: <span class="hash">${escape(audit.hash)}</span></p>
<p>${escape(audit.verify)}</p>`
}
${documentEnd(header)}`;
}
