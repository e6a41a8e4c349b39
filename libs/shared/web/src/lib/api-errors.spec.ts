import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { FormControl, FormGroup } from '@angular/forms';
import { applyServerErrors, errorMessage, retryAfterSeconds } from './api-errors';

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
