import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { AppointmentView } from '@mend/shared/contracts';
import { AppointmentActions, type AppointmentActionName } from './appointment-actions';
import { clientTitle, counselorTitle, currentStart, kindLine, stateText } from './appointment-text';
import { dayLabel, timeLabel, whenLabel, zonedParts } from './appointment-time';
import { VIEWER_TIME_ZONE } from './viewer-time-zone';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * One appointment in a list: when (in the viewer's zone, named), with whom, how, its state, the
 * note, and the buttons its `can` allows. Emits the appointment as it is after an action.
 */
@Component({
  selector: 'mend-appointment-item',
  imports: [RouterLink, MatButtonModule, MatIconModule],
  template: `
    @let a = appointment();
    <div class="tile" aria-hidden="true">
      <span class="month">{{ tile().month }}</span>
      <span class="day">{{ tile().day }}</span>
    </div>
    <div class="body">
      <div class="top">
        <h3 class="when">
          @if (link()) {
            <a [routerLink]="['/appointments', a.id]" data-testid="appointment-when">{{
              when()
            }}</a>
          } @else {
            <span data-testid="appointment-when">{{ when() }}</span>
          }
        </h3>
        <span class="chip" [class]="state().tone" data-testid="appointment-state">{{
          state().text
        }}</span>
      </div>
      @if (a.state === 'proposed') {
        <p class="proposed" data-testid="appointment-proposed">
          @if (viewer() === 'client') {
            {{ counselorFirst() }} suggested this time instead of {{ asked() }}.
          } @else {
            You suggested this time instead of {{ asked() }}.
          }
        </p>
      }
      <p class="what">
        @if (viewer() === 'client') {
          {{ clientTitle(a) }}
        } @else {
          <span class="who">{{ counselorTitle(a) }}</span>
          @if (showCase()) {
            · {{ a.caseTitle }}
          }
        }
        · {{ kindLine(a) }}
      </p>
      @if (a.note) {
        <p class="note" data-testid="appointment-note">
          <span class="cdk-visually-hidden">Note: </span>“{{ a.note }}”
        </p>
      }
      @if (buttons().length) {
        <div class="actions">
          @for (b of buttons(); track b.action) {
            @switch (b.kind) {
              @case ('primary') {
                <button
                  mat-flat-button
                  type="button"
                  [disabled]="busy()"
                  (click)="run(b.action)"
                  [attr.data-testid]="'appointment-' + b.testId"
                >
                  {{ b.label }}
                </button>
              }
              @case ('secondary') {
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="busy()"
                  (click)="run(b.action)"
                  [attr.data-testid]="'appointment-' + b.testId"
                >
                  {{ b.label }}
                </button>
              }
              @default {
                <button
                  mat-button
                  type="button"
                  [disabled]="busy()"
                  (click)="run(b.action)"
                  [attr.data-testid]="'appointment-' + b.testId"
                >
                  {{ b.label }}
                </button>
              }
            }
          }
        </div>
      }
    </div>
  `,
  styleUrl: './appointment-item.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'data-testid': 'appointment-item', '[attr.data-state]': 'appointment().state' },
})
export class AppointmentItem {
  private readonly actions = inject(AppointmentActions);
  private readonly timeZone = inject(VIEWER_TIME_ZONE);

  readonly appointment = input.required<AppointmentView>();
  readonly viewer = input<'client' | 'counselor'>('client');
  /** The counselor's lists across cases name the case. */
  readonly showCase = input(true);
  /** Whether the time opens the appointment's own page (its history). */
  readonly link = input(true);
  /** Whether to offer the buttons (a past list shows none). */
  readonly actionable = input(true);
  readonly changed = output<AppointmentView>();

  protected readonly busy = signal(false);
  protected readonly clientTitle = clientTitle;
  protected readonly counselorTitle = counselorTitle;
  protected readonly kindLine = kindLine;

  protected readonly start = computed(() => currentStart(this.appointment()));
  protected readonly when = computed(() => whenLabel(this.start(), this.timeZone));
  protected readonly tile = computed(() => {
    const p = zonedParts(this.start(), this.timeZone);
    return { month: MONTHS[p.month - 1], day: p.day };
  });
  protected readonly counselorFirst = computed(
    () => this.appointment().counselor.displayName.split(' ')[0],
  );
  /** The time first asked for, without the zone (the line above names it). */
  protected readonly asked = computed(() => {
    const startsAt = this.appointment().startsAt;
    return `${dayLabel(startsAt, this.timeZone)}, ${timeLabel(startsAt, this.timeZone)}`;
  });
  protected readonly state = computed(() =>
    stateText(this.appointment().state, this.viewer(), this.appointment().counselor.displayName),
  );

  protected readonly buttons = computed(() => {
    if (!this.actionable()) return [];
    const { can, state } = this.appointment();
    const client = this.viewer() === 'client';
    const list: {
      action: AppointmentActionName;
      label: string;
      kind: 'primary' | 'secondary' | 'text';
      testId: string;
    }[] = [];
    if (can.accept)
      list.push({ action: 'accept', label: 'Accept', kind: 'primary', testId: 'accept' });
    if (can.acceptProposal)
      list.push({
        action: 'acceptProposal',
        label: 'Accept this time',
        kind: 'primary',
        testId: 'accept-proposal',
      });
    if (can.propose)
      list.push({
        action: 'propose',
        label: 'Propose another time',
        kind: 'secondary',
        testId: 'propose',
      });
    if (can.decline)
      list.push({
        action: 'decline',
        label: client ? 'Ask for another time' : 'Decline',
        kind: client ? 'secondary' : 'text',
        testId: 'decline',
      });
    if (can.reschedule)
      list.push({ action: 'reschedule', label: 'Move', kind: 'secondary', testId: 'reschedule' });
    // A counselor answers a request with Decline (its reason); Cancel is for what was agreed.
    if (can.cancel && !(state === 'requested' && !client && can.decline))
      list.push({
        action: 'cancel',
        label: state === 'requested' && client ? 'Withdraw the request' : 'Cancel',
        kind: 'text',
        testId: 'cancel',
      });
    return list;
  });

  protected async run(action: AppointmentActionName): Promise<void> {
    this.busy.set(true);
    try {
      const after = await this.actions.run(action, this.appointment(), this.viewer());
      if (after) this.changed.emit(after);
    } finally {
      this.busy.set(false);
    }
  }
}
