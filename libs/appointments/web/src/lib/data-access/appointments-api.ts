import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  JOINT_WORK_CLOSED,
  type AddAvailabilityExceptionRequest,
  type AppointmentAudience,
  type AppointmentScope,
  type AppointmentSlots,
  type AppointmentView,
  type Availability,
  type CalendarFeed,
  type RequestAppointmentRequest,
  type SaveAvailabilityRequest,
} from '@mend/shared/contracts';
import { conflictMessage, queryParams } from '@mend/shared/web';
import { firstValueFrom } from 'rxjs';

/** How many days of free times the request form asks for at once. */
export const SLOT_DAYS = 14;

export interface SlotsQuery {
  audience: AppointmentAudience;
  /** The first day, "YYYY-MM-DD". */
  from: string;
  days?: number;
}

/** The server refused a joint request because the case's joint work is not open (409). */
export function isJointWorkClosed(error: unknown): boolean {
  return conflictMessage(error, JOINT_WORK_CLOSED) !== null;
}

/** Any other 409 on a request or a time: the time was taken meanwhile ("no longer free"). */
export function isTimeTaken(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 409 && !isJointWorkClosed(error);
}

/**
 * Appointments as the signed-in person may see them: the server scopes every answer (a member
 * sees their own individual appointments and the case's joint ones, never a partner's
 * individual ones; a counselor sees their cases'). Counselors also keep their availability and
 * their private calendar feed here.
 */
@Injectable({ providedIn: 'root' })
export class AppointmentsApi {
  private readonly http = inject(HttpClient);

  // Counselors: when they see clients.

  availability(): Promise<Availability> {
    return firstValueFrom(this.http.get<Availability>('/api/availability'));
  }

  saveAvailability(request: SaveAvailabilityRequest): Promise<Availability> {
    return firstValueFrom(this.http.put<Availability>('/api/availability', request));
  }

  addException(request: AddAvailabilityExceptionRequest): Promise<Availability> {
    return firstValueFrom(this.http.post<Availability>('/api/availability/exceptions', request));
  }

  removeException(id: string): Promise<Availability> {
    return firstValueFrom(
      this.http.delete<Availability>(`/api/availability/exceptions/${encodeURIComponent(id)}`),
    );
  }

  // Counselors: the private calendar feed of their sessions.

  calendarFeed(): Promise<CalendarFeed> {
    return firstValueFrom(this.http.get<CalendarFeed>('/api/calendar-feed'));
  }

  /** A new secret address (the old one stops working); its `url` is answered this once. */
  createCalendarFeed(): Promise<CalendarFeed> {
    return firstValueFrom(this.http.post<CalendarFeed>('/api/calendar-feed', {}));
  }

  revokeCalendarFeed(): Promise<CalendarFeed> {
    return firstValueFrom(this.http.delete<CalendarFeed>('/api/calendar-feed'));
  }

  // Clients: free times and requests.

  slots(caseId: string, query: SlotsQuery): Promise<AppointmentSlots> {
    return firstValueFrom(
      this.http.get<AppointmentSlots>(`/api/cases/${caseId}/appointment-slots`, {
        params: queryParams({ days: SLOT_DAYS, ...query }),
      }),
    );
  }

  /**
   * 201 with the new request; 409 `joint_work_closed` for a joint one while joint work is not
   * open, or 409 when the time is no longer free. The same `clientKey` answers the same request.
   */
  request(caseId: string, request: RequestAppointmentRequest): Promise<AppointmentView> {
    return firstValueFrom(
      this.http.post<AppointmentView>(`/api/cases/${caseId}/appointments`, request),
    );
  }

  // Both.

  list(scope: AppointmentScope): Promise<AppointmentView[]> {
    return firstValueFrom(
      this.http.get<AppointmentView[]>('/api/appointments', { params: queryParams({ scope }) }),
    );
  }

  get(id: string): Promise<AppointmentView> {
    return firstValueFrom(this.http.get<AppointmentView>(`/api/appointments/${id}`));
  }

  /** Counselor: confirms a request (a session is recorded). */
  accept(id: string): Promise<AppointmentView> {
    return this.act(id, 'accept', {});
  }

  /** Counselor: suggests another time for a request. */
  propose(id: string, startsAt: string): Promise<AppointmentView> {
    return this.act(id, 'propose', { startsAt });
  }

  /** A counselor declines a request; a client declines a proposed time. */
  decline(id: string, reason: string): Promise<AppointmentView> {
    return this.act(id, 'decline', { reason });
  }

  /** Client: takes the counselor's proposed time. */
  acceptProposal(id: string): Promise<AppointmentView> {
    return this.act(id, 'accept-proposal', {});
  }

  cancel(id: string, reason: string): Promise<AppointmentView> {
    return this.act(id, 'cancel', { reason });
  }

  /** Counselor: moves a confirmed appointment (and its session). */
  reschedule(id: string, startsAt: string): Promise<AppointmentView> {
    return this.act(id, 'reschedule', { startsAt });
  }

  private act(id: string, action: string, body: object): Promise<AppointmentView> {
    return firstValueFrom(
      this.http.post<AppointmentView>(`/api/appointments/${id}/${action}`, body),
    );
  }
}
