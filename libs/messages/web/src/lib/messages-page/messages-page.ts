import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { AuthStore } from '@mend/auth/data-access';
import { CasesApi } from '@mend/caseload/web';
import type { CaseSummary, ThreadOptions, ThreadPage } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { merge } from 'rxjs';
import { MessageEvents } from '../data-access/message-events';
import { MessagesApi } from '../data-access/messages-api';
import { ReplyTimesCard } from '../reply-times/reply-times-card';
import { StartThreadForm } from '../start-thread/start-thread-form';
import { ThreadList } from '../thread-list/thread-list';

const PAGE_SIZE = 20;

/** A case the client may start a conversation in, with what they may start. */
interface Startable {
  caseId: string;
  title: string;
  options: ThreadOptions;
}

/**
 * Page `/messages` (clients and counselors): the person's conversations, the latest first, kept
 * up to date as messages arrive. Counselors set their reply times here and may show one case's
 * conversations; clients start a conversation here when their clinic lets them.
 */
@Component({
  selector: 'mend-messages-page',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    ReplyTimesCard,
    StartThreadForm,
    ThreadList,
  ],
  templateUrl: './messages-page.html',
  styleUrl: './messages-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MessagesPage implements OnInit {
  private readonly api = inject(MessagesApi);
  private readonly cases = inject(CasesApi);
  private readonly auth = inject(AuthStore);

  protected readonly counselor = computed(() => this.auth.role() === 'counselor');
  protected readonly threads = signal<ThreadPage | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly loading = signal(false);
  /** Counselors: their open cases, to show one case's conversations. */
  protected readonly myCases = signal<CaseSummary[]>([]);
  protected readonly caseId = signal<string | null>(null);
  /** Clients: the cases they may start a conversation in. */
  protected readonly startable = signal<Startable[]>([]);
  /** The case whose start form is open. */
  protected readonly starting = signal<string | null>(null);
  private page = 1;
  private loads = 0;

  constructor() {
    const events = inject(MessageEvents);
    merge(events.events, events.resync)
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.load());
  }

  ngOnInit(): void {
    void this.load();
    void (this.counselor() ? this.loadCases() : this.loadStartable());
  }

  protected filter(caseId: string | null): void {
    this.caseId.set(caseId);
    this.page = 1;
    void this.load();
  }

  protected go(event: PageEvent): void {
    this.page = event.pageIndex + 1;
    void this.load();
  }

  protected async load(): Promise<void> {
    const load = ++this.loads;
    this.loading.set(true);
    this.error.set(null);
    try {
      const page = await this.api.threads({
        caseId: this.caseId() ?? undefined,
        page: this.page,
        pageSize: PAGE_SIZE,
      });
      if (load === this.loads) this.threads.set(page);
    } catch (error) {
      if (load === this.loads) this.error.set(errorMessage(error));
    } finally {
      if (load === this.loads) this.loading.set(false);
    }
  }

  private async loadCases(): Promise<void> {
    try {
      this.myCases.set((await this.cases.list({ status: 'open', pageSize: 100 })).items);
    } catch {
      // Only the filter needs them: every conversation still shows.
      this.myCases.set([]);
    }
  }

  /** A client's open cases where they may start something (the clinic's rule decides). */
  private async loadStartable(): Promise<void> {
    try {
      const open = (await this.cases.list({ status: 'open', pageSize: 20 })).items;
      const options = await Promise.all(open.map((c) => this.api.threadOptions(c.id)));
      this.startable.set(
        open
          .map((c, i) => ({ caseId: c.id, title: c.title, options: options[i] }))
          .filter((s) => s.options.privateWith.length > 0 || s.options.joint),
      );
    } catch {
      // Starting is an extra here: the conversations still show.
      this.startable.set([]);
    }
  }
}
