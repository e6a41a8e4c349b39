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
import { RouterLink } from '@angular/router';
import { answerProblems, criticalAnswers } from '@mend/exercises/model';
import { ExerciseForm } from '@mend/exercises/web';
import type { Answers, FieldError, MySafetyCheck } from '@mend/shared/contracts';
import { Autosave, errorMessage, fieldErrors, SaveIndicator, SaveWords } from '@mend/shared/web';
import { SafetyApi, type SafetyDraftSaved } from '../data-access/safety-api';
import { QuickExit } from './quick-exit';

const CHECK_WORDS: SaveWords = {
  saved: 'Saved',
  idle: 'Your answers save as you go',
  invalid: 'check the marked answers',
};

/**
 * Client page: their private safety check-in. A quiet "Leave this page" bar stays at the top
 * (Escape twice does the same); the answers save to the server as they go and are sent with
 * Submit. An answer that needs care brings up the clinic's crisis text at once (the form shows
 * it under the questions). Afterwards the page only says thank you: never anything about what
 * happens next.
 */
@Component({
  selector: 'mend-safety-check-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    ExerciseForm,
    QuickExit,
    SaveIndicator,
  ],
  templateUrl: './safety-check-page.html',
  styleUrl: './safety-check-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(window:beforeunload)': 'beforeUnload($event)' },
})
export class SafetyCheckPage {
  private readonly api = inject(SafetyApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The route's `:id`, bound by the router. */
  readonly id = input.required<string>();

  protected readonly check = signal<MySafetyCheck | null>(null);
  protected readonly notFound = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly answers = signal<Answers>({});
  protected readonly serverErrors = signal<FieldError[]>([]);
  protected readonly complete = signal(false);
  protected readonly submitting = signal(false);
  protected readonly submitError = signal<string | null>(null);
  protected readonly saveWords = CHECK_WORDS;

  protected readonly autosave = new Autosave<Answers, SafetyDraftSaved>({
    save: (answers, version) => this.api.saveDraft(this.id(), { answers, version }),
  });

  protected readonly done = computed(() => !!this.check()?.submittedAt);
  protected readonly conflict = computed(() => this.autosave.state() === 'conflict');
  /** An answer needs care: the form shows the crisis text under the questions, and the bar at
   * the bottom points to it at once, wherever the person is on the page. */
  protected readonly needsCare = computed(() => {
    const c = this.check();
    return !!c?.crisisText && criticalAnswers(c.fields, this.answers()).length > 0;
  });
  protected readonly formErrors = computed(() => [
    ...this.autosave.fieldErrors(),
    ...this.serverErrors(),
  ]);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
    inject(DestroyRef).onDestroy(() => {
      void this.autosave.flush().finally(() => this.autosave.destroy());
    });
  }

  protected beforeUnload(event: BeforeUnloadEvent): void {
    if (!this.done() && this.autosave.unsaved()) {
      void this.autosave.flush();
      event.preventDefault();
    }
  }

  /** Leaving in a hurry: send what is waiting, without holding the exit up. */
  protected leaving(): void {
    if (!this.done()) void this.autosave.flush();
  }

  protected onAnswers(answers: Answers): void {
    this.answers.set(answers);
    this.submitError.set(null);
    this.autosave.change(answers);
  }

  protected async submit(): Promise<void> {
    const c = this.check();
    if (!c || this.submitting()) return;
    const problems = answerProblems(c.fields, this.answers(), { complete: true });
    if (problems.length) {
      this.complete.set(true);
      this.submitError.set(
        problems.length === 1
          ? 'One question still needs an answer. “I’d rather not say” is always fine.'
          : `${problems.length} questions still need an answer. “I’d rather not say” is always fine.`,
      );
      this.focusFirstError();
      return;
    }
    this.submitting.set(true);
    this.submitError.set(null);
    await this.autosave.hold();
    try {
      const result = await this.api.submit(c.id, {
        answers: this.autosave.value ?? this.answers(),
        version: this.autosave.currentVersion,
      });
      this.apply(result);
      this.serverErrors.set([]);
      this.complete.set(false);
      this.focusThanks();
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409) {
        this.submitError.set(
          'This check-in was changed somewhere else (another tab or device). Reload it to carry on.',
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
      if (!this.done()) this.autosave.release();
    }
  }

  protected async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      this.apply(await this.api.myCheck(id));
      this.notFound.set(false);
      this.submitError.set(null);
    } catch (error) {
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400)) {
        this.notFound.set(true);
      } else {
        this.error.set(errorMessage(error));
      }
    }
  }

  protected showCrisisText(): void {
    const callout = this.host.nativeElement.querySelector<HTMLElement>(
      '[data-testid="crisis-callout"]',
    );
    if (!callout) return;
    callout.tabIndex = -1;
    callout.scrollIntoView({ behavior: 'smooth', block: 'center' });
    callout.focus({ preventScroll: true });
  }

  private apply(check: MySafetyCheck): void {
    this.check.set(check);
    this.answers.set(check.answers ?? {});
    this.autosave.reset(check.version, check.savedAt);
    if (check.submittedAt) this.autosave.destroy();
  }

  private focusThanks(): void {
    setTimeout(() => {
      const heading = this.host.nativeElement.querySelector<HTMLElement>('#safety-thanks');
      heading?.focus();
      heading?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    });
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
