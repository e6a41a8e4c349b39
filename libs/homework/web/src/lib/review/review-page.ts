import { DatePipe, formatDate } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  LOCALE_ID,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule, type MatSlideToggleChange } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { CasesApi, joinNames } from '@mend/caseload/web';
import { ExerciseForm } from '@mend/exercises/web';
import { JointWorkClosed, jointWorkClosedMessage } from '@mend/safety/web';
import type { CaseDetail, HomeworkDetail } from '@mend/shared/contracts';
import { confirmAction, errorMessage } from '@mend/shared/web';
import { HomeworkApi } from '../data-access/homework-api';
import { FEEDBACK_MAX, FeedbackThread } from '../ui/feedback-thread';
import { HomeworkIntro } from '../ui/homework-intro';
import { measureResultText } from '../ui/homework-text';
import { ReopenDialog, reopenWho, type ReopenData } from './reopen-dialog';
import { shareExplanation } from './review-text';

/**
 * Counselor page: one piece of homework of their caseload. Reads the response, writes
 * feedback, marks it reviewed or sends it back for revision, and shares an individual response
 * with the case's other members (never by accident: sharing asks first).
 */
@Component({
  selector: 'mend-review-page',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    ExerciseForm,
    FeedbackThread,
    HomeworkIntro,
    JointWorkClosed,
  ],
  templateUrl: './review-page.html',
  styleUrl: './review-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewPage {
  private readonly api = inject(HomeworkApi);
  private readonly cases = inject(CasesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly locale = inject(LOCALE_ID);

  /** The route's `:id`, bound by the router. */
  readonly id = input.required<string>();

  protected readonly detail = signal<HomeworkDetail | null>(null);
  protected readonly caseDetail = signal<CaseDetail | null>(null);
  protected readonly notFound = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly feedbackText = signal('');
  protected readonly feedbackError = signal<string | null>(null);
  protected readonly feedbackMax = FEEDBACK_MAX;
  /** Sharing was refused: joint work is closed for this case (the server's words). */
  protected readonly jointClosed = signal<string | null>(null);

  /** Who else is in the case: the people a shared response becomes visible to. */
  protected readonly others = computed(() => {
    const d = this.detail();
    return (this.caseDetail()?.members ?? [])
      .filter((m) => m.userId !== d?.member?.userId)
      .map((m) => m.displayName);
  });
  protected readonly othersText = computed(() => joinNames(this.others()) || 'the other members');
  protected readonly author = computed(() => {
    const d = this.detail();
    return d?.together ? 'The members' : (d?.member?.displayName ?? 'The client');
  });
  protected readonly shareText = computed(() => {
    const d = this.detail();
    return d ? shareExplanation(d, this.othersText()) : '';
  });
  protected readonly responseState = computed(() => {
    const d = this.detail();
    if (!d) return '';
    const at = (iso: string) => formatDate(iso, 'MMM d, y, H:mm', this.locale);
    if (d.submittedAt && (d.status === 'submitted' || d.status === 'reviewed'))
      return `Submitted ${at(d.submittedAt)}`;
    if (d.savedAt) return `Not submitted yet · draft saved ${at(d.savedAt)}`;
    return 'Not started yet';
  });
  protected readonly confirmedBy = computed(() =>
    joinNames(this.detail()?.confirmations.map((c) => c.displayName) ?? []),
  );
  /** Confirmed an earlier version of together homework: asked to confirm again. */
  protected readonly staleBy = computed(() =>
    joinNames(this.detail()?.staleConfirmations.map((c) => c.displayName) ?? []),
  );
  /** A measure's locked score: "PHQ-9 · 17 (Moderately severe)". */
  protected readonly measureText = computed(() => {
    const d = this.detail();
    return d?.measureResult ? measureResultText(d.title, d.measureResult) : null;
  });
  /** A measure's result is locked once submitted: it cannot go back for revision. */
  protected readonly isMeasure = computed(() => {
    const d = this.detail();
    return !!d && (d.isMeasure || !!d.exercise.measure || !!d.measureResult);
  });
  protected readonly submittedYet = computed(() => {
    const status = this.detail()?.status;
    return status === 'submitted' || status === 'reviewed';
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  protected async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      const d = await this.api.get(id);
      this.detail.set(d);
      this.notFound.set(false);
      if (this.caseDetail()?.id !== d.caseId) {
        this.caseDetail.set(await this.cases.get(d.caseId).catch(() => null));
      }
    } catch (error) {
      if (error instanceof HttpErrorResponse && (error.status === 404 || error.status === 400)) {
        this.notFound.set(true);
      } else {
        this.error.set(errorMessage(error));
      }
    }
  }

  protected typeFeedback(event: Event): void {
    this.feedbackText.set((event.target as HTMLTextAreaElement).value);
    this.feedbackError.set(null);
  }

  protected async sendFeedback(): Promise<void> {
    const body = this.feedbackText().trim();
    if (!body) {
      this.feedbackError.set('Write your feedback first.');
      return;
    }
    await this.act(
      () => this.api.feedback(this.id(), { body }),
      'Feedback sent.',
      () => this.feedbackText.set(''),
    );
  }

  protected markReviewed(): Promise<void> {
    return this.act(() => this.api.markReviewed(this.id()), 'Marked as reviewed.');
  }

  /** Asks what to revise (the client reads it above the form), then sends it back. */
  protected reopen(d: HomeworkDetail): void {
    this.dialog
      .open<ReopenDialog, ReopenData, HomeworkDetail>(ReopenDialog, {
        data: { detail: d },
        autoFocus: 'first-tabbable',
        maxWidth: '96vw',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.detail.set(saved);
        this.snackBar.open(`Sent back to ${reopenWho(d)}.`, 'OK', { duration: 4000 });
      });
  }

  protected toggleShare(d: HomeworkDetail, change: MatSlideToggleChange): void {
    if (!change.checked) {
      void this.act(
        () => this.api.share(d.id, false),
        `No longer shared. ${this.othersText()} can no longer see it.`,
      );
      return;
    }
    change.source.checked = false;
    this.jointClosed.set(null);
    const who = d.member?.displayName ?? 'this member';
    confirmAction(this.dialog, {
      title: `Share ${who}’s response with ${this.othersText()}?`,
      message: [
        `${this.othersText()} will be able to read ${who}’s answers to “${d.title}”, read-only, under “Shared with you” on their homework page.`,
        `Nothing else of ${who}’s becomes visible. You can stop sharing at any time. Consider telling ${who} in your next session.`,
      ],
      confirm: `Share with ${this.othersText()}`,
      // Joint work closed: the dialog closes and the page says why, with the way to the
      // case's Safety tab.
      action: () =>
        this.api.share(d.id, true).catch((error: unknown) => {
          const closed = jointWorkClosedMessage(error);
          if (!closed) throw error;
          this.jointClosed.set(closed);
          return undefined;
        }),
    }).subscribe((saved) => {
      if (!saved) return;
      this.detail.set(saved);
      this.snackBar.open(`Shared with ${this.othersText()}.`, 'OK', { duration: 4000 });
    });
  }

  private async act(
    request: () => Promise<HomeworkDetail>,
    message: string,
    done?: () => void,
  ): Promise<void> {
    this.busy.set(true);
    try {
      this.detail.set(await request());
      done?.();
      this.snackBar.open(message, 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
      // The page may be out of date (someone else reviewed it): show what is true now.
      void this.load(this.id());
    } finally {
      this.busy.set(false);
    }
  }
}
