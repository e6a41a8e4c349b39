import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { actionText } from '@mend/audit-trail/web';
import { ROLE_LABELS, type NoteAccessPage } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { NotesApi } from '../data-access/notes-api';

const PAGE_SIZE = 8;

/**
 * "Who accessed these notes": the audit events of a case's notes for its counselors, newest
 * first, a page at a time. Who and what and when; never any of the text.
 */
@Component({
  selector: 'mend-note-access',
  imports: [DatePipe, MatButtonModule, MatIconModule, MatPaginatorModule],
  template: `
    @if (error(); as message) {
      <p class="error" role="alert">
        {{ message }}
        <button mat-button type="button" (click)="go(page().page)">Try again</button>
      </p>
    }
    <ol class="events" data-testid="note-access">
      @for (event of page().items; track event.id) {
        <li>
          <mat-icon aria-hidden="true">{{ iconFor(event.action) }}</mat-icon>
          <div>
            <p class="what">{{ actionText(event.action) }}</p>
            <p class="meta">
              {{ event.actor?.displayName ?? 'Mend' }}
              @if (event.actor; as actor) {
                · {{ roleLabels[actor.role] }}
              }
              · <time [attr.datetime]="event.at">{{ event.at | date: 'MMM d, y, HH:mm' }}</time>
            </p>
          </div>
        </li>
      } @empty {
        @if (loaded()) {
          <li class="none">Nobody has opened or written a note of this case yet.</li>
        }
      }
    </ol>
    @if (page().total > page().pageSize) {
      <mat-paginator
        [length]="page().total"
        [pageIndex]="page().page - 1"
        [pageSize]="page().pageSize"
        [hidePageSize]="true"
        (page)="turn($event)"
        aria-label="Pages of note access"
      />
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .events {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 8px 0;
    }
    li + li {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    mat-icon {
      flex: none;
      margin-top: 2px;
      font-size: 20px;
      width: 20px;
      height: 20px;
      color: var(--mat-sys-on-surface-variant);
    }
    .what {
      margin: 0;
    }
    .meta {
      margin: 2px 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .none {
      display: block;
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
    mat-paginator {
      background: transparent;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoteAccess {
  private readonly api = inject(NotesApi);

  readonly caseId = input.required<string>();

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly actionText = actionText;
  protected readonly page = signal<NoteAccessPage>({
    items: [],
    total: 0,
    page: 1,
    pageSize: PAGE_SIZE,
  });
  protected readonly loaded = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => {
      this.caseId();
      untracked(() => void this.go(1));
    });
  }

  protected iconFor(action: string): string {
    if (action.endsWith('signed')) return 'verified';
    if (/export|pdf|print/.test(action)) return 'picture_as_pdf';
    if (/read|view/.test(action)) return 'visibility';
    return 'edit_note';
  }

  protected turn(event: PageEvent): void {
    void this.go(event.pageIndex + 1);
  }

  protected async go(page: number): Promise<void> {
    try {
      this.page.set(await this.api.noteAccess(this.caseId(), { page, pageSize: PAGE_SIZE }));
      this.error.set(null);
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loaded.set(true);
    }
  }
}
