import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { HomeworkSince, HomeworkSinceItem, SessionView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { NotesApi } from '../data-access/notes-api';
import { homeworkSummary } from '../editor/note-text';

/**
 * "PHQ-9 · 17 (Moderately severe)": a measure's score and band under the measure's short name
 * ("PHQ-9 · Patient Health Questionnaire" is "PHQ-9"); null for an exercise.
 */
export function measureLine(item: Pick<HomeworkSinceItem, 'title' | 'measure'>): string | null {
  if (!item.measure) return null;
  const { score, band } = item.measure;
  const name = item.title.split(' · ')[0];
  const value = Number.isInteger(score) ? String(score) : score.toFixed(1);
  return `${name} · ${value}${band ? ` (${band.label})` : ''}`;
}

/**
 * Beside the note editor: the homework the case submitted since the previous session, with its
 * 0–10 answers or a measure's score and a link to each review page, and a button that writes a
 * summary into the note. Below it, the messages the counselors pinned for this session.
 */
@Component({
  selector: 'mend-homework-panel',
  imports: [DatePipe, RouterLink, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" data-testid="homework-since">
      <mat-card-header>
        <mat-icon matCardAvatar aria-hidden="true">assignment_turned_in</mat-icon>
        <mat-card-title>Homework since the last session</mat-card-title>
        <mat-card-subtitle>
          @if (since(); as s) {
            {{ s.since ? (s.since | date: 'MMM d') : 'Start of the case' }} –
            {{ endsOn() | date: 'MMM d' }}
          } @else {
            What the members sent in
          }
        </mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        @if (error(); as message) {
          <p class="error" role="alert">
            {{ message }}
            <button mat-button type="button" (click)="load(noteId())">Try again</button>
          </p>
        } @else if (since(); as s) {
          <ul class="items">
            @for (item of s.items; track item.homeworkId) {
              <li data-testid="homework-since-item">
                <a
                  class="title"
                  [routerLink]="['/review', item.homeworkId]"
                  target="_blank"
                  rel="noopener"
                  [attr.aria-label]="item.title + ': open the review page in a new tab'"
                  >{{ item.title }} <mat-icon aria-hidden="true">open_in_new</mat-icon></a
                >
                <span class="meta"
                  >{{ item.member?.displayName ?? 'Together' }} · submitted
                  {{ item.submittedAt | date: 'MMM d' }}</span
                >
                @if (measureLine(item); as line) {
                  <p class="measure" data-testid="homework-since-measure">
                    <mat-icon aria-hidden="true">insights</mat-icon>{{ line }}
                  </p>
                }
                @if (item.scales.length) {
                  <dl class="scales">
                    @for (scale of item.scales; track $index) {
                      <div class="scale">
                        <dt>{{ scale.label }}</dt>
                        <dd>
                          <strong>{{ scale.value }}</strong
                          ><span class="of">/10</span>
                        </dd>
                      </div>
                    }
                  </dl>
                }
              </li>
            } @empty {
              <li class="none">Nothing was submitted in this period.</li>
            }
          </ul>
          @if (pinned().length) {
            <section
              class="pinned"
              aria-labelledby="pinned-messages-title"
              data-testid="pinned-messages"
            >
              <h3 id="pinned-messages-title">
                <mat-icon aria-hidden="true">push_pin</mat-icon> Pinned messages
              </h3>
              <ul class="items">
                @for (m of pinned(); track m.messageId) {
                  <li data-testid="pinned-message">
                    <span class="meta">
                      <strong class="author">{{ m.author.displayName }}</strong> ·
                      {{ m.sentAt | date: 'MMM d, HH:mm' }}
                    </span>
                    <span class="meta audience">
                      <mat-icon aria-hidden="true">{{
                        m.audience === 'joint' ? 'group' : 'lock'
                      }}</mat-icon>
                      {{ m.audience === 'joint' ? 'Joint' : 'Private' }} · {{ m.subject }}
                    </span>
                    <p class="body">{{ m.body }}</p>
                  </li>
                }
              </ul>
            </section>
          }
        } @else {
          <p class="none">Loading…</p>
        }
      </mat-card-content>
      @if (!readonly() && summary()) {
        <mat-card-actions>
          <button
            mat-stroked-button
            type="button"
            (click)="insert.emit(summary())"
            data-testid="insert-homework"
          >
            <mat-icon>playlist_add</mat-icon> Insert summary into {{ target() }}
          </button>
        </mat-card-actions>
      }
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-card {
      background: var(--mat-sys-surface-container-lowest);
    }
    mat-card-header mat-icon[matCardAvatar] {
      display: grid;
      place-items: center;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    mat-card-content {
      padding-top: 8px;
    }
    mat-card-actions {
      padding: 0 16px 16px;
    }
    .items {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 10px 0;
    }
    li + li {
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .title {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      color: var(--mat-sys-primary);
      font-weight: 500;
      text-decoration: none;

      mat-icon {
        font-size: 16px;
        width: 16px;
        height: 16px;
      }

      &:hover {
        text-decoration: underline;
      }
    }
    .meta {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .scales {
      display: flex;
      flex-direction: column;
      gap: 4px;
      margin: 4px 0 0;
      padding: 8px 10px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
    }
    .scale {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 12px;
      font: var(--mat-sys-body-small);

      dt {
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        flex: none;
        margin: 0;
        white-space: nowrap;

        strong {
          font: var(--mat-sys-title-small);
        }
      }
      .of {
        color: var(--mat-sys-on-surface-variant);
      }
    }
    .measure {
      display: flex;
      align-items: center;
      gap: 6px;
      margin: 4px 0 0;
      padding: 6px 10px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-low);
      font: var(--mat-sys-title-small);

      mat-icon {
        flex: none;
        font-size: 18px;
        width: 18px;
        height: 18px;
        color: var(--mat-sys-on-surface-variant);
      }
    }
    .none {
      display: block;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .pinned {
      margin-top: 8px;
      padding-top: 12px;
      border-top: 1px solid var(--mat-sys-outline-variant);

      h3 {
        display: flex;
        align-items: center;
        gap: 6px;
        margin: 0;
        font: var(--mat-sys-title-small);

        mat-icon {
          font-size: 18px;
          width: 18px;
          height: 18px;
          color: var(--mat-sys-primary);
        }
      }
      .author {
        color: var(--mat-sys-on-surface);
        font-weight: 500;
      }
      .audience {
        display: flex;
        align-items: center;
        gap: 4px;

        mat-icon {
          font-size: 14px;
          width: 14px;
          height: 14px;
        }
      }
      .body {
        margin: 0;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font: var(--mat-sys-body-medium);
      }
    }
    .error {
      margin: 0;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HomeworkPanel {
  private readonly api = inject(NotesApi);

  readonly noteId = input.required<string>();
  /**
   * The note's session as the page last read it: the window ends with the session, so a new
   * time or duration (edited while the note is a draft) loads the panel again.
   */
  readonly session = input<Pick<SessionView, 'startsAt' | 'durationMinutes'> | null>(null);
  /** The label of the section the summary goes into ("Subjective"). */
  readonly target = input('the note');
  /** A signed note only lists the homework. */
  readonly readonly = input(false);
  /** The summary's text, to write into the note. */
  readonly insert = output<string>();

  protected readonly measureLine = measureLine;
  protected readonly since = signal<HomeworkSince | null>(null);
  protected readonly error = signal<string | null>(null);
  /** The messages pinned for this session (none from a server that does not send them yet). */
  protected readonly pinned = computed(() => this.since()?.pinned ?? []);
  protected readonly summary = computed(() => {
    const since = this.since();
    return since ? homeworkSummary(since) : '';
  });

  /**
   * The window's last day as the counselor knows it: the session's day. The window itself runs to
   * the session's end, which is the next day for a session that starts late in the evening.
   */
  protected readonly endsOn = computed(() => this.session()?.startsAt ?? this.since()?.until);

  /** What the window depends on: the note, and its session's start and length. */
  private readonly window = computed(() => {
    const session = this.session();
    return `${this.noteId()}|${session?.startsAt ?? ''}|${session?.durationMinutes ?? ''}`;
  });
  /** The latest load: an earlier answer arriving late never replaces a newer window. */
  private loads = 0;

  constructor() {
    effect(() => {
      this.window();
      const id = this.noteId();
      untracked(() => void this.load(id));
    });
  }

  protected async load(id: string): Promise<void> {
    const load = ++this.loads;
    this.error.set(null);
    try {
      const since = await this.api.homeworkSince(id);
      if (load === this.loads) this.since.set(since);
    } catch (error) {
      if (load === this.loads) this.error.set(errorMessage(error));
    }
  }
}
