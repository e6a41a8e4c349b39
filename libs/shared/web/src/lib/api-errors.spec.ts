import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import { JOINT_WORK_CLOSED, LATER_STAGE } from '@mend/shared/contracts';
import { applyServerErrors, conflictMessage, errorMessage, retryAfterSeconds } from './api-errors';

const apiError = (status: number, body: unknown, headers?: HttpHeaders) =>
  new HttpErrorResponse({ status, error: body, headers });

describe('errorMessage', () => {
  it('uses the API’s own message', () => {
    expect(
      errorMessage(
        apiError(404, { statusCode: 404, error: 'Not Found', message: 'No such case.' }),
      ),
    ).toBe('No such case.');
  });

  it('never shows raw bodies', () => {
    expect(errorMessage(apiError(502, '<html>Bad gateway</html>'))).toBe(
      'Something went wrong on our side. Please try again.',
    );
    expect(errorMessage(apiError(0, null))).toMatch(/cannot be reached/);
  });
});

describe('applyServerErrors', () => {
  it('puts each reason on its control and returns the rest', () => {
    const form = new FormGroup({ email: new FormControl('') });
    const rest = applyServerErrors(
      form,
      apiError(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid',
        fields: [
          { field: 'email', reasons: ['Enter a valid email address.'] },
          { field: 'other', reasons: ['Nope'] },
        ],
      }),
    );
    expect(form.controls.email.errors).toEqual({ server: 'Enter a valid email address.' });
    expect(rest).toEqual([{ field: 'other', reasons: ['Nope'] }]);
  });
});

describe('retryAfterSeconds', () => {
  it('reads Retry-After on 429', () => {
    expect(retryAfterSeconds(apiError(429, null, new HttpHeaders({ 'Retry-After': '42' })))).toBe(
      42,
    );
    expect(retryAfterSeconds(apiError(400, null))).toBeUndefined();
  });
});

const conflict = (code?: string, status = 409) =>
  new HttpErrorResponse({
    status,
    error: { statusCode: status, error: 'Conflict', message: 'The server’s words.', code },
  });

describe('conflictMessage', () => {
  it('answers the server’s message for a 409 with that code', () => {
    expect(conflictMessage(conflict(LATER_STAGE), LATER_STAGE)).toBe('The server’s words.');
    expect(conflictMessage(conflict(JOINT_WORK_CLOSED), JOINT_WORK_CLOSED)).toBe(
      'The server’s words.',
    );
  });

  it('is null for another code, another status or another error', () => {
    expect(conflictMessage(conflict(JOINT_WORK_CLOSED), LATER_STAGE)).toBeNull();
    expect(conflictMessage(conflict(), LATER_STAGE)).toBeNull();
    expect(conflictMessage(conflict(LATER_STAGE, 400), LATER_STAGE)).toBeNull();
    expect(conflictMessage(new Error('x'), LATER_STAGE)).toBeNull();
  });
});
