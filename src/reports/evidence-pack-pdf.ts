import type { EvidencePackModel, PackVersion } from './evidence-pack-model.ts';
import { createReportPdf, MARGIN } from './report-pdf.ts';
import type { ReportPdf } from './report-pdf.ts';

/** A table: a bold header row, then the rows, each cell wrapping (widths as fractions of the page width). */
export function pdfTable(pdf: ReportPdf, head: string[], rows: string[][], fractions: number[]): void {
  const widths = pdf.columns(...fractions);
  pdf.row(head, widths, true);
  for (const row of rows) pdf.row(row, widths);
}

/** A paragraph at the left margin in the body font. */
export function paragraph(pdf: ReportPdf, text: string, options: { size?: number; bold?: boolean } = {}): void {
  pdf.doc
    .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(options.size ?? 10)
    .text(text, MARGIN, pdf.doc.y, { width: pdf.width })
    .font('Helvetica')
    .fontSize(10);
}

/**
 * Frozen versions: a row per version, its SHA-256 on a full-width line of its own below it so the 64 digits are
 * never broken across lines (a reader copies them to compare).
 */
function versionRows(pdf: ReportPdf, rows: readonly PackVersion[], about: string | null): void {
  const widths = pdf.columns(0.24, 0.22, 0.08, 0.16, 0.3);
  pdf.row([about ?? 'Plan', 'Document', 'Version', 'Approved by', 'Approved at / note'], widths, true);
  for (const row of rows) {
    pdf.row(
      [
        about === null ? row.name : row.about,
        row.id,
        row.version === null ? '-' : String(row.version),
        row.approvedBy,
        `${row.approvedAt}\n${row.note}`,
      ],
      widths,
    );
    pdf.row([`SHA-256 ${row.checksum}`], [pdf.width]);
  }
}

/** The auditor's evidence pack as a PDF (pdfkit, built-in fonts, no network), each page naming what it is. */
export function renderEvidencePackPdf(model: EvidencePackModel): Promise<Buffer> {
  const { header } = model;
  const pdf = createReportPdf({
    title: `${header.organisation}: evidence pack for ${model.framework.title}`,
    subject: `Lifeboat evidence pack ${model.framework.id} ${header.from} to ${header.to}`,
    running: header.running,
  });
  const { doc, heading, line } = pdf;

  // Title page: whose, on what, over which period, the score and the audit head.
  doc.font('Helvetica').fontSize(10).fillColor('#444').text(`Lifeboat evidence pack · ${model.framework.id}`);
  doc.fillColor('black').moveDown(2).font('Helvetica-Bold').fontSize(22);
  doc.text(`${header.organisation}: evidence pack for ${model.framework.title}`);
  doc.moveDown(1.5).font('Helvetica').fontSize(11);
  line('Organisation', header.organisation);
  line('Framework', model.framework.title);
  line('Period', `${header.from} to ${header.to}`);
  line('Checks evaluated on', model.at);
  line('Generated at', header.generatedAt);
  line('Score (passing items over all items)', model.score);
  line('Requirements', model.requirementCounts.map((c) => `${c.count} ${c.status}`).join(', ') || '-');
  if (model.audit) {
    line('Audit log head', `sequence ${model.audit.sequence}`);
    line('Head hash', model.audit.hash);
  } else line('Audit log head', model.auditNote);

  doc.addPage();
  heading('Requirements');
  pdfTable(
    pdf,
    ['Clause', 'Requirement', 'Checks', 'Status'],
    model.requirements.map((r) => [r.clause, r.title, r.checks, r.status]),
    [0.1, 0.55, 0.17, 0.18],
  );
  doc.moveDown(0.3);
  paragraph(
    pdf,
    'A requirement fails when one of its checks fails, passes when all that apply pass, and is manual when no check covers it: a person states how it is met.',
    { size: 8 },
  );

  heading('Statements on manual requirements');
  const manual = model.requirements.filter((r) => r.status === 'manual');
  if (manual.length === 0) paragraph(pdf, 'No requirement of this framework is manual.');
  for (const requirement of manual) {
    doc.moveDown(0.3);
    paragraph(pdf, `${requirement.clause} ${requirement.title}`, { bold: true });
    if (requirement.statements.length === 0) paragraph(pdf, 'No statement has been made.');
    for (const statement of requirement.statements) {
      paragraph(pdf, statement.text);
      paragraph(pdf, `${statement.madeBy}, ${statement.date} (${statement.id})`, { size: 8 });
    }
  }

  doc.addPage();
  heading('Check results');
  if (model.checks.length === 0) paragraph(pdf, 'No check evidences this framework.');
  for (const check of model.checks) {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.6);
    paragraph(pdf, `${check.id} ${check.title}: ${check.status}`, { bold: true, size: 11 });
    paragraph(pdf, check.rule, { size: 9 });
    paragraph(
      pdf,
      `Severity ${check.severity} · ${check.passed} passing, ${check.failed} failing · evidences ${check.clauses || '-'}`,
      { size: 8 },
    );
    doc.moveDown(0.2);
    if (check.items.length === 0) paragraph(pdf, 'Nothing in scope: not applicable.', { size: 9 });
    else
      pdfTable(
        pdf,
        ['Item', 'Kind', 'Status', 'Finding', 'Evidence'],
        check.items.map((item) => [item.id, item.kind, item.status, item.message, item.evidence.join('\n') || '-']),
        [0.17, 0.1, 0.07, 0.36, 0.3],
      );
  }

  doc.addPage();
  heading('Approved plan versions');
  paragraph(pdf, model.approvalNote, { size: 9 });
  doc.moveDown(0.3);
  if (model.plans.length === 0) paragraph(pdf, 'No approved plan version.');
  else versionRows(pdf, model.plans, null);
  if (model.plansNotApproved.length > 0)
    paragraph(pdf, `No approved version on ${header.to}: ${model.plansNotApproved.join('; ')}`, { bold: true });

  heading('BIA approvals');
  if (model.assessments.length === 0) paragraph(pdf, 'No approved impact assessment.');
  else versionRows(pdf, model.assessments, 'Service');
  if (model.assessmentsNotApproved.length > 0)
    paragraph(pdf, `No approved version on ${header.to}: ${model.assessmentsNotApproved.join('; ')}`, {
      bold: true,
    });

  heading('Exercise reports');
  if (model.exercises.length === 0) paragraph(pdf, 'No exercise in the period.');
  else
    pdfTable(
      pdf,
      ['Date', 'Exercise', 'Type', 'Status', 'Plans', 'Results'],
      model.exercises.map((e) => [e.date, `${e.title}\n${e.report}`, e.type, e.status, e.plans, e.results]),
      [0.12, 0.26, 0.1, 0.08, 0.16, 0.28],
    );

  heading('Incident records');
  if (model.incidents.length === 0) paragraph(pdf, 'No incident started in the period.');
  else
    pdfTable(
      pdf,
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
      [0.11, 0.2, 0.11, 0.08, 0.14, 0.22, 0.06, 0.08],
    );

  heading('Risk acceptances');
  if (model.acceptances.length === 0) paragraph(pdf, 'No risk has an acceptance.');
  else
    pdfTable(
      pdf,
      ['Risk', 'Decision', 'Accepted by', 'On', 'Until', 'State'],
      model.acceptances.map((a) => [`${a.name} (${a.id})`, a.decision, a.by, a.on, a.until, a.state]),
      [0.32, 0.1, 0.16, 0.11, 0.11, 0.2],
    );

  heading('Audit log head');
  if (model.audit === null) paragraph(pdf, model.auditNote);
  else {
    line('Sequence', String(model.audit.sequence));
    line('Written at', model.audit.at);
    line('Entries', String(model.audit.entries));
    line('Chain verified when the pack was made', model.audit.valid ? 'yes' : `no: ${model.audit.broken ?? 'broken'}`);
    line('Head hash', model.audit.hash);
    doc.moveDown(0.3);
    paragraph(pdf, model.audit.verify);
  }
  return pdf.end();
}
