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
  styleUrl: './session-list.scss',
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
