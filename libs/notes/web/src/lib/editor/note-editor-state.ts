import { computed, signal, type Signal, type WritableSignal } from '@angular/core';
import type {
  NoteFormat,
  NoteSaved,
  NoteView,
  Person,
  SaveNoteRequest,
} from '@mend/shared/contracts';
import { Autosave } from '@mend/shared/web';
import { appendText, sameDraft, sectionsOf, switchFormat, type NoteDraft } from './note-text';

/** The calls the editor makes (the `NotesApi` methods), so tests can answer them. */
export interface NoteEditorApi {
  note(id: string): Promise<NoteView>;
  saveNote(id: string, request: SaveNoteRequest): Promise<NoteSaved>;
  signNote(id: string, version: number): Promise<NoteView>;
}

/** The note's writers once `writer` saved a change (as the server records them). */
function wroteIn(note: NoteView, writer: Person): Pick<NoteView, 'contributors' | 'lastEditedBy'> {
  // Before the first save the list shows the author, who may not have written anything.
  const writers = note.lastEditedBy ? note.contributors : [];
  return {
    lastEditedBy: writer,
    contributors: writers.some((p) => p.userId === writer.userId) ? writers : [...writers, writer],
  };
}

export function draftOf(note: Pick<NoteView, 'format' | 'sections'>): NoteDraft {
  return { format: note.format, sections: sectionsOf(note.format, note.sections) };
}

/**
 * The draft note being written: the text, its autosave to the server and what happens when the
 * server says the note changed elsewhere (409). The person's own text is never dropped: after a
 * conflict it stays in the editor while the saved version is shown beside it, and when they take
 * the saved version, theirs is kept aside to copy from. Nothing goes to the browser's storage.
 */
export class NoteEditorState {
  private readonly noteSignal: WritableSignal<NoteView>;
  private readonly draftSignal: WritableSignal<NoteDraft>;

  /** The note as last read from the server (its version moves on with every save). */
  readonly note: Signal<NoteView>;
  /** The text in the editor. */
  readonly draft: Signal<NoteDraft>;
  /** The version on the server after a conflict, shown beside the editor; null otherwise. */
  readonly theirs = signal<NoteView | null>(null);
  /** The person's text kept aside after they took the saved version, until they dismiss it. */
  readonly myCopy = signal<NoteDraft | null>(null);
  readonly loadingTheirs = signal(false);

  readonly autosave: Autosave<NoteDraft>;
  readonly conflict = computed(() => this.autosave.state() === 'conflict');
  readonly signed = computed(() => this.note().status === 'signed');

  constructor(
    private readonly api: NoteEditorApi,
    note: NoteView,
    /** `writer`: the person signed in, recorded by the server as the writer of each save. */
    options: { delayMs?: number; writer?: Person } = {},
  ) {
    this.noteSignal = signal(note);
    this.draftSignal = signal(draftOf(note));
    this.note = this.noteSignal.asReadonly();
    this.draft = this.draftSignal.asReadonly();
    this.autosave = new Autosave<NoteDraft>({
      delayMs: options.delayMs,
      save: (draft, version) =>
        this.api.saveNote(this.note().id, {
          format: draft.format,
          sections: draft.sections,
          version,
        }),
      onSaved: (saved) =>
        this.noteSignal.update((n) => ({
          ...n,
          version: saved.version,
          savedAt: saved.savedAt,
          ...(options.writer ? wroteIn(n, options.writer) : {}),
        })),
    });
    this.autosave.reset(note.version, note.savedAt);
  }

  /** The person typed in a section. */
  edit(key: string, text: string): void {
    this.change({ ...this.draft(), sections: { ...this.draft().sections, [key]: text } });
  }

  /** Another format, carrying every word over (see `switchFormat`). */
  setFormat(format: NoteFormat): void {
    if (format === this.draft().format) return;
    this.change(switchFormat(this.draft(), format));
  }

  /** Adds text at the end of a section (the homework summary). */
  insert(key: string, text: string): void {
    if (!text) return;
    this.edit(key, appendText(this.draft().sections[key] ?? '', text));
  }

  /** After a conflict: reads the saved version to show beside the person's text. */
  async showTheirs(): Promise<NoteView> {
    this.loadingTheirs.set(true);
    try {
      const theirs = await this.api.note(this.note().id);
      this.theirs.set(theirs);
      return theirs;
    } finally {
      this.loadingTheirs.set(false);
    }
  }

  /**
   * Keeps the person's text and saves it over the newest version (they have seen it). Not
   * possible once the note was signed elsewhere.
   */
  keepMine(): void {
    const theirs = this.theirs();
    if (!theirs || theirs.status === 'signed') return;
    this.noteSignal.set(theirs);
    this.theirs.set(null);
    this.autosave.reset(theirs.version, theirs.savedAt);
    this.autosave.change(this.draft());
  }

  /** Takes the saved version into the editor; the person's text stays aside to copy from. */
  useTheirs(): void {
    const theirs = this.theirs();
    if (!theirs) return;
    const mine = this.draft();
    if (!sameDraft(mine, draftOf(theirs))) this.myCopy.set(mine);
    this.apply(theirs);
  }

  dismissCopy(): void {
    this.myCopy.set(null);
  }

  /**
   * Saves what is waiting and pauses saving before the sign question. Resolves false (and
   * resumes) when something could not be saved: the note must not be signed over unsaved text.
   */
  async prepareSign(): Promise<boolean> {
    await this.autosave.flush();
    if (this.autosave.unsaved()) return false;
    await this.autosave.hold();
    if (this.autosave.unsaved()) {
      this.autosave.release();
      return false;
    }
    return true;
  }

  /** The person did not sign after all. */
  cancelSign(): void {
    this.autosave.release();
  }

  /** Signs the version the person read; the note is locked afterwards. */
  async sign(): Promise<NoteView> {
    const signed = await this.api.signNote(this.note().id, this.autosave.currentVersion);
    this.apply(signed);
    this.autosave.destroy();
    return signed;
  }

  /** Leaving the page: saves what is waiting, then stops. */
  async destroy(): Promise<void> {
    try {
      await this.autosave.flush();
    } finally {
      this.autosave.destroy();
    }
  }

  private change(draft: NoteDraft): void {
    this.draftSignal.set(draft);
    if (this.signed()) return;
    this.autosave.change(draft);
  }

  private apply(note: NoteView): void {
    this.noteSignal.set(note);
    this.draftSignal.set(draftOf(note));
    this.theirs.set(null);
    this.autosave.reset(note.version, note.savedAt);
    if (note.status === 'signed') this.autosave.destroy();
  }
}
