import type { TrendChart } from './compliance-period.ts';
import { paragraph, pdfTable } from './evidence-pack-pdf.ts';
import type { ManagementReviewModel } from './management-review-model.ts';
import { createReportPdf, MARGIN } from './report-pdf.ts';
import type { ReportPdf } from './report-pdf.ts';

/** The colour of the readiness line and its points. */
export const TREND_COLOUR = '#0b3d91';

/** The readiness trend as vector lines: the score (0 to 100 %) over the period. */
function drawTrend(pdf: ReportPdf, chart: TrendChart): void {
  const { doc, width } = pdf;
  const height = 140;
  if (doc.y + height + 30 > doc.page.height - MARGIN) doc.addPage();
  const left = MARGIN + 35;
  const plotWidth = width - 45;
  const top = doc.y + 5;
  const x = (percent: number) => left + (percent / 100) * plotWidth;
  const y = (percent: number) => top + height - (percent / 100) * height;
  doc.font('Helvetica').fontSize(7).fillColor('#444');
  for (const level of [0, 25, 50, 75, 100]) {
    doc.moveTo(left, y(level)).lineTo(left + plotWidth, y(level)).lineWidth(0.5).strokeColor('#dddddd').stroke();
    doc.text(`${level} %`, MARGIN, y(level) - 3, { width: 30, align: 'right', lineBreak: false });
  }
  for (const month of chart.months)
    doc.text(month.label, x(month.x) - 15, top + height + 4, { width: 30, align: 'center', lineBreak: false });
  doc.lineWidth(1.5).strokeColor(TREND_COLOUR);
  chart.points.forEach((point, index) => {
    if (index === 0) doc.moveTo(x(point.x), y(point.y));
    else doc.lineTo(x(point.x), y(point.y));
  });
  if (chart.points.length > 1) doc.stroke();
  for (const point of chart.points) doc.circle(x(point.x), y(point.y), 1.5).fill(TREND_COLOUR);
  doc.lineWidth(1).strokeColor('black').fillColor('black');
  doc.x = MARGIN;
  doc.y = top + height + 18;
}

/** The management review (ISO 22301 9.3) as a PDF (pdfkit, built-in fonts, no network), each page naming itself. */
export function renderManagementReviewPdf(model: ManagementReviewModel): Promise<Buffer> {
  const { header, readiness } = model;
  const pdf = createReportPdf({
    title: `${header.organisation}: management review ${header.from} to ${header.to}`,
    subject: `Lifeboat management review ${header.from} to ${header.to}`,
    running: header.running,
  });
  const { doc, heading, line } = pdf;

  doc.font('Helvetica').fontSize(10).fillColor('#444').text(`Lifeboat management review · ${header.framework}`);
  doc.fillColor('black').moveDown(2).font('Helvetica-Bold').fontSize(22);
  doc.text(`${header.organisation}: management review, ${header.from} to ${header.to}`);
  doc.moveDown(1.5).font('Helvetica').fontSize(11);
  line('Organisation', header.organisation);
  line('Review of', header.framework);
  line('Period', `${header.from} to ${header.to}`);
  line('Generated at', header.generatedAt);
  line('Readiness (passing compliance items)', readiness.score);
  line('Decisions needed', String(model.decisions.length));

  heading('Decisions needed');
  if (model.decisions.length === 0)
    paragraph(
      pdf,
      'None: no high-severity check fails, no risk above appetite is untreated, no action is overdue and no plan is due for review.',
    );
  model.decisions.forEach((decision, index) => paragraph(pdf, `${index + 1}. ${decision}`));

  doc.addPage();
  heading('Readiness and its trend');
  paragraph(pdf, `Readiness now: ${readiness.score}. ${readiness.change}`);
  if (readiness.chart.points.length > 0) {
    doc.moveDown(0.5);
    drawTrend(pdf, readiness.chart);
  }
  if (readiness.monthly.length > 0)
    pdfTable(
      pdf,
      ['Snapshot (last of the month)', 'Readiness'],
      readiness.monthly.map((m) => [m.date, m.score]),
      [0.5, 0.5],
    );

  heading('What changed');
  paragraph(pdf, 'Checks whose status changed', { bold: true });
  if (model.checkChanges.length === 0)
    paragraph(pdf, 'No check changed status between the first and the last snapshot of the period.');
  else
    pdfTable(
      pdf,
      ['Check', 'Was', 'Is'],
      model.checkChanges.map((c) => [`${c.id} ${c.title}`, c.from, c.to]),
      [0.4, 0.25, 0.35],
    );
  doc.moveDown(0.5);
  paragraph(pdf, 'Documents created and updated', { bold: true });
  if (model.documentNote) paragraph(pdf, model.documentNote);
  else if (model.documentChanges.length === 0) paragraph(pdf, 'No document was created or updated in the period.');
  else
    pdfTable(
      pdf,
      ['Kind', 'Created', 'Updated'],
      model.documentChanges.map((d) => [d.kind, String(d.created), String(d.updated)]),
      [0.5, 0.25, 0.25],
    );

  heading('Exercises and their results');
  if (model.exercises.length === 0) paragraph(pdf, 'No exercise in the period.');
  else
    pdfTable(
      pdf,
      ['Date', 'Exercise', 'Type', 'Status', 'Plans', 'Results'],
      model.exercises.map((e) => [e.date, e.title, e.type, e.status, e.plans, e.results]),
      [0.12, 0.22, 0.1, 0.08, 0.18, 0.3],
    );

  heading('Incidents');
  if (model.incidents.length === 0) paragraph(pdf, 'No incident started in the period.');
  else
    pdfTable(
      pdf,
      ['Started', 'Incident', 'Took', 'What failed', 'Root cause', 'Actions'],
      model.incidents.map((i) => [i.started, i.title, i.duration, i.failed, i.rootCause, i.actions]),
      [0.13, 0.22, 0.08, 0.17, 0.3, 0.1],
    );

  heading('Open and overdue actions');
  paragraph(pdf, `${model.actions.open} open, ${model.actions.overdue} overdue on ${header.to}.`);
  if (model.actions.rows.length > 0) {
    doc.moveDown(0.3);
    pdfTable(
      pdf,
      ['Due', 'Action', 'From', 'Owner', 'Overdue'],
      model.actions.rows.map((a) => [a.due, a.title, `${a.document} (${a.source})`, a.owner, a.overdue ? 'OVERDUE' : '-']),
      [0.11, 0.33, 0.3, 0.15, 0.11],
    );
  }

  heading('Top risks by annual loss expectancy');
  paragraph(pdf, `${model.risks.basis} The appetite is a score of ${model.risks.appetite}.`, { size: 8 });
  doc.moveDown(0.3);
  if (model.risks.rows.length === 0) paragraph(pdf, 'The register holds no risk.');
  else
    pdfTable(
      pdf,
      ['Risk', 'ALE', '90th percentile', 'Score', 'Above appetite', 'Treatment'],
      model.risks.rows.map((r) => [r.name, r.ale, r.p90, String(r.score), r.aboveAppetite ? 'yes' : 'no', r.treatment]),
      [0.34, 0.17, 0.17, 0.08, 0.11, 0.13],
    );

  heading('Supplier concentration');
  if (model.suppliers.note) paragraph(pdf, model.suppliers.note);
  if (model.suppliers.rows.length > 0)
    pdfTable(
      pdf,
      ['Supplier', 'Score', 'Services down with it', 'Critical functions', 'Substitutability', 'Exit plan'],
      model.suppliers.rows.map((s) => [s.name, s.score, s.servicesDown, s.criticalShare, s.substitutability, s.exitPlan]),
      [0.16, 0.07, 0.27, 0.1, 0.2, 0.2],
    );
  if (model.suppliers.fourthParties.length > 0) {
    doc.moveDown(0.5);
    paragraph(pdf, 'Subcontractors several suppliers share', { bold: true });
    for (const entry of model.suppliers.fourthParties) paragraph(pdf, entry);
  }
  return pdf.end();
}
