import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { AuthStore } from '@mend/auth/data-access';
import { MyAppointments } from './client/my-appointments';
import { CounselorAppointments } from './counselor/counselor-appointments';

/** `/appointments`: a client's own page, or a counselor's across their caseload. */
@Component({
  selector: 'mend-appointments-page',
  imports: [MyAppointments, CounselorAppointments],
  template: `
    @if (role() === 'counselor') {
      <mend-counselor-appointments />
    } @else if (role() === 'client') {
      <mend-my-appointments />
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppointmentsPage {
  protected readonly role = inject(AuthStore).role;
}
