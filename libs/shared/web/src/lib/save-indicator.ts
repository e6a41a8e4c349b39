import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { SaveState } from './autosave';
import { saveStateText, saveTone, SaveWords } from './save-state';

/** "Saving…", "Draft saved 10:42", "Not saved – retrying": what happens to a draft, announced politely. */
@Component({
  selector: 'mend-save-indicator',
  imports: [MatIconModule, MatProgressSpinnerModule],
  template: `
    <span class="save-state {{ tone() }}" role="status" aria-live="polite">
      @switch (tone()) {
        @case ('busy') {
          <mat-spinner diameter="16" aria-hidden="true" />
        }
        @case ('bad') {
          <mat-icon aria-hidden="true">cloud_off</mat-icon>
        }
        @default {
          <mat-icon aria-hidden="true">cloud_done</mat-icon>
        }
      }
      {{ text() }}
    </span>
  `,
  styles: `
    .save-state {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);

      mat-icon {
        font-size: 18px;
        width: 18px;
        height: 18px;
      }

      &.ok mat-icon {
        color: var(--mat-sys-primary);
      }

      &.bad {
        color: var(--mat-sys-error);
        font-weight: 500;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SaveIndicator {
  readonly state = input.required<SaveState>();
  readonly savedAt = input<string | null>(null);
  readonly message = input<string | null>(null);
  /** How the page words its draft (a note's words unless given). */
  readonly words = input<SaveWords | undefined>(undefined);

  protected readonly tone = computed(() => saveTone(this.state()));
  protected readonly text = computed(() =>
    saveStateText(this.state(), this.savedAt(), this.message(), new Date(), this.words()),
  );
}
