import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { ThreadAudience } from '@mend/shared/contracts';

/**
 * Who reads a conversation, on every message and every row: "Private · you and Dana
 * (counselor)". Privacy between partners is the point: it is never left to be guessed.
 */
@Component({
  selector: 'mend-audience-chip',
  imports: [MatIconModule],
  template: `
    <span class="audience" [class.joint]="audience() === 'joint'" data-testid="audience-chip">
      <mat-icon aria-hidden="true">{{ audience() === 'joint' ? 'group' : 'lock' }}</mat-icon>
      <span>{{ text() }}</span>
    </span>
  `,
  styles: `
    :host {
      display: inline-flex;
      min-width: 0;
    }
    .audience {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      min-width: 0;
      padding: 2px 10px 2px 6px;
      border-radius: 999px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-medium);

      &.joint {
        background: var(--mat-sys-tertiary-container);
        color: var(--mat-sys-on-tertiary-container);
      }

      mat-icon {
        flex: none;
        font-size: 14px;
        width: 14px;
        height: 14px;
      }

      span {
        overflow-wrap: anywhere;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AudienceChip {
  readonly audience = input.required<ThreadAudience>();
  /** The words of `audienceText`. */
  readonly text = input.required<string>();
}
