import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
  inject,
  InjectionToken,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { EscapeTwice } from '../ui/escape-twice';

/** Where "Leave this page" goes: an ordinary site that says nothing about Mend. */
export const NEUTRAL_SITE = 'https://www.google.com';

/** Leaves for the neutral site, replacing this page in the history (tests provide their own). */
export const QUICK_EXIT = new InjectionToken<() => void>('QUICK_EXIT', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    return () => {
      // Hide the page at once; the neutral site takes a moment to load.
      document.body.style.visibility = 'hidden';
      document.title = 'Google';
      document.defaultView?.location.replace(NEUTRAL_SITE);
    };
  },
});

/**
 * A quiet bar at the top of a private page with a "Leave this page" button that replaces the
 * page with a neutral site at once, so someone who looks over the person's shoulder, or walks
 * in, sees only that. Pressing Escape twice does the same.
 */
@Component({
  selector: 'mend-quick-exit',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="bar">
      <span class="hint" id="quick-exit-hint">Press Esc twice to leave quickly</span>
      <button
        mat-flat-button
        type="button"
        class="leave"
        (click)="leave()"
        aria-describedby="quick-exit-hint"
        data-testid="quick-exit"
      >
        <mat-icon>exit_to_app</mat-icon> Leave this page
      </button>
    </div>
  `,
  styles: `
    :host {
      position: sticky;
      top: 0;
      z-index: 5;
      display: block;
      margin: -8px 0 16px;
    }
    .bar {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: 12px;
      padding: 8px 0;
      background: var(--mat-sys-surface-container-low);
    }
    .hint {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .leave {
      --mat-button-filled-container-color: var(--mat-sys-inverse-surface);
      --mat-button-filled-label-text-color: var(--mat-sys-inverse-on-surface);
    }
    @media (max-width: 600px) {
      .hint {
        display: none;
      }
      .leave {
        flex: 1 1 auto;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.escape)': 'onEscape($event)' },
})
export class QuickExit {
  private readonly exit = inject(QUICK_EXIT);
  private readonly escapes = new EscapeTwice();

  /** Just before leaving (the page may save what is waiting, without holding the exit up). */
  readonly leaving = output<void>();

  protected leave(): void {
    this.leaving.emit();
    this.exit();
  }

  protected onEscape(event: Event): void {
    if (event instanceof KeyboardEvent && event.repeat) return;
    if (this.escapes.press(Date.now())) this.leave();
  }
}
