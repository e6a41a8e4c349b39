import type { SessionView } from '@mend/shared/contracts';
import {
  attendeeNames,
  dayOf,
  draftAuthorship,
  noteState,
  pdfFileName,
  sessionEnd,
  sessionKind,
  sessionWhen,
  signNotYet,
  timeOf,
  toStartsAt,
  writtenBy,
} from './session-text';

const session = (overrides: Partial<SessionView> = {}): SessionView => ({
  id: 's1',
  caseId: 'c1',
  caseTitle: 'Kai & Lee Moreno',
  startsAt: new Date(2026, 4, 12, 15, 0).toISOString(),
  durationMinutes: 50,
  type: 'couple',
  mode: 'telehealth',
  attendees: [
    { userId: 'k', displayName: 'Kai Moreno' },
    { userId: 'l', displayName: 'Lee Moreno' },
  ],
  counselor: { userId: 'm', displayName: 'Maya Lind' },
  note: null,
  ...overrides,
});

describe('session text', () => {
  const now = new Date(2026, 4, 13, 9, 0);

  it('says when a session is, with its end, and the year only when it is another', () => {
    expect(sessionWhen(session(), now)).toBe('Tue, May 12 · 15:00–15:50');
    expect(sessionWhen(session(), new Date(2027, 0, 1))).toBe('Tue, May 12, 2026 · 15:00–15:50');
  });

  it('describes the kind of session and who came', () => {
    expect(sessionKind(session())).toBe('Couple session · Telehealth · 50 min');
    expect(attendeeNames(session())).toBe('Kai Moreno and Lee Moreno');
  });

  it('tells the state of the note', () => {
    expect(noteState(session(), now)).toEqual({ text: 'No note yet', tone: 'draft' });
    expect(noteState(session({ startsAt: new Date(2026, 4, 20).toISOString() }), now)).toEqual({
      text: 'Upcoming',
      tone: 'none',
    });
    expect(
      noteState(
        session({ note: { id: 'n', format: 'dap', status: 'draft', signedAt: null } }),
        now,
      ),
    ).toEqual({ text: 'DAP draft', tone: 'draft' });
    expect(
      noteState(
        session({ note: { id: 'n', format: 'dap', status: 'signed', signedAt: 'x' } }),
        now,
      ),
    ).toEqual({ text: 'Signed', tone: 'signed' });
  });

  it('says when the note can be signed: not before the session ends', () => {
    expect(sessionEnd(session())).toEqual(new Date(2026, 4, 12, 15, 50));
    // During the session, then once it is over (to the minute).
    expect(signNotYet(session(), new Date(2026, 4, 12, 15, 20))).toBe(
      'You can sign once the session ends at 15:50.',
    );
    expect(signNotYet(session(), new Date(2026, 4, 12, 15, 50))).toBeNull();
    expect(signNotYet(session(), now)).toBeNull();
    // An upcoming session on another day names the day.
    expect(signNotYet(session(), new Date(2026, 4, 10, 9, 0))).toBe(
      'You can sign once the session ends on Tue, May 12 at 15:50.',
    );
  });

  it('turns the picked day and time into an instant and back', () => {
    const iso = toStartsAt(new Date(2026, 4, 12), '15:30');
    expect(new Date(iso).getHours()).toBe(15);
    expect(timeOf(iso)).toBe('15:30');
    expect(dayOf(iso)).toEqual(new Date(2026, 4, 12));
  });

  it('names the PDF after the day and the case', () => {
    expect(pdfFileName(session())).toBe('note-2026-05-12-kai-and-lee-moreno.pdf');
  });

  describe('who wrote a note', () => {
    const maya = { userId: 'm', displayName: 'Maya Lind' };
    const omar = { userId: 'o', displayName: 'Omar Haddad' };

    it('names the writers of a note or section', () => {
      expect(writtenBy([maya])).toBe('Written by Maya Lind');
      expect(writtenBy([omar, maya])).toBe('Written by Omar Haddad and Maya Lind');
      expect(writtenBy([])).toBe('Nobody has written here yet');
    });

    it('tells co-counselors who started a draft, who wrote in it and who saved it last', () => {
      expect(draftAuthorship({ author: maya, contributors: [maya], lastEditedBy: null })).toBe(
        'Started by Maya Lind',
      );
      expect(draftAuthorship({ author: maya, contributors: [maya], lastEditedBy: maya })).toBe(
        'Started by Maya Lind · last saved by Maya Lind',
      );
      expect(
        draftAuthorship({ author: omar, contributors: [omar, maya], lastEditedBy: maya }),
      ).toBe(
        'Started by Omar Haddad · written by Omar Haddad and Maya Lind · last saved by Maya Lind',
      );
      expect(draftAuthorship({ author: omar, contributors: [maya], lastEditedBy: maya })).toBe(
        'Started by Omar Haddad · written by Maya Lind · last saved by Maya Lind',
      );
    });
  });
});
