import {
  NOTE_FORMAT_LABELS,
  NOTE_SECTIONS,
  SESSION_MODE_LABELS,
  SESSION_TYPE_LABELS,
  type NoteView,
  type Person,
} from '@mend/shared/contracts';
import { exportPdf, PDF_MUTED, type PdfExportContext } from '@mend/shared/server';

/** "Maya Lind", "Maya Lind and Omar Haddad", "A, B and C". */
export function names(people: Person[]): string {
  const all = people.map((p) => p.displayName);
  return all.length < 2 ? (all[0] ?? '') : `${all.slice(0, -1).join(', ')} and ${all.at(-1)}`;
}

/**
 * A signed note with its addenda as a PDF document for records requests: the session's facts,
 * who wrote it (and, with several writers, each section), the signature of whoever signed it,
 * then each addendum with its writers and its own signature.
 */
export async function notePdf(note: NoteView, context: PdfExportContext): Promise<Buffer> {
  const session = note.session;
  const { doc, when, heading, fact, title, rule, finish } = exportPdf(
    {
      Title: `Clinical note, ${session.caseTitle}`,
      Author: note.signedBy?.displayName ?? note.author.displayName,
      Subject: 'Clinical note',
    },
    context.timeZone,
  );

  const body = (text: string) =>
    doc
      .moveDown(0.2)
      .font('Helvetica')
      .fontSize(10.5)
      .fillColor('#000000')
      .text(text.trim() === '' ? '(nothing written)' : text, { align: 'left', lineGap: 2 });

  title(
    context.clinicName,
    `Clinical note (${NOTE_FORMAT_LABELS[note.format]})`,
    session.caseTitle,
  );
  fact('Session', `${when(session.startsAt)}, ${session.durationMinutes} minutes`);
  fact(
    'Type',
    `${SESSION_TYPE_LABELS[session.type]}, ${SESSION_MODE_LABELS[session.mode].toLowerCase()}`,
  );
  fact('Attendees', session.attendees.map((a) => a.displayName).join(', '));
  fact('Counselor', session.counselor.displayName);
  fact('Written by', names(note.contributors));
  rule();

  // With several writers (co-counselors), each section says who wrote it.
  const byline = (people: Person[] | undefined) =>
    doc
      .font('Helvetica-Oblique')
      .fontSize(9)
      .fillColor(PDF_MUTED)
      .text(`Written by ${people?.length ? names(people) : 'nobody'}`);
  for (const section of NOTE_SECTIONS[note.format]) {
    heading(section.label);
    if (note.contributors.length > 1) byline(note.sectionAuthors[section.key]);
    body(note.sections[section.key] ?? '');
  }
  if (note.signedAt && note.signedBy) {
    doc
      .moveDown(1)
      .font('Helvetica-Oblique')
      .fontSize(10)
      .fillColor(PDF_MUTED)
      .text(`Signed by ${note.signedBy.displayName} on ${when(note.signedAt)}. Locked.`);
  }

  const addenda = note.addenda.filter((a) => a.signedAt);
  addenda.forEach((addendum, index) => {
    heading(`Addendum ${index + 1}, ${when(addendum.createdAt)}`);
    byline(addendum.contributors);
    body(addendum.text);
    if (addendum.signedAt && addendum.signedBy) {
      doc
        .moveDown(0.4)
        .font('Helvetica-Oblique')
        .fontSize(10)
        .fillColor(PDF_MUTED)
        .text(`Signed by ${addendum.signedBy.displayName} on ${when(addendum.signedAt)}.`);
    }
  });

  // Footer on every page: confidentiality, who exported it, page x of y.
  return finish(
    (page, pages) =>
      `Confidential clinical record. Exported by ${context.exportedBy} on ${when(new Date().toISOString())}. Page ${page} of ${pages}.`,
  );
}
