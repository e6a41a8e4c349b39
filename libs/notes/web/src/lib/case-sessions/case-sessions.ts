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
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router } from '@angular/router';
import type { CaseDetail, SessionPage, SessionView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { NotesApi } from '../data-access/notes-api';
import { RecordSession, type RecordSessionData } from '../record-session/record-session';
import { SessionList } from '../ui/session-list';
import { NoteAccess } from './note-access';

const PAGE_SIZE = 10;

/**
 * The case page's "Sessions" tab (counselors): record a session, the case's sessions newest
 * first with the state of each note, and who accessed the case's notes.
 */
@Component({
  selector: 'mend-case-sessions',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTooltipModule,
    NoteAccess,
    SessionList,
  ],
  templateUrl: './case-sessions.html',
  styleUrl: './case-sessions.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseSessions {
  private readonly api = inject(NotesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);

  /** The case, as the case page loaded it. */
  readonly detail = input.required<CaseDetail>();

  protected readonly sessions = signal<SessionPage | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly open = computed(() => this.detail().status === 'open');
  protected readonly now = new Date();
  private page = 1;

  constructor() {
    effect(() => {
      const id = this.detail().id;
      untracked(() => void this.load(id));
    });
  }

  protected record(): void {
    const d = this.detail();
    this.dialog
      .open<RecordSession, RecordSessionData, SessionView>(RecordSession, {
        data: { caseId: d.id, caseType: d.type, members: d.members },
        autoFocus: 'first-tabbable',
        maxWidth: '96vw',
      })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        const ref = this.snackBar.open('Session recorded.', 'Write the note', { duration: 6000 });
        ref.onAction().subscribe(() => void this.router.navigate(['/sessions', saved.id]));
        this.page = 1;
        void this.load(d.id);
      });
  }

  protected go(event: PageEvent): void {
    this.page = event.pageIndex + 1;
    void this.load(this.detail().id);
  }

  protected reload(): void {
    void this.load(this.detail().id);
  }

  private async load(caseId: string): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.sessions.set(
        await this.api.caseSessions(caseId, { page: this.page, pageSize: PAGE_SIZE }),
      );
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
