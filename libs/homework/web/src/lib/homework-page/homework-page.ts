import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { AuthStore } from '@mend/auth/data-access';
import { CasesApi, joinNames } from '@mend/caseload/web';
import { answerProblems } from '@mend/exercises/model';
import { ExerciseForm } from '@mend/exercises/web';
import {
  JOINT_WORK_CLOSED,
  type Answers,
  type DraftSaved,
  type FieldError,
  type HomeworkDetail,
} from '@mend/shared/contracts';
import {
  Autosave,
  classifySaveError,
  conflictMessage,
  errorMessage,
  fieldErrors,
  SaveIndicator,
  SaveWords,
} from '@mend/shared/web';
import { HomeworkApi } from '../data-access/homework-api';
import { measureResultText } from '../ui/homework-text';
import { FeedbackThread, type ReplyEvent } from '../ui/feedback-thread';
import { HomeworkIntro } from '../ui/homework-intro';
import { answersAsText } from './answers-text';
import { afterSave, needsOthers, PAUSED_TEXT, staleCallout } from './together-text';

const TOGETHER_POLL_MS = 30_000;

const HOMEWORK_WORDS: SaveWords = {
  saved: 'Saved',
  idle: 'Your answers save as you write',
  invalid: 'check the marked answers',
};

/**
 * Client page: one piece of homework. Their own open homework is a form that saves itself to
 * the server as they write, with a Submit (or, together, Confirm) button; submitted, reviewed
 * and shared responses are read-only. The counselor's feedback sits below, with one reply each.
 */
@Component({
  selector: 'mend-homework-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    ExerciseForm,
    FeedbackThread,
    HomeworkIntro,
    SaveIndicator,
  ],
  templateUrl: './homework-page.html',
  styleUrl: './homework-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '(window:beforeunload)': 'beforeUnload($event)',
    '(window:focus)': 'refreshQuietly()',
  },
})
export class HomeworkPage {
  private readonly api = inject(HomeworkApi);
  private readonly auth = inject(AuthStore);
  private readonly cases = inject(CasesApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The route's `:id`, bound by the router. */
  readonly id = input.required<string>();

  protected readonly detail = signal<HomeworkDetail | null>(null);
  protected readonly notFound = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The answers the form shows: the server's at load, then the person's edits. */
  protected readonly answers = signal<Answers>({});
  protected readonly serverErrors = signal<FieldError[]>([]);
  /** After a submission attempt the form flags every missing required answer. */
  protected readonly complete = signal(false);
  protected readonly submitting = signal(false);
  protected readonly submitError = signal<string | null>(null);
  protected readonly replying = signal(false);
  /** The person's answers kept aside after a conflict, until they dismiss them. */
  protected readonly myCopy = signal<Answers | null>(null);
  protected readonly showCopy = signal(false);
  protected readonly reloading = signal(false);
  /**
   * The server refused a save or a confirmation because joint work is closed (its words): the
   * form turns read-only, keeping what the person wrote on the page.
   */
  protected readonly pausedMessage = signal<string | null>(null);
  /** The viewer's own save changed together homework since it was loaded. */
  private readonly editedHere = signal(false);
  /** The case's other members, to name who changed together homework (loaded when needed). */
  private readonly others = signal<string[]>([]);

  protected readonly autosave = new Autosave<Answers, DraftSaved>({
    save: (answers, version) => this.api.saveDraft(this.id(), { answers, version }),
    classify: (error) => {
      const paused = conflictMessage(error, JOINT_WORK_CLOSED);
      if (!paused) return classifySaveError(error);
      this.pausedMessage.set(paused);
      return 'failed';
    },
    onSaved: (saved) =>
      // A new version of together homework asks every member to confirm again.
      this.detail.update((d) => {
        if (!d) return d;
        if (saved.version !== d.version) this.editedHere.set(true);
        return afterSave(d, saved);
      }),
  });

  protected readonly myId = computed(() => this.auth.me()?.id ?? '');
  protected readonly editable = computed(
    () => (this.detail()?.can.edit ?? false) && !this.pausedMessage(),
  );
  /** Together homework kept while joint work is closed: the page says so, never why. */
  protected readonly paused = computed(() => {
    const d = this.detail();
    return this.pausedMessage() ?? (d?.paused ? PAUSED_TEXT : null);
  });
  /** "Alex changed the response after you confirmed it. Read it again and confirm." */
  protected readonly staleText = computed(() => {
    const d = this.detail();
    return d ? staleCallout(d, this.myId(), this.others(), this.editedHere()) : null;
  });
  /** Why the counselor sent it back, while the person revises it. */
  protected readonly revisionReason = computed(() => {
    const d = this.detail();
    return d?.mine && (d.status === 'draft' || d.status === 'not_started')
      ? d.revisionReason
      : null;
  });
  protected readonly measureText = computed(() => {
    const d = this.detail();
    return d?.measureResult ? measureResultText(d.title, d.measureResult) : null;
  });
  protected readonly conflict = computed(() => this.autosave.state() === 'conflict');
  protected readonly saveWords = HOMEWORK_WORDS;
  /** The server's reasons beside each field: from a refused save or a refused submission. */
  protected readonly formErrors = computed(() => [
    ...this.autosave.fieldErrors(),
    ...this.serverErrors(),
  ]);
  protected readonly confirmedByMe = computed(
    () => this.detail()?.confirmations.some((c) => c.userId === this.myId()) ?? false,
  );
  protected readonly hasFeedback = computed(() => (this.detail()?.feedback.length ?? 0) > 0);
  protected readonly sharedView = computed(() => {
    const d = this.detail();
    return !!d && !d.mine;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    // Together homework: the other members' edits and confirmations show up while idle.
    const poll = setInterval(() => void this.refreshQuietly(), TOGETHER_POLL_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(poll);
      // Leaving the page saves what is waiting, then stops.
      void this.autosave.flush().finally(() => this.autosave.destroy());
    });
  }

  /**
   * Reloads together homework when nothing is unsaved here, so the other members' changes and
   * confirmations appear without a conflict. Never replaces the person's own unsaved text.
   */
  protected async refreshQuietly(): Promise<void> {
    const d = this.detail();
    if (!d?.together || !this.editable() || this.submitting()) return;
    if (this.autosave.unsaved()) return;
    try {
      const fresh = await this.api.get(d.id);
      if (this.autosave.unsaved() || this.submitting()) return;
      const changed =
        fresh.version !== this.autosave.currentVersion ||
        fresh.status !== d.status ||
        fresh.confirmations.length !== d.confirmations.length;
      if (changed) this.applyDetail(fresh);
    } catch {
      // A quiet refresh: the next save or reload shows any problem.
    }
  }

  protected beforeUnload(event: BeforeUnloadEvent): void {
    if (this.editable() && this.autosave.unsaved()) {
      void this.autosave.flush();
      event.preventDefault();
    } else if (this.pausedMessage() && this.autosave.unsaved()) {
      // Paused with text that could not be saved: leaving would lose it.
      event.preventDefault();
    }
  }

  protected onAnswers(answers: Answers): void {
    this.answers.set(answers);
    this.submitError.set(null);
    this.autosave.change(answers);
  }

  protected async submit(): Promise<void> {
    const d = this.detail();
    if (!d || this.submitting()) return;
    const problems = answerProblems(d.exercise.fields, this.answers(), {
      complete: true,
      members: d.members.length ? d.members.map((m) => m.userId) : undefined,
    });
    if (problems.length) {
      this.complete.set(true);
      this.submitError.set(
        problems.length === 1
          ? 'One answer still needs your attention.'
          : `${problems.length} answers still need your attention.`,
      );
      this.focusFirstError();
      return;
    }
    this.submitting.set(true);
    this.submitError.set(null);
    await this.autosave.hold();
    try {
      const result = await this.api.submit(d.id, {
        answers: this.autosave.value ?? this.answers(),
        version: this.autosave.currentVersion,
      });
      this.applyDetail(result);
      this.serverErrors.set([]);
      this.complete.set(false);
      this.snackBar.open(
        d.together
          ? result.status === 'submitted'
            ? 'Confirmed. Everyone has confirmed, so it went to your counselor.'
            : 'You confirmed. It goes to your counselor once everyone has confirmed.'
          : 'Submitted. Your counselor will read it.',
        'OK',
        { duration: 6000 },
      );
    } catch (error) {
      const paused = conflictMessage(error, JOINT_WORK_CLOSED);
      if (paused) {
        // The answers stay on the page; saving stays held (the form is read-only now).
        this.pausedMessage.set(paused);
      } else if (error instanceof HttpErrorResponse && error.status === 409) {
        this.submitError.set(
          d.together
            ? 'Someone else changed this since you opened it. Reload their version first.'
            : 'This changed somewhere else since you opened it. Reload the saved version first.',
        );
        this.autosave.markConflict();
      } else {
        const fields = fieldErrors(error);
        if (fields.length) {
          this.serverErrors.set(fields);
          this.complete.set(true);
          this.focusFirstError();
        }
        this.submitError.set(errorMessage(error));
      }
    } finally {
      this.submitting.set(false);
      if (this.editable()) this.autosave.release();
    }
  }

  /** Keeps the person's answers aside and loads the version on the server. */
  protected async reloadTheirs(): Promise<void> {
    this.myCopy.set(this.autosave.value ?? this.answers());
    this.reloading.set(true);
    try {
      const d = await this.api.get(this.id());
      this.applyDetail(d);
      this.submitError.set(null);
      this.showCopy.set(true);
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    } finally {
      this.reloading.set(false);
    }
  }

  protected async copyText(answers: Answers): Promise<void> {
    const d = this.detail();
    if (!d) return;
    try {
      await navigator.clipboard.writeText(answersAsText(d.exercise.fields, answers, d.members));
      this.snackBar.open('Your answers are copied. Paste them where you need them.', 'OK', {
        duration: 5000,
      });
    } catch {
      this.snackBar.open('Copying is not allowed here; select the text instead.', 'OK', {
        duration: 6000,
      });
    }
  }

  protected dismissCopy(): void {
    this.myCopy.set(null);
    this.showCopy.set(false);
  }

  protected async reply(event: ReplyEvent): Promise<void> {
    this.replying.set(true);
    try {
      const d = await this.api.reply(this.id(), event.feedbackId, { body: event.body });
      this.detail.set(d);
      event.done();
      this.snackBar.open('Reply sent to your counselor.', 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
    } finally {
      this.replying.set(false);
    }
  }

  protected async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      this.applyDetail(await this.api.get(id));
      this.notFound.set(false);
    } catch (error) {
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400)) {
        this.notFound.set(true);
      } else {
        this.error.set(errorMessage(error));
      }
    }
  }

  protected confirmedText(d: HomeworkDetail): string {
    const names = d.confirmations
      .map((c) => (c.userId === this.myId() ? 'you' : c.displayName))
      .sort((a, b) => (a === 'you' ? -1 : b === 'you' ? 1 : 0));
    if (!names.length) return 'Nobody has confirmed this version yet.';
    return `Confirmed by ${joinNames(names)}.`;
  }

  private applyDetail(d: HomeworkDetail): void {
    this.detail.set(d);
    this.answers.set(d.answers ?? {});
    this.autosave.reset(d.version, d.savedAt);
    this.editedHere.set(false);
    this.pausedMessage.set(null);
    if (needsOthers(d, this.myId()) && !this.others().length) void this.loadOthers(d.caseId);
  }

  /** The case's other members, to say who changed together homework. */
  private async loadOthers(caseId: string): Promise<void> {
    const theCase = await this.cases.get(caseId).catch(() => null);
    if (!theCase) return;
    this.others.set(
      theCase.members.filter((m) => m.userId !== this.myId()).map((m) => m.displayName),
    );
  }

  private focusFirstError(): void {
    setTimeout(() => {
      const field = this.host.nativeElement.querySelector<HTMLElement>('.field.invalid');
      field?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      field
        ?.querySelector<HTMLElement>('input, textarea, [tabindex]')
        ?.focus({ preventScroll: true });
    });
  }
}
