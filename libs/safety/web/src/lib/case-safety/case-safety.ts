import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
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
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import {
  INTERVIEW_MODE_LABELS,
  INTERVIEW_OUTCOME_LABELS,
  type AlertView,
  type CaseDetail,
  type CaseSafetyView,
  type MemberSafety,
} from '@mend/shared/contracts';
import { confirmAction, errorMessage } from '@mend/shared/web';
import { AlertList } from '../alerts/alert-list';
import { SafetyApi } from '../data-access/safety-api';
import { GATE_MISSING_TEXT, gateHeadline } from '../ui/safety-text';
import { CheckAnswers, type CheckAnswersData } from './check-answers';
import { CloseJointWork } from './close-joint-work';
import { RecordInterview, type RecordInterviewData } from './record-interview';
import { recheckProblem } from './recheck';

/**
 * The case page's "Safety" tab (counselors): whether joint work is open and exactly what keeps
 * it closed, the open alerts of the case, each member's latest private check-in and their
 * individual safety conversations, closing joint work with a reason, and how often members are
 * asked to check in again.
 */
@Component({
  selector: 'mend-case-safety',
  imports: [
    DatePipe,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTooltipModule,
    AlertList,
  ],
  templateUrl: './case-safety.html',
  styleUrl: './case-safety.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseSafety {
  private readonly api = inject(SafetyApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** The case, as the case page loaded it. */
  readonly detail = input.required<CaseDetail>();

  protected readonly modeLabels = INTERVIEW_MODE_LABELS;
  protected readonly outcomeLabels = INTERVIEW_OUTCOME_LABELS;
  protected readonly missingText = GATE_MISSING_TEXT;
  protected readonly safety = signal<CaseSafetyView | null>(null);
  protected readonly alerts = signal<AlertView[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly asking = signal<string | null>(null);
  protected readonly showClosures = signal(false);
  protected readonly recheckWeeks = signal('');
  protected readonly recheckError = signal<string | null>(null);
  protected readonly savingRecheck = signal(false);

  protected readonly open = computed(() => this.detail().status === 'open');
  protected readonly headline = computed(() => {
    const s = this.safety();
    return s ? gateHeadline(s.jointWork) : '';
  });
  /** Each member's reason for keeping joint work closed, by their id. */
  protected readonly missing = computed(
    () => new Map((this.safety()?.jointWork.missing ?? []).map((m) => [m.userId, m.reason])),
  );
  protected readonly recheckChanged = computed(
    () => this.recheckWeeks().trim() !== String(this.safety()?.recheckWeeks ?? ''),
  );

  /** Only a change of case reloads: the case page sets a new detail after every edit. */
  private readonly caseId = computed(() => this.detail().id);

  constructor() {
    effect(() => {
      const id = this.caseId();
      untracked(() => void this.load(id));
    });
  }

  protected reload(): void {
    void this.load(this.detail().id);
  }

  protected readAnswers(checkId: string): void {
    this.dialog.open<CheckAnswers, CheckAnswersData>(CheckAnswers, {
      data: { caseId: this.detail().id, checkId },
      autoFocus: 'dialog',
      maxWidth: '96vw',
    });
  }

  protected readAlert(alert: AlertView): void {
    if (alert.source === 'safety_check') this.readAnswers(alert.sourceId);
  }

  protected askAgain(member: MemberSafety): void {
    confirmAction(this.dialog, {
      title: `Ask ${member.displayName} for a new check-in?`,
      message: `${member.displayName} finds a private check-in on their home page. Only the case’s counselors read the answers; nobody else is told it was asked or answered.`,
      confirm: 'Ask now',
      action: () => this.api.askAgain(this.detail().id, member.userId),
    }).subscribe((saved) => {
      if (!saved) return;
      this.safety.set(saved);
      this.snackBar.open(`A new check-in is waiting for ${member.displayName}.`, 'OK', {
        duration: 4000,
      });
    });
  }

  protected recordInterview(member: MemberSafety): void {
    this.dialog
      .open<RecordInterview, RecordInterviewData, CaseSafetyView>(RecordInterview, {
        data: { caseId: this.detail().id, member },
        autoFocus: 'first-tabbable',
        maxWidth: '96vw',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.safety.set(saved);
        this.snackBar.open('Conversation recorded.', 'OK', { duration: 4000 });
      });
  }

  protected closeJointWork(): void {
    this.dialog
      .open<CloseJointWork, string, CaseSafetyView>(CloseJointWork, {
        data: this.detail().id,
        autoFocus: 'first-tabbable',
        maxWidth: '96vw',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.safety.set(saved);
        this.snackBar.open('Joint work is closed.', 'OK', { duration: 4000 });
      });
  }

  protected acknowledged(saved: AlertView): void {
    this.alerts.update((list) => list.filter((a) => a.id !== saved.id));
    this.snackBar.open('Acknowledged. Your follow-up is kept with the alert.', 'OK', {
      duration: 5000,
    });
  }

  protected typeRecheck(event: Event): void {
    this.recheckWeeks.set((event.target as HTMLInputElement).value);
    this.recheckError.set(null);
  }

  protected async saveRecheck(): Promise<void> {
    const problem = recheckProblem(this.recheckWeeks());
    if (problem) {
      this.recheckError.set(problem);
      return;
    }
    this.savingRecheck.set(true);
    try {
      this.apply(await this.api.setRecheckWeeks(this.detail().id, Number(this.recheckWeeks())));
      this.snackBar.open('Saved.', 'OK', { duration: 3000 });
    } catch (error) {
      this.recheckError.set(errorMessage(error));
    } finally {
      this.savingRecheck.set(false);
    }
  }

  private apply(safety: CaseSafetyView): void {
    this.safety.set(safety);
    this.recheckWeeks.set(String(safety.recheckWeeks));
  }

  private async load(caseId: string): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const [safety, alerts] = await Promise.all([
        this.api.caseSafety(caseId),
        this.api.alerts({ open: true, caseId }),
      ]);
      this.apply(safety);
      this.alerts.set(alerts);
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
