import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { HomeworkSummary } from '@mend/shared/contracts';
import { HomeworkChips } from './homework-chips';
import { dueText, forWhom, fromIsoDate, stageText } from './homework-text';

/**
 * A list of homework, each row a link to the homework: its title, when it is due and its status.
 * `audience` decides the second line: the client reads the due date, the counselor also who it
 * is for and which case.
 */
@Component({
  selector: 'mend-homework-list',
  imports: [RouterLink, MatIconModule, HomeworkChips],
  template: `
    <ul class="list">
      @for (h of items(); track h.id) {
        <li>
          <a [routerLink]="[linkBase(), h.id]" class="row" [attr.data-testid]="itemTestId()">
            <span class="icon" [class.late]="lateFor(h)" aria-hidden="true">
              <mat-icon>{{ iconFor(h) }}</mat-icon>
            </span>
            <span class="text">
              <span class="title">{{ h.title }}</span>
              <span class="sub">
                @if (audience() === 'counselor') {
                  <span class="who">{{ forWhom(h) }}</span>
                  @if (showCase()) {
                    <span class="case">· {{ h.caseTitle }}</span>
                  }
                  <span class="sep">·</span>
                } @else if (!h.mine && h.member) {
                  <span class="who">{{ h.member.displayName }}’s response</span>
                  <span class="sep">·</span>
                }
                <span [class.late-text]="lateFor(h)">{{ whenText(h) }}</span>
              </span>
              @if (showStage()) {
                <span class="stage">{{ stageText(h) }}</span>
              }
            </span>
            <mend-homework-chips
              class="chips"
              [item]="h"
              [showShared]="audience() === 'counselor' || h.mine"
            />
          </a>
        </li>
      }
    </ul>
  `,
  styleUrl: './homework-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomeworkList {
  readonly items = input.required<HomeworkSummary[]>();
  /** `/homework` for clients, `/review` for counselors. */
  readonly linkBase = input('/homework');
  readonly audience = input<'client' | 'counselor'>('client');
  readonly showCase = input(true);
  readonly showStage = input(false);
  readonly itemTestId = input('homework-item');
  /** Today, for "Due tomorrow"; an input so tests and pages agree on one day. */
  readonly today = input(new Date());

  protected readonly stageText = stageText;
  protected readonly forWhom = forWhom;

  protected lateFor(h: HomeworkSummary): boolean {
    return !h.paused && h.overdue && (h.status === 'not_started' || h.status === 'draft');
  }

  protected iconFor(h: HomeworkSummary): string {
    if (h.status === 'reviewed') return 'task_alt';
    if (h.status === 'submitted') return 'outbox';
    if (h.paused) return 'pause_circle';
    if (h.together) return 'diversity_3';
    return h.status === 'draft' ? 'edit_note' : 'assignment';
  }

  protected whenText(h: HomeworkSummary): string {
    const due = `Due ${this.day(h.dueOn)}`;
    if (h.status === 'reviewed' && h.reviewedAt)
      return `${due} · reviewed ${this.day(h.reviewedAt)}`;
    if (h.submittedAt && (h.status === 'submitted' || h.status === 'reviewed'))
      return `${due} · submitted ${this.day(h.submittedAt)}`;
    return dueText(h, this.today());
  }

  private day(value: string): string {
    const date = value.length === 10 ? fromIsoDate(value) : new Date(value);
    return date.toLocaleDateString('en', { day: 'numeric', month: 'short' });
  }
}
