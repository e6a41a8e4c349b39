import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { CaseType, OpenCaseRequest } from '@mend/shared/contracts';
import { toIsoDate } from '../ui/dates';

/** The most members a case of each type holds (the server checks the same). */
export const MAX_MEMBERS: Record<CaseType, number> = { individual: 1, couple: 2, family: 12 };

export interface NewClientRow {
  displayName: string;
  email: string;
}

/** What the "Open a case" form holds; `members` are existing clients picked by name. */
export interface OpenCaseFormValue {
  title: string;
  type: CaseType;
  startedOn: Date | null;
  members: { id: string }[];
  newMembers: NewClientRow[];
  primaryCounselorId: string | null;
  coCounselorIds: string[];
}

/**
 * The request for the form's value: trimmed text, the day as `YYYY-MM-DD`, empty lists left
 * out, and co-counselors only with a primary counselor (never the primary twice).
 */
export function toOpenCaseRequest(value: OpenCaseFormValue): OpenCaseRequest {
  if (!value.startedOn) throw new Error('The start date is required.');
  const request: OpenCaseRequest = {
    title: value.title.trim(),
    type: value.type,
    startedOn: toIsoDate(value.startedOn),
  };
  const memberIds = [...new Set(value.members.map((m) => m.id))];
  if (memberIds.length) request.memberIds = memberIds;
  const newMembers = value.newMembers.map((m) => ({
    displayName: m.displayName.trim(),
    email: m.email.trim().toLowerCase(),
  }));
  if (newMembers.length) request.newMembers = newMembers;
  if (value.primaryCounselorId) {
    request.primaryCounselorId = value.primaryCounselorId;
    const co = [...new Set(value.coCounselorIds)].filter((id) => id !== value.primaryCounselorId);
    if (co.length) request.coCounselorIds = co;
  }
  return request;
}

/** Why a case of this type cannot have this many members, or null when it can. */
export function memberCountProblem(type: CaseType, count: number): string | null {
  if (count === 0) return 'Add at least one member: a client of the clinic or a new one.';
  const max = MAX_MEMBERS[type];
  if (count > max) {
    const article = /^[aeiou]/.test(type) ? 'An' : 'A';
    return `${article} ${type} case has at most ${max} ${max === 1 ? 'member' : 'members'}.`;
  }
  return null;
}

/** Form-level check of the member count against the case type (error key `members`). */
export const memberCountValidator: ValidatorFn = (
  group: AbstractControl,
): ValidationErrors | null => {
  const value = group.value as Partial<OpenCaseFormValue>;
  const count = (value.members?.length ?? 0) + (value.newMembers?.length ?? 0);
  const problem = memberCountProblem(value.type ?? 'couple', count);
  return problem ? { memberCount: problem } : null;
};
