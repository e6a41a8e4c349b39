import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { HomeworkDetail } from '@mend/shared/contracts';
import { HomeworkChips } from './homework-chips';
import { dueText, formatDay, stageText } from './homework-text';

/** The top of a homework page: title, status, due date, and both sets of instructions. */
@Component({
  selector: 'mend-homework-intro',
  imports: [MatIconModule, HomeworkChips],
  template: `
    @let h = detail();
    <header class="head">
      <h1 data-testid="homework-title">{{ h.title }}</h1>
      <div class="meta">
        <mend-homework-chips [item]="h" [showShared]="audience() === 'counselor' || h.mine" />
        <span class="when" [class.late]="late()">
          <mat-icon aria-hidden="true">event</mat-icon>{{ due() }}
        </span>
        @if (audience() === 'counselor') {
          <span class="muted"
            >{{ h.together ? 'Together' : h.member?.displayName }} · {{ h.caseTitle }}</span
          >
        }
      </div>
      <p class="stage muted" data-testid="homework-stage">{{ stage() }}</p>
    </header>

    @if (h.instructions && showInstructions()) {
      <aside class="from-counselor" aria-label="Instructions from your counselor">
        <mat-icon aria-hidden="true">chat_bubble_outline</mat-icon>
        <div>
          <strong>{{
            audience() === 'counselor' ? 'Your instructions' : 'From your counselor'
          }}</strong>
          <p>{{ h.instructions }}</p>
        </div>
      </aside>
    }
    @if (h.exercise.instructions) {
      <section class="about" aria-label="About this exercise">
        <h2>About this exercise</h2>
        <p>{{ h.exercise.instructions }}</p>
      </section>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 16px;
    }
    h1 {
      margin: 0 0 10px;
      font: var(--mat-sys-headline-medium);
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }
    .when {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);

      mat-icon {
        font-size: 18px;
        width: 18px;
        height: 18px;
      }

      &.late {
        color: var(--mat-sys-error);
        font-weight: 500;
      }
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .stage {
      margin: 6px 0 0;
      font: var(--mat-sys-body-small);
    }
    .from-counselor {
      display: flex;
      gap: 12px;
      padding: 14px 16px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);

      mat-icon {
        flex: none;
        margin-top: 2px;
      }

      p {
        margin: 4px 0 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    }
    .about {
      padding: 14px 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-lowest);

      h2 {
        margin: 0 0 4px;
        font: var(--mat-sys-title-small);
      }

      p {
        margin: 0;
        color: var(--mat-sys-on-surface-variant);
        white-space: pre-wrap;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomeworkIntro {
  readonly detail = input.required<HomeworkDetail>();
  readonly audience = input<'client' | 'counselor'>('client');
  /** The counselor's personal instructions are for the person the homework is for. */
  readonly showInstructions = input(true);

  /** The stage on the path, or "Measure" for a scored measure. */
  protected readonly stage = computed(() => {
    const h = this.detail();
    return stageText({ stage: h.stage, isMeasure: h.isMeasure, measure: h.exercise.measure });
  });
  protected readonly late = computed(() => {
    const h = this.detail();
    return h.overdue && (h.status === 'not_started' || h.status === 'draft');
  });
  protected readonly due = computed(() => {
    const h = this.detail();
    if (h.status === 'submitted' || h.status === 'reviewed') return `Due ${formatDay(h.dueOn)}`;
    return dueText(h, new Date());
  });
}
