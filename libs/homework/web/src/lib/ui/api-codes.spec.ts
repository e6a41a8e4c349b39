import { HttpErrorResponse } from '@angular/common/http';
import { JOINT_WORK_CLOSED, LATER_STAGE } from '@mend/shared/contracts';
import { conflictMessage } from './api-codes';

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
