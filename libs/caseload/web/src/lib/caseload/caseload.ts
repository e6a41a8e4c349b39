import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { CaseloadOverview } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { initials } from '../ui/case-text';
import { USER_STATUS_TEXT } from '../ui/people-text';
import {
  CounselorCountsApi,
  type CounselorHomework,
  type CounselorNotes,
} from './counselor-counts';
import { loadBars } from './load-bars';
import { waitingText, waitingTooLong } from './note-counts';

/**
 * Admin page: open cases per counselor and the cases that still need one, with each counselor's
 * homework counts (assigned, overdue, unreviewed) and unsigned notes (how many, the oldest);
 * never content.
 */
@Component({
  selector: 'mend-caseload',
  imports: [
    DatePipe,
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  templateUrl: './caseload.html',
  styleUrl: './caseload.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Caseload implements OnInit {
  private readonly api = inject(CasesApi);
  private readonly counts = inject(CounselorCountsApi);

  protected readonly overview = signal<CaseloadOverview | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly bars = computed(() => loadBars(this.overview()?.counselors ?? []));
  protected readonly statusText = USER_STATUS_TEXT;
  protected readonly initials = initials;
  /** Homework counts by counselor id; null while loading or when they could not be read. */
  protected readonly homework = signal<Map<string, CounselorHomework> | null>(null);
  protected readonly homeworkError = signal(false);
  /** Unsigned notes by counselor id; null while loading or when they could not be read. */
  protected readonly notes = signal<Map<string, CounselorNotes> | null>(null);
  protected readonly notesError = signal(false);
  protected readonly waitingText = waitingText;
  protected readonly waitingTooLong = waitingTooLong;

  ngOnInit(): void {
    void this.load();
    void this.loadHomework();
    void this.loadNotes();
  }

  protected countsOf(counselorId: string): CounselorHomework {
    return this.homework()?.get(counselorId) ?? { assigned: 0, overdue: 0, unreviewed: 0 };
  }

  protected notesOf(counselorId: string): CounselorNotes {
    return this.notes()?.get(counselorId) ?? { unsignedNotes: 0, oldestUnsignedAt: null };
  }

  private async loadNotes(): Promise<void> {
    try {
      this.notes.set(await this.counts.notes());
    } catch {
      this.notesError.set(true);
    }
  }

  private async loadHomework(): Promise<void> {
    try {
      this.homework.set(await this.counts.homework());
    } catch {
      this.homeworkError.set(true);
    }
  }

  private async load(): Promise<void> {
    try {
      this.overview.set(await this.api.overview());
    } catch (error) {
      this.error.set(errorMessage(error));
    }
  }
}
