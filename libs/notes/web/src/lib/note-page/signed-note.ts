import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import {
  NOTE_FORMAT_LABELS,
  NOTE_SECTIONS,
  NOTE_TEXT_MAX,
  type AddendumView,
  type NoteView,
} from '@mend/shared/contracts';
import { confirmAction, errorMessage, SaveIndicator } from '@mend/shared/web';
import { NotesApi } from '../data-access/notes-api';
import { AddendumState } from '../editor/addendum-state';
import { writtenBy } from '../ui/session-text';

/**
 * A signed note: locked and read-only, with who signed it and when, its addenda below in order,
 * and one addendum at a time being written (autosaved, then signed on its own).
 */
@Component({
  selector: 'mend-signed-note',
  imports: [DatePipe, MatButtonModule, MatCardModule, MatIconModule, SaveIndicator],
  templateUrl: './signed-note.html',
  styleUrl: './signed-note.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignedNote {
  private readonly api = inject(NotesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  readonly note = input.required<NoteView>();
  /** The note with a newly signed addendum. */
  readonly changed = output<NoteView>();

  protected readonly formatLabels = NOTE_FORMAT_LABELS;
  protected readonly writtenBy = writtenBy;
  protected readonly max = NOTE_TEXT_MAX;
  protected readonly sections = computed(() => NOTE_SECTIONS[this.note().format]);
  protected readonly signedAddenda = computed(() =>
    this.note().addenda.filter((a) => a.signedAt !== null),
  );
  /** The addendum being written, if any. */
  protected readonly writing = signal<AddendumState | null>(null);
  protected readonly signing = signal(false);
  protected readonly signError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const note = this.note();
      untracked(() => {
        const draft = note.addenda.find((a) => a.signedAt === null) ?? null;
        if (draft && this.writing()?.addendum()?.id !== draft.id) this.open(draft);
      });
    });
    inject(DestroyRef).onDestroy(() => void this.writing()?.destroy());
  }

  /** Something typed and not on the server yet (for leaving the page). */
  unsaved(): boolean {
    return this.writing()?.autosave.unsaved() ?? false;
  }

  flush(): Promise<void> {
    return this.writing()?.autosave.flush() ?? Promise.resolve();
  }

  protected text(key: string): string {
    return this.note().sections[key] ?? '';
  }

  protected startAddendum(): void {
    this.open(null);
  }

  protected onInput(event: Event): void {
    this.signError.set(null);
    this.writing()?.edit((event.target as HTMLTextAreaElement).value);
  }

  protected async showTheirs(): Promise<void> {
    try {
      await this.writing()?.showTheirs();
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    }
  }

  protected async copyMine(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.writing()?.text() ?? '');
      this.snackBar.open('Your text is copied.', 'OK', { duration: 4000 });
    } catch {
      this.snackBar.open('Copying is not allowed here; select the text instead.', 'OK', {
        duration: 6000,
      });
    }
  }

  /** Takes the server's version of the note (e.g. the addendum was signed elsewhere). */
  protected async reload(): Promise<void> {
    try {
      const fresh = await this.api.note(this.note().id);
      void this.writing()?.destroy();
      this.writing.set(null);
      this.changed.emit(fresh);
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    }
  }

  protected async sign(): Promise<void> {
    const state = this.writing();
    if (!state || this.signing()) return;
    this.signing.set(true);
    this.signError.set(null);
    try {
      if (!(await state.prepareSign())) {
        this.signError.set(
          state.conflict()
            ? 'This addendum changed elsewhere. Look at the saved version first.'
            : 'Your latest text is not saved yet, so the addendum cannot be signed. Try again in a moment.',
        );
        return;
      }
    } finally {
      this.signing.set(false);
    }
    confirmAction(this.dialog, {
      title: 'Sign this addendum?',
      message: [
        'It is added to the note with today’s date and your name, and locked like the note: it can no longer be changed.',
      ],
      confirm: 'Sign addendum',
      action: () => state.sign(),
    }).subscribe((signed) => {
      if (!signed) {
        state.cancelSign();
        return;
      }
      this.writing.set(null);
      this.snackBar.open('Addendum signed and added to the note.', 'OK', { duration: 4000 });
      this.changed.emit(this.withAddendum(signed));
    });
  }

  protected cancelEmpty(): void {
    const state = this.writing();
    if (state && !state.addendum() && state.empty()) {
      void state.destroy();
      this.writing.set(null);
    }
  }

  private open(draft: AddendumView | null): void {
    void this.writing()?.destroy();
    this.writing.set(new AddendumState(this.api, this.note().id, draft));
  }

  private withAddendum(signed: AddendumView): NoteView {
    const note = this.note();
    const known = note.addenda.some((a) => a.id === signed.id);
    return {
      ...note,
      addenda: known
        ? note.addenda.map((a) => (a.id === signed.id ? signed : a))
        : [...note.addenda, signed],
    };
  }
}
