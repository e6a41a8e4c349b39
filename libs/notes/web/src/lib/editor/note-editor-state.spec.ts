import { HttpErrorResponse } from '@angular/common/http';
import type { NoteSaved, NoteView, SaveNoteRequest } from '@mend/shared/contracts';
import { NoteEditorState, type NoteEditorApi } from './note-editor-state';

function note(overrides: Partial<NoteView> = {}): NoteView {
  return {
    id: 'n1',
    session: {
      id: 's1',
      caseId: 'c1',
      caseTitle: 'Kai & Lee',
      startsAt: '2026-05-10T15:00:00Z',
      durationMinutes: 50,
      type: 'couple',
      mode: 'in_person',
      attendees: [],
      counselor: { userId: 'm', displayName: 'Maya Lind' },
      note: null,
    },
    format: 'soap',
    sections: { subjective: '', objective: '', assessment: '', plan: '' },
    version: 1,
    status: 'draft',
    author: { userId: 'm', displayName: 'Maya Lind' },
    contributors: [{ userId: 'm', displayName: 'Maya Lind' }],
    sectionAuthors: {},
    lastEditedBy: null,
    createdAt: '2026-05-10T16:00:00Z',
    savedAt: '2026-05-10T16:00:00Z',
    signedAt: null,
    signedBy: null,
    addenda: [],
    ...overrides,
  };
}

const conflict = () =>
  new HttpErrorResponse({
    status: 409,
    error: { statusCode: 409, error: 'Conflict', message: 'The note changed elsewhere.' },
  });

interface Save {
  request: SaveNoteRequest;
  resolve: (saved: NoteSaved) => void;
  reject: (error: unknown) => void;
}

function setup(start = note(), writer?: { userId: string; displayName: string }) {
  const saves: Save[] = [];
  const api = {
    note: jest.fn<Promise<NoteView>, [string]>(),
    saveNote: jest.fn(
      (_id: string, request: SaveNoteRequest) =>
        new Promise<NoteSaved>((resolve, reject) => saves.push({ request, resolve, reject })),
    ),
    signNote: jest.fn<Promise<NoteView>, [string, number]>(),
  } satisfies NoteEditorApi;
  const state = new NoteEditorState(api, start, { delayMs: 2000, writer });
  return { api, state, saves };
}

describe('NoteEditorState', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('autosaves the whole note over the version it read, a pause after typing', async () => {
    const { state, saves } = setup();
    state.edit('subjective', 'Kai felt');
    await jest.advanceTimersByTimeAsync(1000);
    state.edit('subjective', 'Kai felt heard.');
    await jest.advanceTimersByTimeAsync(2000);
    expect(saves.map((s) => s.request)).toEqual([
      {
        format: 'soap',
        sections: { subjective: 'Kai felt heard.', objective: '', assessment: '', plan: '' },
        version: 1,
      },
    ]);
    saves[0].resolve({ version: 2, savedAt: '2026-05-10T16:05:00Z' });
    await jest.advanceTimersByTimeAsync(0);
    expect(state.autosave.state()).toBe('saved');
    expect(state.note().version).toBe(2);
    expect(state.autosave.currentVersion).toBe(2);
  });

  it('a co-counselor’s save makes them a writer and the last to save, as the server records', async () => {
    const omar = { userId: 'o', displayName: 'Omar Haddad' };
    const maya = { userId: 'm', displayName: 'Maya Lind' };
    const { state, saves } = setup(note({ lastEditedBy: maya, contributors: [maya] }), omar);
    state.edit('plan', 'Weekly thermometer.');
    await jest.advanceTimersByTimeAsync(2000);
    saves[0].resolve({ version: 2, savedAt: '2026-05-10T16:05:00Z' });
    await jest.advanceTimersByTimeAsync(0);
    expect(state.note()).toMatchObject({ lastEditedBy: omar, contributors: [maya, omar] });
    state.edit('plan', 'Weekly thermometer, letter next.');
    await jest.advanceTimersByTimeAsync(2000);
    saves[1].resolve({ version: 3, savedAt: '2026-05-10T16:06:00Z' });
    await jest.advanceTimersByTimeAsync(0);
    expect(state.note().contributors).toEqual([maya, omar]);
  });

  it('the first save of a note nobody wrote in yet names its writer only', async () => {
    const omar = { userId: 'o', displayName: 'Omar Haddad' };
    const { state, saves } = setup(note(), omar);
    state.edit('plan', 'Weekly thermometer.');
    await jest.advanceTimersByTimeAsync(2000);
    saves[0].resolve({ version: 2, savedAt: '2026-05-10T16:05:00Z' });
    await jest.advanceTimersByTimeAsync(0);
    expect(state.note()).toMatchObject({ lastEditedBy: omar, contributors: [omar] });
  });

  it('saves a format switch with all the text carried over', async () => {
    const { state, saves } = setup();
    state.edit('objective', 'Calm.');
    state.setFormat('dap');
    await jest.advanceTimersByTimeAsync(2000);
    expect(saves[0].request).toMatchObject({
      format: 'dap',
      sections: { data: 'Objective:\nCalm.', assessment: '', plan: '' },
    });
  });

  it('inserts the homework summary at the end of a section', () => {
    const { state } = setup(
      note({ sections: { subjective: 'Opened well.', objective: '', assessment: '', plan: '' } }),
    );
    state.insert('subjective', 'Homework: Trust 7/10');
    expect(state.draft().sections['subjective']).toBe('Opened well.\n\nHomework: Trust 7/10');
  });

  it('on a 409 stops saving and keeps the text typed, also what is typed afterwards', async () => {
    const { state, saves } = setup();
    state.edit('plan', 'Mine');
    await jest.advanceTimersByTimeAsync(2000);
    saves[0].reject(conflict());
    await jest.advanceTimersByTimeAsync(0);
    expect(state.conflict()).toBe(true);

    state.edit('plan', 'Mine, more');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(saves).toHaveLength(1);
    expect(state.draft().sections['plan']).toBe('Mine, more');
  });

  it('shows the saved version beside the text without replacing it', async () => {
    const { api, state, saves } = setup();
    state.edit('plan', 'Mine');
    await jest.advanceTimersByTimeAsync(2000);
    saves[0].reject(conflict());
    await jest.advanceTimersByTimeAsync(0);

    const theirs = note({
      version: 5,
      sections: { subjective: '', objective: '', assessment: '', plan: 'Theirs' },
    });
    api.note.mockResolvedValue(theirs);
    await state.showTheirs();
    expect(state.theirs()).toBe(theirs);
    expect(state.draft().sections['plan']).toBe('Mine');
    expect(state.conflict()).toBe(true);
  });

  it('keeps the counselor’s text and saves it over the newest version when they choose so', async () => {
    const { api, state, saves } = setup();
    state.edit('plan', 'Mine');
    await jest.advanceTimersByTimeAsync(2000);
    saves[0].reject(conflict());
    await jest.advanceTimersByTimeAsync(0);
    api.note.mockResolvedValue(
      note({ version: 5, sections: { subjective: '', objective: '', assessment: '', plan: 'T' } }),
    );
    await state.showTheirs();

    state.keepMine();
    expect(state.theirs()).toBeNull();
    expect(state.conflict()).toBe(false);
    await jest.advanceTimersByTimeAsync(2000);
    expect(saves[1].request).toMatchObject({ version: 5, sections: { plan: 'Mine' } });
  });

  it('takes the saved version and keeps the counselor’s text aside to copy from', async () => {
    const { api, state, saves } = setup();
    state.edit('plan', 'Mine');
    await jest.advanceTimersByTimeAsync(2000);
    saves[0].reject(conflict());
    await jest.advanceTimersByTimeAsync(0);
    api.note.mockResolvedValue(
      note({ version: 5, sections: { subjective: '', objective: '', assessment: '', plan: 'T' } }),
    );
    await state.showTheirs();

    state.useTheirs();
    expect(state.draft().sections['plan']).toBe('T');
    expect(state.myCopy()?.sections['plan']).toBe('Mine');
    expect(state.autosave.state()).toBe('idle');
    expect(state.autosave.currentVersion).toBe(5);

    state.edit('plan', 'T, and more');
    await jest.advanceTimersByTimeAsync(2000);
    expect(saves[1].request.version).toBe(5);
    state.dismissCopy();
    expect(state.myCopy()).toBeNull();
  });

  it('cannot keep its text over a note signed elsewhere, but keeps it aside', async () => {
    const { api, state, saves } = setup();
    state.edit('plan', 'Mine');
    await jest.advanceTimersByTimeAsync(2000);
    saves[0].reject(conflict());
    await jest.advanceTimersByTimeAsync(0);
    api.note.mockResolvedValue(
      note({ version: 3, status: 'signed', signedAt: '2026-05-10T17:00:00Z' }),
    );
    await state.showTheirs();

    state.keepMine();
    expect(state.theirs()).not.toBeNull();
    state.useTheirs();
    expect(state.signed()).toBe(true);
    expect(state.myCopy()?.sections['plan']).toBe('Mine');
    state.edit('plan', 'ignored');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(saves).toHaveLength(1);
  });

  it('saves what is waiting before signing, then signs the version it saved', async () => {
    const { api, state, saves } = setup();
    state.edit('plan', 'Next week: letter.');
    const ready = state.prepareSign();
    await jest.advanceTimersByTimeAsync(0);
    expect(saves).toHaveLength(1);
    saves[0].resolve({ version: 2, savedAt: '2026-05-10T16:05:00Z' });
    await expect(ready).resolves.toBe(true);

    const signed = note({ version: 3, status: 'signed', signedAt: '2026-05-10T16:06:00Z' });
    api.signNote.mockResolvedValue(signed);
    await state.sign();
    expect(api.signNote).toHaveBeenCalledWith('n1', 2);
    expect(state.signed()).toBe(true);

    state.edit('plan', 'after');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(saves).toHaveLength(1);
  });

  it('refuses to sign while the text could not be saved', async () => {
    const { state, saves } = setup();
    state.edit('plan', 'x');
    const ready = state.prepareSign();
    await jest.advanceTimersByTimeAsync(0);
    saves[0].reject(conflict());
    await expect(ready).resolves.toBe(false);
  });

  it('resumes autosaving when the counselor does not sign after all', async () => {
    const { state, saves } = setup();
    await expect(state.prepareSign()).resolves.toBe(true);
    state.edit('plan', 'typed while the dialog was open');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(saves).toHaveLength(0);
    state.cancelSign();
    await jest.advanceTimersByTimeAsync(2000);
    expect(saves).toHaveLength(1);
  });

  it('never writes note text to the browser’s storage', async () => {
    const setItem = jest.spyOn(Storage.prototype, 'setItem');
    const { state, saves } = setup();
    state.edit('subjective', 'Private words');
    await jest.advanceTimersByTimeAsync(2000);
    saves[0].reject(new HttpErrorResponse({ status: 0 }));
    await jest.advanceTimersByTimeAsync(0);
    state.autosave.destroy();
    expect(setItem).not.toHaveBeenCalled();
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('Private words');
  });
});
