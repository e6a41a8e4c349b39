import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { safetyTabLink } from './safety-text';

/**
 * The server's refusal of a joint action while joint work is closed (409
 * `joint_work_closed`), with the way to the case's Safety tab, where the counselor sees who is
 * missing. `follow` fires when the link is used (a dialog closes itself then).
 */
@Component({
  selector: 'mend-joint-work-closed',
  imports: [MatIconModule, RouterLink],
  template: `
    <div class="closed" role="alert" data-testid="joint-work-closed">
      <mat-icon aria-hidden="true">shield</mat-icon>
      <div>
        <p>{{ message() }}</p>
        <a
          [routerLink]="link().commands"
          [queryParams]="link().queryParams"
          (click)="follow.emit()"
          data-testid="joint-work-closed-link"
          >Open the case’s Safety tab</a
        >
      </div>
    </div>
  `,
  styles: `
    .closed {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      padding: 12px 14px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);

      mat-icon {
        flex: none;
      }
    }
    p {
      margin: 0 0 6px;
    }
    a {
      color: inherit;
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JointWorkClosed {
  readonly message = input.required<string>();
  readonly caseId = input.required<string>();
  readonly follow = output<void>();

  protected readonly link = computed(() => safetyTabLink(this.caseId()));
}
