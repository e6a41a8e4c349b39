import PDFDocument = require('pdfkit');
import {
  NOTE_FORMAT_LABELS,
  NOTE_SECTIONS,
  SESSION_MODE_LABELS,
  SESSION_TYPE_LABELS,
  type NoteView,
} from '@mend/shared/contracts';

export interface PdfContext {
  clinicName: string;
  exportedBy: string;
  /** An IANA time zone the dates are written in (the reader's, sent by the browser). */
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
 * A signed note with its addenda as a PDF document for records requests: the session's facts,
 * each section under its heading, the signature, then each addendum with its own signature.
 */
export async function notePdf(note: NoteView, context: PdfContext): Promise<Buffer> {
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
  const session = note.session;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 64, right: 64 },
    bufferPages: true,
    info: {
      Title: `Clinical note, ${session.caseTitle}`,
      Author: note.signedBy?.displayName ?? note.author.displayName,
      Subject: 'Clinical note',
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
  const body = (text: string) =>
    doc
      .moveDown(0.2)
      .font('Helvetica')
      .fontSize(10.5)
      .fillColor('#000000')
      .text(text.trim() === '' ? '(nothing written)' : text, { align: 'left', lineGap: 2 });
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
    .text(`Clinical note (${NOTE_FORMAT_LABELS[note.format]})`);
  doc.font('Helvetica').fontSize(12).text(session.caseTitle).moveDown(0.6);
  fact('Session', `${when(session.startsAt)}, ${session.durationMinutes} minutes`);
  fact(
    'Type',
    `${SESSION_TYPE_LABELS[session.type]}, ${SESSION_MODE_LABELS[session.mode].toLowerCase()}`,
  );
  fact('Attendees', session.attendees.map((a) => a.displayName).join(', '));
  fact('Counselor', session.counselor.displayName);
  doc
    .moveDown(0.6)
    .strokeColor('#999999')
    .lineWidth(0.5)
    .moveTo(doc.page.margins.left, doc.y)
    .lineTo(doc.page.width - doc.page.margins.right, doc.y)
    .stroke();

  for (const section of NOTE_SECTIONS[note.format]) {
    heading(section.label);
    body(note.sections[section.key] ?? '');
  }
  if (note.signedAt && note.signedBy) {
    doc
      .moveDown(1)
      .font('Helvetica-Oblique')
      .fontSize(10)
      .fillColor(muted)
      .text(`Signed by ${note.signedBy.displayName} on ${when(note.signedAt)}. Locked.`);
  }

  const addenda = note.addenda.filter((a) => a.signedAt);
  addenda.forEach((addendum, index) => {
    heading(`Addendum ${index + 1}, ${when(addendum.createdAt)}`);
    body(addendum.text);
    if (addendum.signedAt && addendum.signedBy) {
      doc
        .moveDown(0.4)
        .font('Helvetica-Oblique')
        .fontSize(10)
        .fillColor(muted)
        .text(`Signed by ${addendum.signedBy.displayName} on ${when(addendum.signedAt)}.`);
    }
  });

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
        `Confidential clinical record. Exported by ${context.exportedBy} on ${when(new Date().toISOString())}. Page ${i + 1} of ${range.count}.`,
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
