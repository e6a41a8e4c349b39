import {
  ChangeDetectionStrategy,
  Component,
  inject,
  OnInit,
  signal,
  type WritableSignal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { SessionPage } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { NotesApi } from '../data-access/notes-api';
import { SessionList } from '../ui/session-list';

/** The lists this page shows, and how many of each per page. */
type Shown = 'upcoming' | 'recent';
const PAGE_SIZE: Record<Shown, number> = { upcoming: 5, recent: 10 };

interface SessionsList {
  page: SessionPage | null;
  error: string | null;
  loading: boolean;
}

/**
 * Counselor page: the sessions across their caseload, upcoming (soonest first) and recent
 * (newest first) with the state of each note; each opens the session and its note.
 */
@Component({
  selector: 'mend-sessions-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    SessionList,
  ],
  templateUrl: './sessions-page.html',
  styleUrl: './sessions-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsPage implements OnInit {
  private readonly api = inject(NotesApi);

  protected readonly now = new Date();
  protected readonly whens: Shown[] = ['upcoming', 'recent'];
  protected readonly lists: Record<Shown, WritableSignal<SessionsList>> = {
    upcoming: signal<SessionsList>({ page: null, error: null, loading: false }),
    recent: signal<SessionsList>({ page: null, error: null, loading: false }),
  };

  ngOnInit(): void {
    void this.load('upcoming', 1);
    void this.load('recent', 1);
  }

  protected go(when: Shown, event: PageEvent): void {
    void this.load(when, event.pageIndex + 1);
  }

  protected async load(when: Shown, page: number): Promise<void> {
    const list = this.lists[when];
    list.update((l) => ({ ...l, loading: true, error: null }));
    try {
      const result = await this.api.sessions(when, { page, pageSize: PAGE_SIZE[when] });
      list.set({ page: result, error: null, loading: false });
    } catch (error) {
      list.update((l) => ({ ...l, error: errorMessage(error), loading: false }));
    }
  }
}
