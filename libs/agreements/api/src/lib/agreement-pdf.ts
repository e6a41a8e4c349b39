import {
  AGREEMENT_CATEGORIES,
  AGREEMENT_CATEGORY_LABELS,
  type AgreementView,
} from '@mend/shared/contracts';
import { exportPdf, PDF_MUTED, type PdfExportContext } from '@mend/shared/server';

export interface AgreementPdfContext extends PdfExportContext {
  caseTitle: string;
}

/**
 * One version of a relationship agreement as a PDF document: the case, the items under their
 * category, the review date, and each member's typed signature (or who has yet to sign a draft).
 */
export async function agreementPdf(
  agreement: AgreementView,
  context: AgreementPdfContext,
): Promise<Buffer> {
  const day = (date: string) =>
    new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${date}T00:00:00Z`));
  const { doc, when, heading, fact, title, rule, finish } = exportPdf(
    {
      Title: `Relationship agreement ${agreement.number}, ${context.caseTitle}`,
      Subject: 'Relationship agreement',
    },
    context.timeZone,
  );

  title(
    context.clinicName,
    `Relationship agreement, version ${agreement.number}`,
    context.caseTitle,
  );
  fact(
    'Status',
    agreement.status === 'signed' && agreement.signedAt
      ? `Signed by every member on ${when(agreement.signedAt)}`
      : 'Draft, not signed by every member yet',
  );
  fact('Review date', agreement.reviewOn ? day(agreement.reviewOn) : 'not set');
  rule();

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
      .fillColor(PDF_MUTED)
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
      .fillColor(PDF_MUTED)
      .text(`${signature.displayName}, signed on ${when(signature.signedAt)}`);
  }
  if (agreement.status === 'draft') {
    const waiting = agreement.members.filter((m) => !m.signed).map((m) => m.displayName);
    if (waiting.length)
      doc
        .moveDown(0.5)
        .font('Helvetica')
        .fontSize(10)
        .fillColor(PDF_MUTED)
        .text(`Still to sign: ${waiting.join(', ')}.`);
  }

  // Footer on every page: confidentiality, who exported it, page x of y.
  return finish(
    (page, pages) =>
      `Confidential. Exported by ${context.exportedBy} on ${when(new Date().toISOString())}. Page ${page} of ${pages}.`,
  );
}
