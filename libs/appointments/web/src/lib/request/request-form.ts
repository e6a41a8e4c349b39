import { HttpErrorResponse } from '@angular/common/http';
import type {
  AppointmentAudience,
  RequestAppointmentRequest,
  SessionMode,
} from '@mend/shared/contracts';
import { isJointWorkClosed, isTimeTaken } from '../data-access/appointments-api';

/**
 * A fresh id for one request: a retry of the same request sends it again, so the server answers
 * the request it already has instead of making a second. (crypto.randomUUID needs a secure
 * context; a plain-http address still gets a random v4 id.)
 */
export function newClientKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface RequestChoice {
  audience: AppointmentAudience;
  mode: SessionMode;
  startsAt: string | null;
  note: string;
}

export const NOTE_MAX = 500;

/** The request to send, or null while no time is chosen. */
export function toRequest(
  choice: RequestChoice,
  clientKey: string,
): RequestAppointmentRequest | null {
  if (!choice.startsAt) return null;
  const note = choice.note.trim();
  return {
    audience: choice.audience,
    startsAt: choice.startsAt,
    mode: choice.mode,
    ...(note && { note }),
    clientKey,
  };
}

/**
 * What a failed send means for the next attempt: `retry` keeps the same key (the request may
 * have arrived: a retry must answer it, not make a second), anything the server refused starts
 * afresh. `taken`: the time went meanwhile; `joint`: joint work is not open.
 */
export type SendFailure = 'retry' | 'taken' | 'joint' | 'refused';

export function sendFailure(error: unknown): SendFailure {
  if (isJointWorkClosed(error)) return 'joint';
  if (isTimeTaken(error)) return 'taken';
  if (error instanceof HttpErrorResponse && error.status >= 400 && error.status < 500)
    return 'refused';
  return 'retry';
}
