import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { AuthStore } from '@mend/auth/data-access';
import {
  NOTE_FORMAT_LABELS,
  NOTE_FORMATS,
  NOTE_SECTIONS,
  NOTE_TEXT_MAX,
  type NoteFormat,
  type NoteView,
  type SessionView,
} from '@mend/shared/contracts';
import { confirmAction, errorMessage, SaveIndicator } from '@mend/shared/web';
import { draftOf, type NoteEditorState } from '../editor/note-editor-state';
import {
  compareDrafts,
  defaultSummarySection,
  draftAsText,
  sectionLabel,
  sectionsMoved,
} from '../editor/note-text';
import { draftAuthorship, sessionEnd, signNotYet, writtenBy } from '../ui/session-text';
import { HomeworkPanel } from './homework-panel';

/** How close to the limit a section shows its count. */
const COUNT_FROM = NOTE_TEXT_MAX - 2_000;
/** The longest wait before the clock is read again (a laptop may sleep through a timer). */
const CLOCK_CHECK_MS = 60_000;

/**
 * The draft note: a section per part of the chosen format (switchable while drafting), saved to
 * the server as the counselor writes; the homework since the previous session beside it; and
 * "Sign note", after which the note is locked. A 409 keeps the counselor's text in place.
 * Until the session is over, signing waits (the API refuses it): the button says until when.
 */
@Component({
  selector: 'mend-note-editor',
  imports: [
    DatePipe,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatIconModule,
    HomeworkPanel,
    SaveIndicator,
  ],
  templateUrl: './note-editor.html',
  styleUrl: './note-editor.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoteEditor {
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly auth = inject(AuthStore);

  readonly state = input.required<NoteEditorState>();
  /** The session as the page last read it (its time may be changed while the note is a draft). */
  readonly session = input.required<Pick<SessionView, 'startsAt' | 'durationMinutes'>>();
  /** The note was signed (here, or in another tab). */
  readonly signed = output<NoteView>();

  protected readonly formats = NOTE_FORMATS;
  protected readonly formatLabels = NOTE_FORMAT_LABELS;
  protected readonly max = NOTE_TEXT_MAX;
  protected readonly countFrom = COUNT_FROM;
  protected readonly sectionLabel = sectionLabel;
  protected readonly writtenBy = writtenBy;
  /** Who started, wrote and last saved the draft: co-counselors may share one. */
  protected readonly authorship = computed(() => draftAuthorship(this.state().note()));
  /** With several writers, each section says who wrote in it. */
  protected readonly sectionWriters = computed(() => {
    const note = this.state().note();
    return note.contributors.length > 1 && note.lastEditedBy ? note.sectionAuthors : null;
  });

  protected readonly draft = computed(() => this.state().draft());
  protected readonly sections = computed(() => NOTE_SECTIONS[this.draft().format]);
  /** The section the counselor last wrote in: where the homework summary goes. */
  protected readonly focused = signal<string | null>(null);
  protected readonly summaryTarget = computed(() => {
    const key = this.focused();
    const format = this.draft().format;
    return key && NOTE_SECTIONS[format].some((s) => s.key === key)
      ? key
      : defaultSummarySection(format);
  });
  /** After a conflict: the saved version against the counselor's text. */
  protected readonly comparison = computed(() => {
    const theirs = this.state().theirs();
    return theirs ? compareDrafts(this.draft(), draftOf(theirs)) : null;
  });
  protected readonly signing = signal(false);
  protected readonly signError = signal<string | null>(null);
  /** The clock, read again when the session ends so the button wakes up by itself. */
  private readonly now = signal(new Date());
  /** Why the note cannot be signed yet (its session is not over), or null. */
  protected readonly notYet = computed(() => signNotYet(this.session(), this.now()));
  protected readonly sectionErrors = computed(() => {
    const errors = new Map<string, string>();
    for (const field of this.state().autosave.fieldErrors()) {
      const key = field.field.replace(/^sections\./, '');
      errors.set(key, field.reasons[0] ?? 'Check this text.');
    }
    return errors;
  });

  constructor() {
    effect((onCleanup) => {
      const wait = sessionEnd(this.session()).getTime() - this.now().getTime();
      if (wait <= 0) return;
      const timer = setTimeout(
        () => this.now.set(new Date()),
        Math.min(wait + 500, CLOCK_CHECK_MS),
      );
      onCleanup(() => clearTimeout(timer));
    });
  }

  protected sectionsOf(format: NoteFormat) {
    return NOTE_SECTIONS[format];
  }

  protected text(key: string): string {
    return this.draft().sections[key] ?? '';
  }

  protected onInput(key: string, event: Event): void {
    this.signError.set(null);
    this.state().edit(key, (event.target as HTMLTextAreaElement).value);
  }

  protected setFormat(format: NoteFormat): void {
    const moved = sectionsMoved(this.draft(), format);
    this.state().setFormat(format);
    if (moved.length) {
      const first = NOTE_SECTIONS[format][0].label;
      this.snackBar.open(
        `${moved.join(' and ')} ${moved.length === 1 ? 'was' : 'were'} moved into ${first}, under ${moved.length === 1 ? 'its heading' : 'their headings'}.`,
        'OK',
        { duration: 6000 },
      );
    }
  }

  protected insertSummary(summary: string): void {
    const key = this.summaryTarget();
    this.state().insert(key, summary);
    this.snackBar.open(`Homework summary added to ${sectionLabel(key)}.`, 'OK', {
      duration: 4000,
    });
  }

  protected async showTheirs(): Promise<void> {
    try {
      await this.state().showTheirs();
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    }
  }

  protected useTheirs(): void {
    const theirs = this.state().theirs();
    this.state().useTheirs();
    if (theirs?.status === 'signed') this.signed.emit(theirs);
  }

  protected async copyMine(): Promise<void> {
    const mine = this.state().myCopy() ?? this.draft();
    try {
      await navigator.clipboard.writeText(draftAsText(mine));
      this.snackBar.open('Your text is copied.', 'OK', { duration: 4000 });
    } catch {
      this.snackBar.open('Copying is not allowed here; select the text instead.', 'OK', {
        duration: 6000,
      });
    }
  }

  protected async sign(): Promise<void> {
    this.now.set(new Date());
    if (this.signing() || this.notYet()) return;
    this.signing.set(true);
    this.signError.set(null);
    const state = this.state();
    try {
      if (!(await state.prepareSign())) {
        this.signError.set(
          state.conflict()
            ? 'This note changed elsewhere. Look at the saved version first.'
            : 'Your latest text is not saved yet, so the note cannot be signed. Try again in a moment.',
        );
        return;
      }
    } finally {
      this.signing.set(false);
    }
    const me = this.auth.me()?.displayName ?? 'you';
    const today = new Date().toLocaleDateString('en-US', { dateStyle: 'long' });
    // A co-counselor signing a colleague's draft signs as themselves; the writers stay named.
    const others = state.note().contributors.filter((p) => p.userId !== this.auth.me()?.id);
    confirmAction(this.dialog, {
      title: 'Sign this note?',
      message: [
        'A signed note is locked: nobody can change it any more. Anything to add or correct later goes into an addendum, which is dated and signed in turn.',
        `It will read “Signed by ${me} on ${today}”.`,
        ...(others.length && state.note().lastEditedBy
          ? [`${writtenBy(state.note().contributors)}: the note keeps their names beside yours.`]
          : []),
      ],
      confirm: 'Sign note',
      action: () => state.sign(),
    }).subscribe((note) => {
      if (!note) {
        state.cancelSign();
        return;
      }
      this.snackBar.open('Note signed and locked.', 'OK', { duration: 4000 });
      this.signed.emit(note);
    });
  }
}
