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
import { ROLE_LABELS, type AuditEventView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { CasesApi } from '../data-access/cases-api';
import { describeEvent } from '../ui/case-text';

const PAGE_SIZE = 20;

/** A case's audit trail for admins, newest first: who did what, never any clinical text. */
@Component({
  selector: 'mend-case-history',
  imports: [DatePipe, MatButtonModule, MatIconModule],
  template: `
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <ol class="events">
      @for (event of events(); track event.id) {
        <li>
          <span class="dot" aria-hidden="true"></span>
          <div>
            <p class="what">{{ describe(event) }}</p>
            <p class="meta">
              {{ event.actor?.displayName ?? 'Mend' }}
              @if (event.actor; as actor) {
                · {{ roleLabels[actor.role] }}
              }
              · <time [attr.datetime]="event.at">{{ event.at | date: 'medium' }}</time>
            </p>
          </div>
        </li>
      } @empty {
        @if (loaded()) {
          <li class="none">Nothing has changed on this case yet.</li>
        }
      }
    </ol>
    @if (events().length < total()) {
      <button mat-button type="button" (click)="more()" [disabled]="busy()">
        <mat-icon>expand_more</mat-icon> Show earlier changes
      </button>
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
      position: relative;
      display: flex;
      gap: 14px;
      padding: 0 0 16px;
    }
    li:not(:last-child)::before {
      content: '';
      position: absolute;
      left: 5px;
      top: 16px;
      bottom: 0;
      width: 2px;
      background: var(--mat-sys-outline-variant);
    }
    .dot {
      flex: none;
      width: 12px;
      height: 12px;
      margin-top: 5px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
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
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CaseHistory {
  private readonly api = inject(CasesApi);

  readonly caseId = input.required<string>();
  /** Names of the people events refer to by id. */
  readonly names = input<ReadonlyMap<string, string>>(new Map());
  /** Changes whenever the case changed, to show the newest events. */
  readonly refresh = input(0);

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly events = signal<AuditEventView[]>([]);
  protected readonly total = signal(0);
  protected readonly loaded = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private page = 1;

  constructor() {
    effect(() => {
      const id = this.caseId();
      this.refresh();
      untracked(() => void this.load(id, 1));
    });
  }

  protected describe(event: AuditEventView): string {
    return describeEvent(event, this.names());
  }

  protected more(): void {
    void this.load(this.caseId(), this.page + 1);
  }

  private async load(id: string, page: number): Promise<void> {
    this.busy.set(true);
    try {
      const result = await this.api.history(id, page, PAGE_SIZE);
      this.events.set(page === 1 ? result.items : [...this.events(), ...result.items]);
      this.total.set(result.total);
      this.page = page;
      this.error.set(null);
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.loaded.set(true);
      this.busy.set(false);
    }
  }
}
