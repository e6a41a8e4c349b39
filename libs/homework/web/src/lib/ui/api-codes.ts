import { HttpErrorResponse } from '@angular/common/http';
import { isApiErrorBody } from '@mend/shared/contracts';

/**
 * The server's message of a 409 carrying `code` (`joint_work_closed`, `later_stage`), or null
 * for any other error.
 */
export function conflictMessage(error: unknown, code: string): string | null {
  if (
    error instanceof HttpErrorResponse &&
    error.status === 409 &&
    isApiErrorBody(error.error) &&
    error.error.code === code
  ) {
    return error.error.message;
  }
  return null;
}
