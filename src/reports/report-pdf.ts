/** The pieces every offline report's PDF is made of (plan packs, exercise reports): page, headings, tables. */
import PDFDocument from 'pdfkit';

/** The page margin, in points. */
export const MARGIN = 50;

/** An A4 PDF being written, with the helpers a report draws its sections with. */
export interface ReportPdf {
  doc: PDFKit.PDFDocument;
  /** The width between the margins, in points. */
  width: number;
  /** A section heading; starts a new page when too little of this one is left. */
  heading: (text: string) => void;
  /** `label: value`, the label bold. */
  line: (label: string, value: string) => void;
  /** One table row as text columns; each cell wraps and the row takes the tallest cell's height. */
  row: (cells: string[], widths: number[], bold?: boolean) => void;
  /** Column widths in points from fractions of the width. */
  columns: (...fractions: number[]) => number[];
  /** Ends the document: its bytes. */
  end: () => Promise<Buffer>;
}

/**
 * Starts a report PDF (pdfkit, built-in Helvetica: no browser, no font files, no network). With `running`, every
 * page repeats that line at its top and numbers itself at its bottom (a report read page by page, or one page
 * handed on, still says whose it is, on what, and when it was made).
 */
export function createReportPdf(info: { title: string; subject: string; running?: string }): ReportPdf {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // The pages are kept until the end so the running lines can go on each once the count is known.
    bufferPages: info.running !== undefined,
    info: { Title: info.title, Subject: info.subject, Creator: 'Lifeboat' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  return {
    doc,
    width,
    heading(text) {
      if (doc.y > doc.page.height - 150) doc.addPage();
      doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#0b3d91').text(text).fillColor('black');
      doc.font('Helvetica').fontSize(10).moveDown(0.3);
    },
    line(label, value) {
      doc.font('Helvetica-Bold').text(`${label}: `, { continued: true }).font('Helvetica').text(value);
    },
    row(cells, widths, bold = false) {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 4 }));
      const height = Math.max(...heights) + 4;
      if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
      const top = doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        doc.text(cell, x + 2, top + 2, { width: widths[i]! - 4 });
        x += widths[i]!;
      });
      doc
        .moveTo(MARGIN, top + height)
        .lineTo(MARGIN + width, top + height)
        .strokeColor('#999')
        .stroke();
      doc.x = MARGIN;
      doc.y = top + height + 1;
    },
    columns: (...fractions) => fractions.map((f) => f * width),
    end() {
      if (info.running !== undefined) stampPages(doc, info.running, width);
      doc.end();
      return done;
    },
  };
}

/** Writes the running line at the top of every buffered page and `Page n of N` at its bottom, in the margins. */
function stampPages(doc: PDFKit.PDFDocument, running: string, width: number): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    // Writing inside the bottom margin would otherwise start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor('#555555');
    doc.text(running, MARGIN, MARGIN / 2 - 4, { width, lineBreak: false });
    doc.text(`Page ${index - start + 1} of ${count}`, MARGIN, doc.page.height - MARGIN / 2 - 4, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}
