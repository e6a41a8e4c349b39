import PDFDocument = require('pdfkit');
import {
  AGREEMENT_CATEGORIES,
  AGREEMENT_CATEGORY_LABELS,
  type AgreementView,
} from '@mend/shared/contracts';

export interface AgreementPdfContext {
  clinicName: string;
  caseTitle: string;
  exportedBy: string;
  /** An IANA time zone the times are written in (the reader's, sent by the browser). */
  timeZone: string;
}

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

/**
 * One version of a relationship agreement as a PDF document: the case, the items under their
 * category, the review date, and each member's typed signature (or who has yet to sign a draft).
 */
export async function agreementPdf(
  agreement: AgreementView,
  context: AgreementPdfContext,
): Promise<Buffer> {
  const when = (iso: string) =>
    new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone: context.timeZone,
      timeZoneName: 'short',
    }).format(new Date(iso));
  const day = (date: string) =>
    new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 64, right: 64 },
    bufferPages: true,
    info: {
      Title: `Relationship agreement ${agreement.number}, ${context.caseTitle}`,
      Subject: 'Relationship agreement',
      Creator: 'Mend',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const muted = '#555555';
  const heading = (text: string) =>
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(12).fillColor('#000000').text(text);
  const fact = (label: string, value: string) =>
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor(muted)
      .text(`${label}: `, { continued: true })
      .font('Helvetica')
      .fillColor('#000000')
      .text(value);

  doc.font('Helvetica').fontSize(10).fillColor(muted).text(context.clinicName.toUpperCase());
  doc
    .moveDown(0.3)
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor('#000000')
    .text(`Relationship agreement, version ${agreement.number}`);
  doc.font('Helvetica').fontSize(12).text(context.caseTitle).moveDown(0.6);
  fact(
    'Status',
    agreement.status === 'signed' && agreement.signedAt
      ? `Signed by every member on ${when(agreement.signedAt)}`
      : 'Draft, not signed by every member yet',
  );
  fact('Review date', agreement.reviewOn ? day(agreement.reviewOn) : 'not set');
  doc
    .moveDown(0.6)
    .strokeColor('#999999')
    .lineWidth(0.5)
    .moveTo(doc.page.margins.left, doc.y)
    .lineTo(doc.page.width - doc.page.margins.right, doc.y)
    .stroke();

  if (agreement.items.length === 0) {
    doc.moveDown(0.8).font('Helvetica-Oblique').fontSize(10.5).text('(nothing written yet)');
  }
  for (const category of AGREEMENT_CATEGORIES) {
    const items = agreement.items.filter((i) => i.category === category);
    if (items.length === 0) continue;
    heading(AGREEMENT_CATEGORY_LABELS[category]);
    doc
      .moveDown(0.2)
      .font('Helvetica')
      .fontSize(10.5)
      .fillColor('#000000')
      .list(
        items.map((i) => i.text),
        { bulletRadius: 2, textIndent: 12, lineGap: 2, paragraphGap: 4 },
      );
  }

  heading('Signatures');
  if (agreement.signatures.length === 0) {
    doc
      .moveDown(0.2)
      .font('Helvetica-Oblique')
      .fontSize(10)
      .fillColor(muted)
      .text('No one has signed this version yet.');
  }
  for (const signature of agreement.signatures) {
    doc
      .moveDown(0.3)
      .font('Helvetica-Oblique')
      .fontSize(11)
      .fillColor('#000000')
      .text(signature.typedName)
      .font('Helvetica')
      .fontSize(9.5)
      .fillColor(muted)
      .text(`${signature.displayName}, signed on ${when(signature.signedAt)}`);
  }
  if (agreement.status === 'draft') {
    const waiting = agreement.members.filter((m) => !m.signed).map((m) => m.displayName);
    if (waiting.length)
      doc
        .moveDown(0.5)
        .font('Helvetica')
        .fontSize(10)
        .fillColor(muted)
        .text(`Still to sign: ${waiting.join(', ')}.`);
  }

  // Footer on every page: confidentiality, who exported it, page x of y.
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
      .fillColor(muted)
      .text(
        `Confidential. Exported by ${context.exportedBy} on ${when(new Date().toISOString())}. Page ${i + 1} of ${range.count}.`,
        doc.page.margins.left,
        bottom,
        {
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
          align: 'center',
          lineBreak: false,
        },
      );
    doc.page.margins.bottom = margin;
  }
  doc.end();
  return done;
}
