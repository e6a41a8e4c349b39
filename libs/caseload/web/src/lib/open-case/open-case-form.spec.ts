import { FormArray, FormControl, FormGroup } from '@angular/forms';
import {
  memberCountProblem,
  memberCountValidator,
  toOpenCaseRequest,
  type OpenCaseFormValue,
} from './open-case-form';

const value = (changes: Partial<OpenCaseFormValue> = {}): OpenCaseFormValue => ({
  title: '  Sam & Alex ',
  type: 'couple',
  startedOn: new Date(2026, 10, 3),
  members: [],
  newMembers: [],
  primaryCounselorId: null,
  coCounselorIds: [],
  ...changes,
});

describe('toOpenCaseRequest', () => {
  it('sends the trimmed title, the type and the day as YYYY-MM-DD, nothing empty', () => {
    expect(toOpenCaseRequest(value())).toEqual({
      title: 'Sam & Alex',
      type: 'couple',
      startedOn: '2026-11-03',
    });
  });

  it('sends picked clients by id and new clients with a tidy email', () => {
    const request = toOpenCaseRequest(
      value({
        members: [{ id: 'sam' }, { id: 'sam' }],
        newMembers: [{ displayName: ' Alex Rivera ', email: ' Alex@Example.com ' }],
      }),
    );
    expect(request.memberIds).toEqual(['sam']);
    expect(request.newMembers).toEqual([{ displayName: 'Alex Rivera', email: 'alex@example.com' }]);
  });

  it('sends co-counselors only with a primary, and never the primary twice', () => {
    expect(
      toOpenCaseRequest(value({ primaryCounselorId: 'maya', coCounselorIds: ['maya', 'omar'] })),
    ).toMatchObject({ primaryCounselorId: 'maya', coCounselorIds: ['omar'] });
    const unassigned = toOpenCaseRequest(value({ coCounselorIds: ['omar'] }));
    expect(unassigned.primaryCounselorId).toBeUndefined();
    expect(unassigned.coCounselorIds).toBeUndefined();
  });

  it('refuses a form without a start date', () => {
    expect(() => toOpenCaseRequest(value({ startedOn: null }))).toThrow();
  });
});

describe('member count', () => {
  it('asks for at least one member and at most what the type holds', () => {
    expect(memberCountProblem('couple', 0)).toMatch(/at least one member/);
    expect(memberCountProblem('couple', 2)).toBeNull();
    expect(memberCountProblem('couple', 3)).toBe('A couple case has at most 2 members.');
    expect(memberCountProblem('individual', 2)).toBe('An individual case has at most 1 member.');
    expect(memberCountProblem('family', 12)).toBeNull();
  });

  it('counts picked and new clients together on the form', () => {
    const form = new FormGroup(
      {
        type: new FormControl('couple'),
        members: new FormControl([{ id: 'a' }, { id: 'b' }]),
        newMembers: new FormArray([new FormControl({ displayName: 'C', email: 'c@x.org' })]),
      },
      { validators: memberCountValidator },
    );
    expect(form.getError('memberCount')).toBe('A couple case has at most 2 members.');
    form.controls.type.setValue('family');
    expect(form.hasError('memberCount')).toBe(false);
  });
});
