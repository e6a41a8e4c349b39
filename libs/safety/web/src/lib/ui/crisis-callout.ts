import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** The clinic's crisis text, shown calmly when a person picks an answer that needs care. */
@Component({
  selector: 'mend-crisis-callout',
  imports: [MatIconModule],
  template: `
    <div class="callout" data-testid="crisis-callout">
      <mat-icon aria-hidden="true">support</mat-icon>
      <div>
        <strong>{{ heading() }}</strong>
        <p>{{ text() }}</p>
      </div>
    </div>
  `,
  styles: `
    .callout {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);

      mat-icon {
        flex: none;
      }
    }
    p {
      margin: 4px 0 0;
      white-space: pre-line;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CrisisCallout {
  readonly text = input.required<string>();
  readonly heading = input('You deserve to be safe, and help is there.');
}
