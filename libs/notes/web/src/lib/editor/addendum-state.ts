import { computed, signal } from '@angular/core';
import type { AddendumView, NoteSaved } from '@mend/shared/contracts';
import { Autosave } from '@mend/shared/web';

/** The calls the addendum editor makes (the `NotesApi` methods). */
export interface AddendumApi {
  note(id: string): Promise<{ addenda: AddendumView[] }>;
  addAddendum(noteId: string, text: string): Promise<AddendumView>;
  saveAddendum(
    noteId: string,
    addendumId: string,
    text: string,
    version: number,
  ): Promise<NoteSaved>;
  signAddendum(noteId: string, addendumId: string, version: number): Promise<AddendumView>;
}

/**
 * A draft addendum of a signed note: created on the server with the first words typed, then
 * autosaved like the note, and signed on its own. After a conflict the person's text stays; the
 * saved text can be shown beside it.
 */
export class AddendumState {
  /** The draft on the server; null until the first save creates it. */
  readonly addendum = signal<AddendumView | null>(null);
  readonly text = signal('');
  /** The saved text after a conflict, shown beside the person's; null otherwise. */
  readonly theirs = signal<AddendumView | null>(null);
  readonly autosave: Autosave<string>;
  readonly conflict = computed(() => this.autosave.state() === 'conflict');
  readonly empty = computed(() => this.text().trim() === '');

  constructor(
    private readonly api: AddendumApi,
    private readonly noteId: string,
    draft: AddendumView | null,
    options: { delayMs?: number } = {},
  ) {
    this.autosave = new Autosave<string>({
      delayMs: options.delayMs,
      save: (text, version) => this.save(text, version),
    });
    this.addendum.set(draft);
    this.text.set(draft?.text ?? '');
    this.autosave.reset(draft?.version ?? 0, draft?.savedAt ?? null);
  }

  edit(text: string): void {
    this.text.set(text);
    this.autosave.change(text);
  }

  async showTheirs(): Promise<AddendumView | null> {
    const id = this.addendum()?.id;
    const note = await this.api.note(this.noteId);
    const theirs = note.addenda.find((a) => a.id === id) ?? null;
    this.theirs.set(theirs);
    return theirs;
  }

  /** Saves the person's text over the newest version (they have seen it). */
  keepMine(): void {
    const theirs = this.theirs();
    if (!theirs || theirs.signedAt) return;
    this.addendum.set(theirs);
    this.theirs.set(null);
    this.autosave.reset(theirs.version, theirs.savedAt);
    this.autosave.change(this.text());
  }

  /** Saves what is waiting and pauses saving; false when something could not be saved. */
  async prepareSign(): Promise<boolean> {
    await this.autosave.flush();
    if (this.autosave.unsaved() || !this.addendum()) return false;
    await this.autosave.hold();
    if (this.autosave.unsaved()) {
      this.autosave.release();
      return false;
    }
    return true;
  }

  cancelSign(): void {
    this.autosave.release();
  }

  async sign(): Promise<AddendumView> {
    const draft = this.addendum();
    if (!draft) throw new Error('Nothing to sign yet.');
    const signed = await this.api.signAddendum(this.noteId, draft.id, this.autosave.currentVersion);
    this.addendum.set(signed);
    this.autosave.destroy();
    return signed;
  }

  async destroy(): Promise<void> {
    try {
      await this.autosave.flush();
    } finally {
      this.autosave.destroy();
    }
  }

  private async save(text: string, version: number): Promise<NoteSaved> {
    const draft = this.addendum();
    if (draft) return this.api.saveAddendum(this.noteId, draft.id, text, version);
    const created = await this.api.addAddendum(this.noteId, text);
    this.addendum.set(created);
    // The first save created the draft with this text; a later change saves over its version.
    return { version: created.version, savedAt: created.savedAt };
  }
}
