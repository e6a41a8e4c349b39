import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { HOMEWORK_STATUS_LABELS, type HomeworkSummary } from '@mend/shared/contracts';
import { statusTone } from './homework-text';

/** The status of a piece of homework as chips: status, overdue, paused, together, shared. */
@Component({
  selector: 'mend-homework-chips',
  imports: [MatIconModule],
  template: `
    @let h = item();
    <span class="chip {{ tone() }}" data-testid="homework-status">{{
      statusLabels[h.status]
    }}</span>
    @if (h.paused) {
      <span class="chip paused" data-testid="homework-paused-flag">
        <mat-icon aria-hidden="true">pause_circle</mat-icon>Paused
      </span>
    } @else if (h.overdue && h.status !== 'submitted' && h.status !== 'reviewed') {
      <span class="chip off" data-testid="homework-overdue-flag">
        <mat-icon aria-hidden="true">schedule</mat-icon>Overdue
      </span>
    }
    @if (h.together) {
      <span class="chip together" data-testid="homework-together"
        ><mat-icon aria-hidden="true">group</mat-icon>Together</span
      >
    }
    @if (h.shared && showShared()) {
      <span class="chip shared" data-testid="homework-shared-flag"
        ><mat-icon aria-hidden="true">visibility</mat-icon>Shared</span
      >
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 10px;
      border-radius: 999px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
    }
    .chip mat-icon {
      font-size: 16px;
      width: 16px;
      height: 16px;
      margin-left: -2px;
    }
    .ok {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .pending {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .off {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .paused {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
    .together,
    .shared {
      background: transparent;
      border: 1px solid var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomeworkChips {
  readonly item = input.required<
    Pick<HomeworkSummary, 'status' | 'overdue' | 'together' | 'shared'> &
      Partial<Pick<HomeworkSummary, 'paused'>>
  >();
  /** The counselor sees whether an answer is shared; the client sees it in its own section. */
  readonly showShared = input(false);

  protected readonly statusLabels = HOMEWORK_STATUS_LABELS;
  protected readonly tone = computed(() => {
    const { status, overdue } = this.item();
    return statusTone(status, overdue);
  });
}
