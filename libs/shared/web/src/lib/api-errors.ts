import { HttpErrorResponse } from '@angular/common/http';
import { AbstractControl, FormGroup } from '@angular/forms';
import { FieldError, isApiErrorBody } from '@mend/shared/contracts';

/** A sentence a person can read for any failed request; never raw JSON. */
export function errorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return 'Mend cannot be reached. Check your connection and try again.';
    if (isApiErrorBody(error.error)) return error.error.message;
    if (error.status === 429) return 'Too many attempts. Please wait a minute and try again.';
    if (error.status >= 500) return 'Something went wrong on our side. Please try again.';
    return 'The request could not be completed.';
  }
  return 'Something unexpected happened. Please try again.';
}

/**
 * The server's message of a 409 carrying `code` (`joint_work_closed`, `later_stage`), or null
 * for any other error.
 */
export function conflictMessage(error: unknown, code: string): string | null {
  return error instanceof HttpErrorResponse &&
    error.status === 409 &&
    isApiErrorBody(error.error) &&
    error.error.code === code
    ? error.error.message
    : null;
}

export function fieldErrors(error: unknown): FieldError[] {
  return error instanceof HttpErrorResponse && isApiErrorBody(error.error)
    ? (error.error.fields ?? [])
    : [];
}

/**
 * Shows the server's reason beside each field it names (as the `server` error); returns the
 * errors that match no control, so the caller can show them elsewhere.
 */
export function applyServerErrors(form: FormGroup, error: unknown): FieldError[] {
  const unmatched: FieldError[] = [];
  for (const field of fieldErrors(error)) {
    const control: AbstractControl | null = form.get(field.field);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: field.reasons[0] });
      control.markAsTouched();
    } else {
      unmatched.push(field);
    }
  }
  return unmatched;
}

/** Seconds to wait from a 429 answer's Retry-After header, if any. */
export function retryAfterSeconds(error: unknown): number | undefined {
  if (!(error instanceof HttpErrorResponse) || error.status !== 429) return undefined;
  const value = Number(error.headers.get('Retry-After'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
