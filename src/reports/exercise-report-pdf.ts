import { CHART_COLOURS, CHART_SERIES, SERIES_LABELS } from './exercise-report-chart.ts';
import type { ServiceChart } from './exercise-report-chart.ts';
import type { ExerciseReportModel } from './exercise-report-model.ts';
import { createReportPdf, MARGIN } from './report-pdf.ts';
import type { ReportPdf } from './report-pdf.ts';

/** The chart's plot starts this far right of the margin (points): the service and series labels go before it. */
export const PLOT_OFFSET = 130;
const SHORT_LABELS = { target: 'Target', predicted: 'Predicted', achieved: 'Achieved' } as const;
const BAR = 8;
const BAR_STEP = 10;

/** The grouped bars as vector rectangles, one service after another; the axis repeats on each page. */
function drawChart(pdf: ReportPdf, chart: ServiceChart): void {
  const { doc, width } = pdf;
  const plotLeft = MARGIN + PLOT_OFFSET;
  // Room after the plot for the longest value label ("4w50m (off scale)").
  const plotWidth = width - PLOT_OFFSET - 85;
  const x = (percent: number) => plotLeft + (percent / 100) * plotWidth;
  const groupHeight = 12 + CHART_SERIES.length * BAR_STEP + 6;

  // Legend: a swatch per series and for a missed target.
  let legendX = MARGIN;
  const legendTop = doc.y;
  doc.font('Helvetica').fontSize(8);
  for (const [key, label] of [
    ...CHART_SERIES.map((series) => [series, SERIES_LABELS[series]] as const),
    ['missed', 'Missed the target'] as const,
  ]) {
    doc.rect(legendX, legendTop + 1, 7, 7).fill(CHART_COLOURS[key]);
    doc.fillColor('black').text(label, legendX + 10, legendTop, { lineBreak: false });
    legendX += 18 + doc.widthOfString(label);
  }
  doc.y = legendTop + 14;

  const axis = (): void => {
    const top = doc.y;
    doc.font('Helvetica').fontSize(7).fillColor('#444');
    for (const tick of chart.ticks) {
      const label = tick.label;
      doc.text(label, x(tick.at) - doc.widthOfString(label) / 2, top, { lineBreak: false });
    }
    doc.fillColor('black');
    doc.y = top + 11;
  };
  axis();
  for (const group of chart.groups) {
    if (doc.y + groupHeight > doc.page.height - MARGIN) {
      doc.addPage();
      axis();
    }
    const top = doc.y;
    // Grid lines at the ticks, behind the bars.
    for (const tick of chart.ticks)
      doc
        .moveTo(x(tick.at), top)
        .lineTo(x(tick.at), top + groupHeight)
        .lineWidth(0.5)
        .strokeColor('#dddddd')
        .stroke();
    doc.lineWidth(1);
    doc.font('Helvetica-Bold').fontSize(9).fillColor('black');
    doc.text(group.name, MARGIN, top, { width: width, lineBreak: false });
    group.bars.forEach((bar, i) => {
      const y = top + 12 + i * BAR_STEP;
      doc.font('Helvetica').fontSize(7).fillColor('#444');
      doc.text(SHORT_LABELS[bar.series], MARGIN + PLOT_OFFSET - 50, y, { width: 45, align: 'right' });
      const length = (bar.width / 100) * plotWidth;
      if (bar.minutes !== null && length > 0)
        doc.rect(plotLeft, y, length, BAR).fill(bar.missed ? CHART_COLOURS.missed : CHART_COLOURS[bar.series]);
      // Off scale: a white break across the bar's end says it goes on.
      if (bar.clipped)
        doc
          .moveTo(x(100) - 10, y + BAR + 1)
          .lineTo(x(100) - 6, y - 1)
          .lineWidth(2)
          .strokeColor('#ffffff')
          .stroke()
          .lineWidth(1);
      doc
        .font(bar.missed ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(7)
        .fillColor(bar.missed ? CHART_COLOURS.missed : 'black')
        .text(bar.label, plotLeft + length + 4, y + 1, { lineBreak: false });
    });
    doc.fillColor('black');
    doc.x = MARGIN;
    doc.y = top + groupHeight;
  }
  doc.x = MARGIN;
}

/** The exercise report as a PDF for print, made as the plan pack's is (pdfkit, built-in fonts, no network). */
export function renderExerciseReportPdf(model: ExerciseReportModel): Promise<Buffer> {
  const pdf = createReportPdf({ title: model.title, subject: `Lifeboat exercise report ${model.id}` });
  const { doc, width, heading, line, row, columns } = pdf;
  const plans = model.plans.map(
    (plan) =>
      `${plan.name} (${plan.status}${plan.version === null ? '' : `, version ${plan.version}`}${plan.approvedBy ? `, approved by ${plan.approvedBy} ${plan.approvedAt ?? ''}` : ''})`,
  );

  // Title page: what was exercised, when, and what the report was made from.
  doc.font('Helvetica').fontSize(10).fillColor('#444').text(`Lifeboat exercise report · ${model.id}`);
  doc.fillColor('black').moveDown(2).font('Helvetica-Bold').fontSize(24).text(model.title);
  doc.moveDown(1.5).font('Helvetica').fontSize(11);
  line('Type', model.type);
  line('Status', model.status);
  line('Scheduled', model.scheduled);
  line('Started', model.started ?? '-');
  line('Finished', model.finished ?? '-');
  line('Duration', model.duration);
  line('Plans', plans.join('; '));
  line('Generated at', model.generatedAt);
  line(
    'Exercise record',
    `${model.source.version === null ? '' : `version ${model.source.version}, `}SHA-256 ${model.source.checksum}`,
  );
  if (model.notRun) doc.moveDown().font('Helvetica-Bold').text(model.notRun).font('Helvetica');
  const missed = model.services.filter((service) => service.verdict === 'MISSED').map((service) => service.name);
  if (missed.length > 0)
    doc
      .moveDown()
      .font('Helvetica-Bold')
      .fillColor(CHART_COLOURS.missed)
      .text(`Missed the RTO: ${missed.join(', ')}`)
      .fillColor('black')
      .font('Helvetica');

  doc.addPage();
  heading('Scope');
  doc.text(
    `Failed in this exercise (${model.scenario.source}): ${model.scenario.fail.map((node) => node.name).join(', ') || '-'}`,
  );
  doc.text(`Plans exercised: ${plans.join('; ')}`);
  doc.moveDown(0.4).font('Helvetica-Bold').text('Objectives').font('Helvetica').text(model.objectives || '-');

  heading('Participants');
  line('Facilitator', model.facilitator?.name ?? '-');
  doc.moveDown(0.3);
  const participantWidths = columns(0.4, 0.15, 0.45);
  row(['Who', 'Kind', 'Role'], participantWidths, true);
  for (const p of model.participants) row([p.name, p.kind, p.role], participantWidths);

  heading('Timeline');
  if (model.timeline.length === 0) doc.text('No steps or restore times recorded.');
  else {
    // The plan column only when the exercise tests more than one plan.
    const withPlan = model.plans.length > 1;
    const keep = (cells: string[]) => cells.filter((_, i) => withPlan || i !== 3);
    const timelineWidths = withPlan
      ? columns(0.07, 0.07, 0.2, 0.12, 0.08, 0.09, 0.07, 0.1, 0.2)
      : columns(0.07, 0.08, 0.28, 0.08, 0.09, 0.08, 0.1, 0.22);
    row(keep(['Time', 'Since', 'What', 'Plan', 'Started', 'Finished', 'Took', 'Outcome', 'Notes']), timelineWidths, true);
    for (const e of model.timeline)
      row(
        keep([e.time, e.offset, e.what, e.plan, e.started, e.finished, e.duration, e.outcome, e.notes]),
        timelineWidths,
      );
    doc.moveDown(0.3).fontSize(8).text('Times in UTC; "since" counts from the exercise start.', MARGIN, doc.y, { width });
  }

  // The chart starts a page of its own: it is read as one picture beside its table.
  doc.addPage();
  heading('Achieved against predicted against target');
  if (model.services.length === 0) doc.text('No service in scope.');
  else drawChart(pdf, model.chart);
  doc.moveDown(0.5);
  const serviceWidths = columns(0.22, 0.06, 0.1, 0.11, 0.1, 0.11, 0.08, 0.07, 0.07, 0.08);
  row(['Service', 'Tier', 'Target (RTO)', 'Predicted (plans)', 'Graph alone', 'Achieved', 'Met RTO', 'Data lost', 'RPO', 'Met RPO'], serviceWidths, true);
  for (const s of model.services)
    row(
      [s.name, s.tier === null ? '-' : String(s.tier), s.target, s.predicted, s.graph, s.achieved, s.verdict, s.dataLoss, s.rpo, s.dataLossVerdict],
      serviceWidths,
    );
  doc
    .moveDown(0.3)
    .fontSize(8)
    .text(
      "Predicted: the exercise's scenario with its plans' steps followed; graph alone: the same scenario with the catalog's own recovery times. The target is the catalog's current RTO. Times from the exercise's start.",
      MARGIN,
      doc.y,
      { width },
    );

  heading('Model calibration');
  if (model.calibration.length === 0) doc.text('Nothing measured that the catalog predicts.');
  else {
    const calibrationWidths = columns(0.3, 0.12, 0.12, 0.14, 0.32);
    row(['What', 'Predicted', 'Achieved', 'Predicted / achieved', 'Reading'], calibrationWidths, true);
    for (const c of model.calibration) row([c.name, c.predicted, c.achieved, c.ratio, c.reading], calibrationWidths);
  }

  heading('Findings');
  if (model.findings.length === 0) doc.text('No findings recorded.');
  else {
    const findingWidths = columns(0.28, 0.09, 0.15, 0.11, 0.08, 0.29);
    row(['Finding', 'Severity', 'Owner', 'Due', 'Status', 'Description'], findingWidths, true);
    for (const f of model.findings) row([f.title, f.severity, f.owner, f.due, f.status, f.description], findingWidths);
  }

  heading('Summary');
  doc.text(model.summary || '-');
  heading('Lessons learnt');
  if (model.lessons.length === 0) doc.text('-');
  else doc.list(model.lessons, { bulletRadius: 1.5 });

  doc
    .moveDown()
    .fontSize(8)
    .text(`Generated ${model.generatedAt} · exercise record SHA-256 ${model.source.checksum}`, MARGIN, doc.y, { width });
  return pdf.end();
}
