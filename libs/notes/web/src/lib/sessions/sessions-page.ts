import { NgComponentOutlet } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  inject,
  OnInit,
  signal,
  type Type,
  type WritableSignal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { SessionPage } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { NotesApi } from '../data-access/notes-api';
import { SessionList } from '../ui/session-list';

/** The lists this page shows, and how many of each per page. */
type Shown = 'upcoming' | 'recent';
const PAGE_SIZE: Record<Shown, number> = { upcoming: 5, recent: 10 };

/**
 * The `data` of the sessions page's route: sections other features add at its top (appointment
 * requests), each loaded with the page and given `sessionsChanged`, to call once it has added or
 * moved a session. Notes knows nothing of those features.
 */
export interface SessionsRouteData {
  sections?: (() => Promise<Type<unknown>>)[];
}

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
    NgComponentOutlet,
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
  private readonly route = inject(ActivatedRoute);

  /** Other features' sections, shown above the lists. */
  protected readonly sections = signal<Type<unknown>[]>([]);
  protected readonly sectionInputs = { sessionsChanged: () => void this.load('upcoming', 1) };

  protected readonly now = new Date();
  protected readonly whens: Shown[] = ['upcoming', 'recent'];
  protected readonly lists: Record<Shown, WritableSignal<SessionsList>> = {
    upcoming: signal<SessionsList>({ page: null, error: null, loading: false }),
    recent: signal<SessionsList>({ page: null, error: null, loading: false }),
  };

  ngOnInit(): void {
    void this.load('upcoming', 1);
    void this.load('recent', 1);
    void this.loadSections();
  }

  private async loadSections(): Promise<void> {
    const data: SessionsRouteData = this.route.snapshot.data;
    this.sections.set(await Promise.all((data.sections ?? []).map((load) => load())));
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
