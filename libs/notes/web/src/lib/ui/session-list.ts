import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { SessionView } from '@mend/shared/contracts';
import { attendeeNames, noteState, sessionKind, sessionWhen } from './session-text';

/**
 * Sessions, each row a link to the session and its note: when, what kind, who came, and the
 * state of the note. `showCase` adds the case's title (the counselor's lists across cases).
 */
@Component({
  selector: 'mend-session-list',
  imports: [RouterLink, MatIconModule],
  template: `
    <ul class="list">
      @for (s of sessions(); track s.id) {
        @let state = noteState(s, now());
        <li>
          <a [routerLink]="['/sessions', s.id]" class="row" [attr.data-testid]="itemTestId()">
            <span class="icon" [class]="state.tone" aria-hidden="true">
              <mat-icon>{{ iconFor(state.tone, s) }}</mat-icon>
            </span>
            <span class="text">
              <span class="title">
                @if (showCase()) {
                  {{ s.caseTitle }} ·
                }
                {{ sessionWhen(s, now()) }}
              </span>
              <span class="sub">{{ sessionKind(s) }}</span>
              <span class="sub">With {{ attendeeNames(s) || 'nobody recorded' }}</span>
            </span>
            <span class="chip" [class]="state.tone" data-testid="session-note-state">{{
              state.text
            }}</span>
          </a>
        </li>
      }
    </ul>
  `,
  styles: `
    :host {
      display: block;
      container-type: inline-size;
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li + li {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .row {
      display: grid;
      grid-template-columns: auto 1fr auto;
      gap: 4px 14px;
      align-items: center;
      padding: 12px 8px;
      margin: 0 -8px;
      border-radius: 12px;
      color: inherit;
      text-decoration: none;

      &:hover {
        background: var(--mat-sys-surface-container-low);

        .title {
          text-decoration: underline;
        }
      }

      &:focus-visible {
        outline: 2px solid var(--mat-sys-primary);
        outline-offset: -2px;
      }
    }
    .icon {
      display: grid;
      place-items: center;
      width: 40px;
      height: 40px;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);

      &.draft {
        background: var(--mat-sys-tertiary-container);
        color: var(--mat-sys-on-tertiary-container);
      }
      &.signed {
        background: var(--mat-sys-secondary-container);
        color: var(--mat-sys-on-secondary-container);
      }
    }
    .text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .title {
      color: var(--mat-sys-primary);
      font-weight: 500;
      overflow-wrap: break-word;
    }
    .sub {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .chip {
      padding: 2px 10px;
      border-radius: 999px;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-label-medium);
      white-space: nowrap;

      &.draft {
        background: var(--mat-sys-tertiary-container);
        color: var(--mat-sys-on-tertiary-container);
      }
      &.signed {
        background: var(--mat-sys-secondary-container);
        color: var(--mat-sys-on-secondary-container);
      }
    }
    @container (max-width: 480px) {
      .row {
        grid-template-columns: auto 1fr;
        align-items: start;
      }
      .chip {
        grid-column: 2;
        justify-self: start;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionList {
  readonly sessions = input.required<SessionView[]>();
  readonly showCase = input(false);
  readonly itemTestId = input('session-item');
  /** Now, for "Upcoming" and the year in dates; an input so tests and pages agree. */
  readonly now = input(new Date());

  protected readonly sessionWhen = sessionWhen;
  protected readonly sessionKind = sessionKind;
  protected readonly attendeeNames = attendeeNames;
  protected readonly noteState = noteState;

  protected iconFor(tone: string, s: SessionView): string {
    if (tone === 'signed') return 'lock';
    if (s.note) return 'edit_note';
    return new Date(s.startsAt) > this.now() ? 'event' : 'event_note';
  }
}
