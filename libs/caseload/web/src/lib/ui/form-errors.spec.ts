import { HttpErrorResponse } from '@angular/common/http';
import { FormArray, FormControl, FormGroup } from '@angular/forms';
import { applyFieldErrors } from './form-errors';

const badRequest = (fields: { field: string; reasons: string[] }[]) =>
  new HttpErrorResponse({
    status: 400,
    error: { statusCode: 400, error: 'Bad Request', message: 'Invalid', fields },
  });

describe('applyFieldErrors', () => {
  it('puts nested and renamed field errors beside their controls', () => {
    const form = new FormGroup({
      members: new FormControl<string[]>([]),
      newMembers: new FormArray([
        new FormGroup({ email: new FormControl(''), displayName: new FormControl('') }),
      ]),
    });
    const rest = applyFieldErrors(
      form,
      badRequest([
        { field: 'memberIds', reasons: ['A couple case has at most 2 members.'] },
        { field: 'newMembers.0.email', reasons: ['Enter a valid email address.'] },
        { field: 'somethingElse', reasons: ['Nope'] },
      ]),
      { memberIds: 'members' },
    );
    expect(form.controls.members.getError('server')).toBe('A couple case has at most 2 members.');
    expect(form.get('newMembers.0.email')?.getError('server')).toBe('Enter a valid email address.');
    expect(form.get('newMembers.0.email')?.touched).toBe(true);
    expect(rest).toEqual([{ field: 'somethingElse', reasons: ['Nope'] }]);
  });

  it('ignores errors that are not field errors', () => {
    const form = new FormGroup({ title: new FormControl('') });
    expect(applyFieldErrors(form, new Error('x'))).toEqual([]);
    expect(form.valid).toBe(true);
  });
});
