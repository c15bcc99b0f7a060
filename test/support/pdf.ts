/** Reading a PDF as a person or a printer would: its text, and the filled shapes on each page (pdf.js). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

// pdf.js reads the metrics of the standard fonts pdfkit names (Helvetica) from pdfjs-dist's own folder.
const standardFontDataUrl = join(
  dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')),
  'standard_fonts/',
);

/** A PDF file's bytes, or the bytes themselves. */
const bytesOf = (pdf: string | Uint8Array): Uint8Array =>
  typeof pdf === 'string' ? new Uint8Array(readFileSync(pdf)) : new Uint8Array(pdf);

/** Every text item of a PDF, page by page, joined; whitespace collapsed so wrapped cells still read whole. */
export async function pdfText(pdf: string | Uint8Array): Promise<string> {
  return (await pdfPages(pdf))
    .map((page) => page.text)
    .join(' ')
    .replace(/\s+/g, ' ');
}

/** A filled rectangle of a PDF page: its colour and its box in points, from pdf.js's operator list. */
export interface FilledBox {
  colour: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The text and the filled shapes of each page of a PDF. */
export async function pdfPages(pdf: string | Uint8Array): Promise<{ text: string; boxes: FilledBox[] }[]> {
  const document = await getDocument({ data: bytesOf(pdf), standardFontDataUrl }).promise;
  const pages: { text: string; boxes: FilledBox[] }[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const content = await page.getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    const { fnArray, argsArray } = await page.getOperatorList();
    const boxes: FilledBox[] = [];
    let colour = '#000000';
    fnArray.forEach((fn, i) => {
      const args = argsArray[i] as unknown[];
      if (fn === OPS.setFillRGBColor) colour = String(args[0]);
      // pdf.js 5: [paint operator, path data, bounding box as minX, minY, maxX, maxY].
      if (fn === OPS.constructPath && args[0] === OPS.fill) {
        const [left, top, right, bottom] = Array.from(args[2] as ArrayLike<number>);
        boxes.push({ colour, left: left!, top: top!, right: right!, bottom: bottom! });
      }
    });
    pages.push({ text, boxes });
  }
  return pages;
}

/** pdfkit breaks lines after a hyphen (known-good -> known- / good): compare with those joins undone. */
export const collapse = (text: string): string => text.replace(/\s+/g, ' ').replace(/- /g, '-');
