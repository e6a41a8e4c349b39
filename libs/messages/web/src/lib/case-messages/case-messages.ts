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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { CaseDetail, ThreadOptions, ThreadPage } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { filter, merge } from 'rxjs';
import { MessageEvents } from '../data-access/message-events';
import { MessagesApi } from '../data-access/messages-api';
import { StartThreadForm } from '../start-thread/start-thread-form';
import { ThreadList } from '../thread-list/thread-list';

const PAGE_SIZE = 10;

/**
 * The case page's "Messages" tab (counselors): the case's conversations, kept up to date as
 * messages arrive, and a form to start one, privately with one member or jointly with everyone
 * (while the case's joint work is open).
 */
@Component({
  selector: 'mend-case-messages',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    StartThreadForm,
    ThreadList,
  ],
  template: `
    <div class="tab-body">
      <div class="tab-head">
        <p class="muted">
          A private conversation is read by one member and the case’s counselors, never by the
          others; a joint one by everyone. Messages are not for emergencies: each conversation shows
          the clinic’s crisis text.
        </p>
      </div>
      @if (error(); as message) {
        <p class="notice" role="alert">
          <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
          <button mat-button type="button" (click)="reload()">Try again</button>
        </p>
      }
      <div class="grid">
        <mat-card appearance="outlined" data-testid="case-threads">
          <mat-card-header>
            <mat-icon matCardAvatar aria-hidden="true">forum</mat-icon>
            <mat-card-title>Conversations</mat-card-title>
            <mat-card-subtitle>The latest message first</mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            @if (threads(); as page) {
              @if (page.items.length) {
                <mend-thread-list [threads]="page.items" />
                @if (page.total > page.pageSize) {
                  <mat-paginator
                    [length]="page.total"
                    [pageIndex]="page.page - 1"
                    [pageSize]="page.pageSize"
                    [hidePageSize]="true"
                    (page)="go($event)"
                    aria-label="Pages of conversations"
                  />
                }
              } @else {
                <p class="none" data-testid="case-threads-empty">
                  No conversations yet. Start one with the form beside this list.
                </p>
              }
            } @else if (!error()) {
              <mat-progress-bar mode="indeterminate" />
            }
          </mat-card-content>
        </mat-card>

        <mat-card appearance="outlined" data-testid="case-new-thread">
          <mat-card-header>
            <mat-icon matCardAvatar aria-hidden="true">edit</mat-icon>
            <mat-card-title>New conversation</mat-card-title>
            <mat-card-subtitle>Its audience is fixed once it starts</mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            @if (!open()) {
              <p class="none">The case is closed: no new conversations.</p>
            } @else if (optionsError(); as message) {
              <p class="error" role="alert">{{ message }}</p>
            } @else if (options(); as o) {
              @if (o.privateWith.length || o.joint || o.jointReason) {
                <mend-start-thread-form
                  [caseId]="detail().id"
                  [options]="o"
                  [forCounselor]="true"
                />
              } @else {
                <p class="none">Add a member to the case to start a conversation.</p>
              }
            } @else {
              <mat-progress-bar mode="indeterminate" />
            }
          </mat-card-content>
        </mat-card>
      </div>
    </div>
  `,
  styleUrl: './case-messages.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseMessages {
  private readonly api = inject(MessagesApi);

  /** The case, as the case page loaded it. */
  readonly detail = input.required<CaseDetail>();

  protected readonly threads = signal<ThreadPage | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly options = signal<ThreadOptions | null>(null);
  protected readonly optionsError = signal<string | null>(null);
  protected readonly open = computed(() => this.detail().status === 'open');
  private page = 1;
  private loads = 0;

  constructor() {
    effect(() => {
      const id = this.detail().id;
      untracked(() => {
        void this.load(id);
        void this.loadOptions(id);
      });
    });
    const events = inject(MessageEvents);
    merge(events.events.pipe(filter((e) => e.caseId === this.detail().id)), events.resync)
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.load(this.detail().id));
  }

  protected go(event: PageEvent): void {
    this.page = event.pageIndex + 1;
    void this.load(this.detail().id);
  }

  protected reload(): void {
    void this.load(this.detail().id);
  }

  private async load(caseId: string): Promise<void> {
    const load = ++this.loads;
    this.error.set(null);
    try {
      const page = await this.api.threads({ caseId, page: this.page, pageSize: PAGE_SIZE });
      if (load === this.loads) this.threads.set(page);
    } catch (error) {
      if (load === this.loads) this.error.set(errorMessage(error));
    }
  }

  private async loadOptions(caseId: string): Promise<void> {
    this.optionsError.set(null);
    try {
      this.options.set(await this.api.threadOptions(caseId));
    } catch (error) {
      this.optionsError.set(errorMessage(error));
    }
  }
}
