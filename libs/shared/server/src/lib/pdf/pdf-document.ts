type PdfKit = typeof import('pdfkit');

/**
 * pdfkit and its fonts are loaded by the first export, not at start: they are 5 MB of heap that
 * every major garbage collection of the serving process would otherwise mark again.
 */
let pdfKit: PdfKit | undefined;
function loadPdfKit(): PdfKit {
  pdfKit ??= require('pdfkit') as PdfKit;
  return pdfKit;
}

/** What every exported PDF knows about its reader and clinic. */
export interface PdfExportContext {
  clinicName: string;
  exportedBy: string;
  /** An IANA time zone the times are written in (the reader's, sent by the browser). */
  timeZone: string;
}

/** The document information of an exported PDF (the creator is always Mend). */
export interface PdfInfo {
  Title: string;
  Author?: string;
  Subject: string;
}

/** The grey of labels, signatures and the footer. */
export const PDF_MUTED = '#555555';

/** A time zone Intl knows, or UTC. */
export function safeTimeZone(zone: string | undefined): string {
  if (!zone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** An A4 document being written, with the pieces every exported PDF shares. */
export interface ExportPdf {
  doc: PDFKit.PDFDocument;
  /** A date and time in the reader's time zone, e.g. "March 4, 2026 at 2:30 PM CET". */
  when(iso: string): string;
  /** A bold heading over a part of the document. */
  heading(text: string): PDFKit.PDFDocument;
  /** One "Label: value" line. */
  fact(label: string, value: string): PDFKit.PDFDocument;
  /** The clinic's name, the document's title and the line under it (the case). */
  title(clinicName: string, title: string, subtitle: string): void;
  /** The thin line between the header's facts and the body. */
  rule(): void;
  /** Writes the footer on every page, ends the document and gives its bytes. */
  finish(footer: (page: number, pages: number) => string): Promise<Buffer>;
}

/**
 * Starts an exported PDF: A4, the house margins and type, pages buffered so that `finish` can
 * write "page x of y" in the footer of each.
 */
export function exportPdf(info: PdfInfo, timeZone: string): ExportPdf {
  const when = (iso: string) =>
    new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    }).format(new Date(iso));
  const PDFDocument = loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 64, right: 64 },
    bufferPages: true,
    info: { ...info, Creator: 'Mend' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('#000000').text(text);
  const fact = (label: string, value: string) =>
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor(PDF_MUTED)
      .text(`${label}: `, { continued: true })
      .font('Helvetica')
      .fillColor('#000000')
      .text(value);
  const title = (clinicName: string, text: string, subtitle: string) => {
    doc.font('Helvetica').fontSize(10).fillColor(PDF_MUTED).text(clinicName.toUpperCase());
    doc.moveDown(0.3).font('Helvetica-Bold').fontSize(18).fillColor('#000000').text(text);
    doc.font('Helvetica').fontSize(12).text(subtitle).moveDown(0.6);
  };
  const rule = () => {
    doc
      .moveDown(0.6)
      .strokeColor('#999999')
      .lineWidth(0.5)
      .moveTo(doc.page.margins.left, doc.y)
      .lineTo(doc.page.width - doc.page.margins.right, doc.y)
      .stroke();
  };
  const finish = (footer: (page: number, pages: number) => string) => {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // Writing inside the bottom margin would start a new page unless the margin is lifted.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const bottom = doc.page.height - margin + 24;
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(PDF_MUTED)
        .text(footer(i + 1, range.count), doc.page.margins.left, bottom, {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = margin;
    }
    doc.end();
    return done;
  };
  return { doc, when, heading, fact, title, rule, finish };
}
