import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import { CasesApi } from '@mend/caseload/web';
import type { NoteFormat, NoteView, SessionView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { NotesApi } from '../data-access/notes-api';
import { NoteEditorState } from '../editor/note-editor-state';
import { RecordSession, type RecordSessionData } from '../record-session/record-session';
import { attendeeNames, pdfFileName, sessionKind, sessionWhen } from '../ui/session-text';
import { NoteEditor } from './note-editor';
import { NotePrintStyles } from './print-styles';
import { SignedNote } from './signed-note';
import { StartNote } from './start-note';

/**
 * Counselor page `/sessions/:id`: a session and its clinical note. Without a note: choose the
 * format and start. A draft: the autosaving editor with the homework since the previous session.
 * Signed: the locked note with its addenda, a PDF to download and a clean printout.
 */
@Component({
  selector: 'mend-note-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    NoteEditor,
    NotePrintStyles,
    SignedNote,
    StartNote,
  ],
  templateUrl: './note-page.html',
  styleUrl: './note-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(window:beforeunload)': 'beforeUnload($event)' },
})
export class NotePage {
  private readonly api = inject(NotesApi);
  private readonly cases = inject(CasesApi);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** The route's `:id` (the session's), bound by the router. */
  readonly id = input.required<string>();

  protected readonly session = signal<SessionView | null>(null);
  protected readonly note = signal<NoteView | null>(null);
  /** The draft being written; null when there is no note or it is signed. */
  protected readonly editor = signal<NoteEditorState | null>(null);
  protected readonly notFound = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly starting = signal(false);
  protected readonly signedNote = viewChild(SignedNote);

  protected readonly clinicName = computed(() => this.auth.me()?.clinic?.name ?? 'Mend');
  protected readonly sessionWhen = sessionWhen;
  protected readonly sessionKind = sessionKind;
  protected readonly attendeeNames = attendeeNames;
  protected readonly signed = computed(() => this.note()?.status === 'signed');
  protected readonly downloading = signal(false);
  protected readonly pdfName = computed(() => {
    const session = this.session();
    return session ? pdfFileName(session) : 'note.pdf';
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    // Leaving the page saves what is waiting, then stops.
    inject(DestroyRef).onDestroy(() => void this.editor()?.destroy());
  }

  protected beforeUnload(event: BeforeUnloadEvent): void {
    const editor = this.editor();
    if (editor?.autosave.unsaved()) {
      void editor.autosave.flush();
      event.preventDefault();
    } else if (this.signedNote()?.unsaved()) {
      void this.signedNote()?.flush();
      event.preventDefault();
    }
  }

  protected async start(format: NoteFormat): Promise<void> {
    const session = this.session();
    if (!session) return;
    this.starting.set(true);
    try {
      const note = await this.api.startNote(session.id, format);
      this.applyNote(note);
      this.session.set({ ...session, note: this.noteRef(note) });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    } finally {
      this.starting.set(false);
    }
  }

  protected onSigned(note: NoteView): void {
    this.applyNote(note);
    const session = this.session();
    if (session) this.session.set({ ...session, note: this.noteRef(note) });
  }

  protected onChanged(note: NoteView): void {
    this.note.set(note);
  }

  protected async downloadPdf(): Promise<void> {
    const note = this.note();
    if (!note) return;
    this.downloading.set(true);
    try {
      await this.api.downloadPdf(note.id, this.pdfName());
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    } finally {
      this.downloading.set(false);
    }
  }

  protected print(): void {
    window.print();
  }

  protected async editDetails(): Promise<void> {
    const session = this.session();
    if (!session) return;
    try {
      const detail = await this.cases.get(session.caseId);
      this.dialog
        .open<RecordSession, RecordSessionData, SessionView>(RecordSession, {
          data: {
            caseId: detail.id,
            caseType: detail.type,
            // Members who left the case still show as attendees of their sessions.
            members: [
              ...detail.members,
              ...session.attendees.filter(
                (a) => !detail.members.some((m) => m.userId === a.userId),
              ),
            ],
            session,
          },
          autoFocus: 'first-tabbable',
          maxWidth: '96vw',
        })
        .afterClosed()
        .subscribe((saved) => {
          if (!saved) return;
          this.session.set(saved);
          this.snackBar.open('Session details saved.', 'OK', { duration: 4000 });
        });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    }
  }

  protected async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      const session = await this.api.session(id);
      const note = session.note ? await this.api.note(session.note.id) : null;
      this.session.set(session);
      this.notFound.set(false);
      if (note) this.applyNote(note);
    } catch (error) {
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400)) {
        this.notFound.set(true);
      } else {
        this.error.set(errorMessage(error));
      }
    }
  }

  private applyNote(note: NoteView): void {
    void this.editor()?.destroy();
    this.note.set(note);
    const me = this.auth.me();
    const writer = me ? { userId: me.id, displayName: me.displayName } : undefined;
    this.editor.set(
      note.status === 'draft' ? new NoteEditorState(this.api, note, { writer }) : null,
    );
  }

  private noteRef(note: NoteView): SessionView['note'] {
    return { id: note.id, format: note.format, status: note.status, signedAt: note.signedAt };
  }
}
