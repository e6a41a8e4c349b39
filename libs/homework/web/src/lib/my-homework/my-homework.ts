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
import type { HomeworkPage } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { HomeworkApi, type MyHomeworkView } from '../data-access/homework-api';
import { HomeworkList } from '../ui/homework-list';
import { homeworkSections, VIEWS } from './sections';

const PAGE_SIZE = 20;

/** Client page: their homework in sections, due soon, overdue, done and shared with them. */
@Component({
  selector: 'mend-my-homework',
  imports: [MatButtonModule, MatCardModule, MatIconModule, MatProgressBarModule, HomeworkList],
  templateUrl: './my-homework.html',
  styleUrl: './my-homework.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MyHomework implements OnInit {
  private readonly api = inject(HomeworkApi);

  protected readonly pages = signal<Partial<Record<MyHomeworkView, HomeworkPage>>>({});
  protected readonly loading = signal(true);
  protected readonly loadingMore = signal<MyHomeworkView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly sections = computed(() => homeworkSections(this.pages()));
  protected readonly nothingYet = computed(
    () => !this.loading() && this.sections().every((s) => s.total === 0),
  );
  protected readonly today = new Date();

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const pages = await Promise.all(
        VIEWS.map((view) => this.api.mine(view, { page: 1, pageSize: PAGE_SIZE })),
      );
      this.pages.set(Object.fromEntries(VIEWS.map((view, i) => [view, pages[i]])));
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async more(view: MyHomeworkView): Promise<void> {
    const current = this.pages()[view];
    if (!current) return;
    this.loadingMore.set(view);
    try {
      const next = await this.api.mine(view, { page: current.page + 1, pageSize: PAGE_SIZE });
      this.pages.update((pages) => ({
        ...pages,
        [view]: { ...next, items: [...current.items, ...next.items] },
      }));
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loadingMore.set(null);
    }
  }
}
