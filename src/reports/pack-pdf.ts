import type { PackModel } from './pack-model.ts';
import { minutesText } from './pack-model.ts';
import { createReportPdf, MARGIN } from './report-pdf.ts';

/** The timeline's colours: the empty track, a bar, and the mark of something back at once. */
export const TRACK_COLOUR = '#eeeeee';
export const BAR_COLOUR = '#0b3d91';
export const INSTANT_COLOUR = '#c2410c';

/** The plan pack as a PDF for print (pdfkit, built-in Helvetica: no browser, no font files, no network). */
export function renderPackPdf(model: PackModel): Promise<Buffer> {
  const pdf = createReportPdf({ title: model.title, subject: `Lifeboat plan pack ${model.id}` });
  const { doc, width, heading, line, row, columns } = pdf;

  // Title page: what this is, which version, who approved it, when it must be reviewed.
  doc.font('Helvetica').fontSize(10).fillColor('#444').text(`Lifeboat plan pack · ${model.id}`).fillColor('black');
  doc.moveDown(2).font('Helvetica-Bold').fontSize(24).text(model.title);
  doc.moveDown(0.5).font('Helvetica').fontSize(11).text(model.description);
  doc.moveDown(1.5).fontSize(11);
  line('Version', model.version.number === null ? 'draft (not approved)' : String(model.version.number));
  line('Status', model.status);
  line('Approved by', model.version.approvedBy ?? '-');
  line('Approved at', model.version.approvedAt ?? '-');
  line('Owner', model.owner);
  line('Last reviewed', model.review.lastReviewed ?? 'never');
  line('Next review due', model.review.nextReview ?? 'now');
  line('Exported at', model.exportedAt);
  line('SHA-256 of the plan version', model.version.checksum);
  if (model.review.due) doc.moveDown().text(`Due for review: ${model.review.reasons.join('; ')}`);

  doc.addPage();
  heading('Scope');
  doc.text(model.scenario.description);
  doc.text(`Failed in this scenario: ${model.scenario.fail.join(', ')}`);
  heading('Activation criteria');
  doc.text(model.activation);

  heading('Call tree');
  const callWidths = columns(0.05, 0.2, 0.25, 0.18, 0.1, 0.22);
  row(['#', 'Who', 'Role', 'Phone', 'Escalate', 'Deputy'], callWidths, true);
  for (const c of model.contacts)
    row(
      [String(c.order), c.name, c.role, c.phone, c.escalateAfter, c.deputy ? `${c.deputy.name}\n${c.deputy.phone}` : '-'],
      callWidths,
    );

  heading('Steps');
  const stepWidths = columns(0.3, 0.3, 0.1, 0.3);
  for (const phase of model.phases) {
    if (phase.steps.length === 0) continue;
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(11).text(phase.name);
    row(['Step', 'Owner', 'Duration', 'Details'], stepWidths, true);
    for (const s of phase.steps)
      row([s.title, s.owner, s.duration, [s.details, s.after.length ? `after: ${s.after.join(', ')}` : ''].filter(Boolean).join('\n')], stepWidths);
  }
  if (model.stepProblems.length > 0)
    doc.moveDown().font('Helvetica-Bold').text('The written step order contradicts the dependency graph:').font('Helvetica').text(model.stepProblems.join('\n'));

  heading('Recovery order (generated)');
  const orderWidths = columns(0.05, 0.3, 0.13, 0.1, 0.1, 0.32);
  row(['#', 'What', 'Kind', 'Start', 'Back', 'Waits for'], orderWidths, true);
  model.recovery.items.forEach((item, i) =>
    row([String(i + 1), item.name, item.kind, minutesText(item.start), minutesText(item.end), item.waitsFor.join(', ')], orderWidths),
  );
  for (const u of model.recovery.unrecoverable) doc.text(`Never comes back: ${u.id} (cycle ${u.cycle.join(' -> ')})`);

  // The timeline starts on a page of its own (it is read as one picture) and repeats its axis on every page.
  doc.addPage();
  heading('Timeline');
  const { timeline } = model;
  const labelWidth = width * 0.32;
  const chartLeft = MARGIN + labelWidth;
  const chartWidth = width - labelWidth;
  const ROW_HEIGHT = 11;
  const axis = (): void => {
    const top = doc.y;
    doc.font('Helvetica').fontSize(7).fillColor('#444');
    for (const tick of timeline.ticks) {
      const x = chartLeft + (tick.at / 100) * chartWidth;
      const labelWidthPt = doc.widthOfString(tick.label);
      // The first label starts at its tick, the last ends at it, the others are centred on it.
      const align = tick.at === 0 ? 0 : tick.at === 100 ? labelWidthPt : labelWidthPt / 2;
      doc.text(tick.label, x - align, top, { lineBreak: false });
      doc.moveTo(x, top + 9).lineTo(x, top + 12).strokeColor('#444').stroke();
    }
    doc.fillColor('black');
    doc.x = MARGIN;
    doc.y = top + 14;
  };
  axis();
  for (const bar of timeline.bars) {
    if (doc.y > doc.page.height - MARGIN - ROW_HEIGHT - 30) {
      doc.addPage();
      axis();
    }
    const top = doc.y;
    doc.font('Helvetica').fontSize(7).fillColor('black');
    doc.text(bar.name, MARGIN, top, { width: labelWidth - 4, height: ROW_HEIGHT, ellipsis: true, lineBreak: false });
    doc.rect(chartLeft, top, chartWidth, 8).fill(TRACK_COLOUR);
    doc
      .rect(chartLeft + (bar.left / 100) * chartWidth, top, (bar.width / 100) * chartWidth, 8)
      .fill(bar.instant ? INSTANT_COLOUR : BAR_COLOUR);
    doc.fillColor('black');
    doc.x = MARGIN;
    doc.y = top + ROW_HEIGHT;
  }
  doc
    .moveDown(0.5)
    .fontSize(8)
    .text(
      `From 0 to ${minutesText(timeline.total)} after the disruption. The time axis is compressed so that minutes and weeks both show: ` +
        'each gap between two events is drawn by the logarithm of its length, so read times from the labels (or the recovery order). ' +
        'An orange mark is something back as soon as what it waits for is.',
      MARGIN,
      doc.y,
      { width },
    );

  heading('Services in scope');
  const serviceWidths = columns(0.28, 0.07, 0.1, 0.1, 0.1, 0.17, 0.18);
  row(['Service', 'Tier', 'RTO', 'RPO', 'MTPD', 'Back (model)', 'Breach'], serviceWidths, true);
  for (const s of model.services)
    row([s.name, s.tier === null ? '-' : String(s.tier), s.rto, s.rpo, s.mtpd, s.restore, s.breach], serviceWidths);

  doc.moveDown().fontSize(8).text(`Exported ${model.exportedAt} · plan version SHA-256 ${model.version.checksum}`);
  return pdf.end();
}
