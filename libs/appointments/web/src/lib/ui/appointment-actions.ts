import { inject, Injectable } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { AppointmentView } from '@mend/shared/contracts';
import { errorMessage } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';
import { AppointmentsApi } from '../data-access/appointments-api';
import { counselorTitle, currentStart, members, joinNames } from './appointment-text';
import { ReasonDialog, type ReasonData } from './reason-dialog';
import { TimeDialog, type TimeData } from './time-dialog';
import { VIEWER_TIME_ZONE } from './viewer-time-zone';
import { whenLabel } from './appointment-time';

export type AppointmentActionName =
  | 'accept'
  | 'propose'
  | 'decline'
  | 'acceptProposal'
  | 'cancel'
  | 'reschedule';

/**
 * What each button of an appointment does: one click for a yes (accept, accept the proposed
 * time), a dialog for a time or a reason. Answers the appointment as it is after, or undefined
 * when the person went back (or it failed, which a snack bar says).
 */
@Injectable({ providedIn: 'root' })
export class AppointmentActions {
  private readonly api = inject(AppointmentsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly timeZone = inject(VIEWER_TIME_ZONE);

  async run(
    action: AppointmentActionName,
    appointment: AppointmentView,
    viewer: 'client' | 'counselor',
  ): Promise<AppointmentView | undefined> {
    const id = appointment.id;
    const counselorFirst = appointment.counselor.displayName.split(' ')[0];
    const who = joinNames(members(appointment).map((p) => p.displayName.split(' ')[0]));
    switch (action) {
      case 'accept':
        return this.direct(
          () => this.api.accept(id),
          'Confirmed. The session is on your Sessions list.',
        );
      case 'acceptProposal':
        return this.direct(
          () => this.api.acceptProposal(id),
          `Confirmed. ${counselorFirst} will see you then.`,
        );
      case 'propose':
        return this.time({
          title: 'Propose another time',
          message: `${counselorTitle(appointment)} can accept the new time or ask for another.`,
          confirm: 'Propose this time',
          startsAt: currentStart(appointment),
          timeZone: this.timeZone,
          action: (startsAt) => this.api.propose(id, startsAt),
        });
      case 'reschedule':
        return this.time({
          title: 'Move the appointment',
          message: `The session moves with it. ${who} will be told the new time.`,
          confirm: 'Move it',
          startsAt: appointment.startsAt,
          timeZone: this.timeZone,
          action: (startsAt) => this.api.reschedule(id, startsAt),
        });
      case 'decline':
        return viewer === 'counselor'
          ? this.reason({
              title: 'Decline the request',
              message: `${who} will read your reason. You can also propose another time instead.`,
              label: 'Why this time does not work',
              required: true,
              confirm: 'Decline',
              tone: 'danger',
              action: (reason) => this.api.decline(id, reason),
            })
          : this.reason({
              title: 'Ask for another time',
              message: `${counselorFirst} will know this time does not suit you. You can then pick another free time.`,
              label: 'Anything to add? (optional)',
              required: false,
              confirm: 'Ask for another time',
              action: (reason) => this.api.decline(id, reason),
            });
      case 'cancel':
        return this.reason({
          title: 'Cancel the appointment',
          message: `${whenLabel(appointment.startsAt, this.timeZone)}. ${
            viewer === 'counselor' ? who : counselorFirst
          } will be told it is cancelled.`,
          label: viewer === 'counselor' ? 'Why (they will read it)' : 'Why (optional)',
          required: false,
          confirm: 'Cancel the appointment',
          tone: 'danger',
          action: (reason) => this.api.cancel(id, reason),
        });
    }
  }

  private async direct(
    call: () => Promise<AppointmentView>,
    done: string,
  ): Promise<AppointmentView | undefined> {
    try {
      const after = await call();
      this.snackBar.open(done, 'OK', { duration: 5000 });
      return after;
    } catch (error) {
      this.snackBar.open(errorMessage(error), 'OK', { duration: 8000 });
      return undefined;
    }
  }

  private time(data: TimeData): Promise<AppointmentView | undefined> {
    return firstValueFrom(
      this.dialog
        .open<TimeDialog, TimeData, AppointmentView>(TimeDialog, {
          data,
          autoFocus: 'first-tabbable',
          maxWidth: 'calc(100vw - 32px)',
        })
        .afterClosed(),
    );
  }

  private reason(data: ReasonData): Promise<AppointmentView | undefined> {
    return firstValueFrom(
      this.dialog
        .open<ReasonDialog, ReasonData, AppointmentView>(ReasonDialog, {
          data,
          autoFocus: 'first-tabbable',
          maxWidth: 'calc(100vw - 32px)',
        })
        .afterClosed(),
    );
  }
}
