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
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AlertsPanel } from '@mend/safety/web';
import type { HomeworkPage } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { HomeworkApi } from '../data-access/homework-api';
import { NeedsALook } from '../progress/gap-flags';
import { HomeworkList } from '../ui/homework-list';
import { inboxGroups } from './inbox';

/** Counselor page: homework waiting for feedback, then overdue homework, across the caseload. */
@Component({
  selector: 'mend-review-inbox',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
    HomeworkList,
    NeedsALook,
    AlertsPanel,
  ],
  template: `
    <header class="page-head">
      <div>
        <h1>Review inbox</h1>
        <p>Homework waiting for your feedback, then overdue homework, across your caseload</p>
      </div>
    </header>

    <mend-alerts-panel />
    <mend-needs-a-look />

    @if (error(); as message) {
      <p class="notice" role="alert">
        <mat-icon aria-hidden="true">error_outline</mat-icon><span>{{ message }}</span>
        <button mat-button type="button" (click)="load()">Try again</button>
      </p>
    }

    <mat-card appearance="outlined" class="inbox" data-testid="review-inbox">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" class="loading" />
      }
      @if (page(); as p) {
        @if (p.items.length) {
          @for (g of groups(); track g.key) {
            <section
              [attr.aria-labelledby]="'inbox-' + g.key"
              [attr.data-testid]="'inbox-' + g.key"
            >
              <h2 [id]="'inbox-' + g.key" [class.late]="g.key === 'overdue'">
                {{ g.title }} <span class="count">{{ g.items.length }}</span>
              </h2>
              <mend-homework-list
                [items]="g.items"
                audience="counselor"
                linkBase="/review"
                itemTestId="inbox-item"
              />
            </section>
          }
        } @else {
          <div class="empty">
            <mat-icon aria-hidden="true">inbox</mat-icon>
            <h2>Nothing waits for you</h2>
            <p>
              Submitted homework appears here for your feedback, and overdue homework so you can
              follow up. Assign exercises from a case’s Homework tab.
            </p>
            <a mat-stroked-button routerLink="/cases">Go to my caseload</a>
          </div>
        }
        @if (p.total > p.pageSize) {
          <mat-paginator
            [length]="p.total"
            [pageIndex]="p.page - 1"
            [pageSize]="p.pageSize"
            [hidePageSize]="true"
            (page)="go($event)"
            aria-label="Pages of the inbox"
          />
        }
      }
    </mat-card>
  `,
  styleUrl: './review-inbox.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReviewInbox implements OnInit {
  private readonly api = inject(HomeworkApi);

  protected readonly page = signal<HomeworkPage | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly groups = computed(() => inboxGroups(this.page()?.items ?? []));
  private pageIndex = 1;

  ngOnInit(): void {
    void this.load();
  }

  protected go(event: PageEvent): void {
    this.pageIndex = event.pageIndex + 1;
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.page.set(await this.api.inbox({ page: this.pageIndex, pageSize: 25 }));
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }
}
