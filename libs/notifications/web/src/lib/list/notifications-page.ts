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
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { NotificationItem, Page } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { NotificationsApi } from '../data-access/notifications-api';
import { UnreadNotifications } from '../data-access/unread-notifications';
import { fullWhen, NOTIFICATION_KIND_ICONS, whenText } from '../ui/notification-text';

export const NOTIFICATIONS_PAGE_SIZE = 20;

/**
 * Everyone: their notifications, newest first. Each row leads through `/notifications/:id`,
 * which marks it read and goes on to what it is about, so a row opened in a new tab is marked
 * read too.
 */
@Component({
  selector: 'mend-notifications-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatPaginatorModule,
    MatProgressBarModule,
  ],
  templateUrl: './notifications-page.html',
  styleUrl: './notifications-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPage implements OnInit {
  private readonly api = inject(NotificationsApi);
  private readonly unread = inject(UnreadNotifications);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly icons = NOTIFICATION_KIND_ICONS;
  protected readonly whenText = whenText;
  protected readonly fullWhen = fullWhen;
  protected readonly now = signal(new Date());
  protected readonly page = signal<Page<NotificationItem> | null>(null);
  protected readonly loading = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Unread on this page, or anywhere according to the bell's count. */
  protected readonly anyUnread = computed(
    () => (this.unread.count() ?? 0) > 0 || !!this.page()?.items.some((n) => !n.readAt),
  );

  ngOnInit(): void {
    void this.load(1);
  }

  protected go(event: PageEvent): void {
    void this.load(event.pageIndex + 1);
  }

  protected async load(page: number): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      this.page.set(await this.api.list(page, NOTIFICATIONS_PAGE_SIZE));
      this.now.set(new Date());
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async readAll(): Promise<void> {
    this.busy.set(true);
    try {
      this.unread.set((await this.api.readAll()).unread);
      const readAt = new Date().toISOString();
      this.page.update(
        (page) =>
          page && { ...page, items: page.items.map((n) => ({ ...n, readAt: n.readAt ?? readAt })) },
      );
      this.snackBar.open('All notifications are marked as read.', 'OK', { duration: 4000 });
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 6000 });
    } finally {
      this.busy.set(false);
    }
  }
}
