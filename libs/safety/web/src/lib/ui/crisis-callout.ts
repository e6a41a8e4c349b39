import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/** The clinic's crisis text as a client sees it (the exercise form's callout), for the admin's preview. */
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
      padding: 16px 18px;
      border: 1px solid var(--mat-sys-tertiary);
      border-radius: 16px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);

      mat-icon {
        flex: none;
        color: var(--mat-sys-tertiary);
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
  readonly heading = input('You don’t have to carry this alone');
}
