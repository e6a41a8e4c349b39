import type {
  AssignCounselorsRequest,
  CaseDetail,
  CaseOutcome,
  CloseCaseRequest,
  UpdateCaseRequest,
} from '@mend/shared/contracts';
import { toIsoDate } from '../ui/dates';

/** Only the fields that changed, with the version that was read. */
export function toUpdateCaseRequest(
  detail: Pick<CaseDetail, 'version' | 'title' | 'type' | 'startedOn'>,
  value: { title: string; type: CaseDetail['type']; startedOn: Date },
): UpdateCaseRequest {
  const request: UpdateCaseRequest = { version: detail.version };
  const title = value.title.trim();
  const startedOn = toIsoDate(value.startedOn);
  if (title !== detail.title) request.title = title;
  if (value.type !== detail.type) request.type = value.type;
  if (startedOn !== detail.startedOn) request.startedOn = startedOn;
  return request;
}

/** The request for the chosen counselors: no co-counselor twice, nor the primary among them. */
export function toAssignRequest(value: {
  primaryCounselorId: string | null;
  coCounselorIds: string[];
  reason: string;
}): AssignCounselorsRequest {
  const primary = value.primaryCounselorId || null;
  return {
    primaryCounselorId: primary,
    coCounselorIds: primary
      ? [...new Set(value.coCounselorIds)].filter((id) => id !== primary)
      : [],
    reason: value.reason.trim(),
  };
}

/** The outcome, and the note only when there is one. */
export function toCloseRequest(value: { outcome: CaseOutcome; note: string }): CloseCaseRequest {
  const note = value.note.trim();
  return note ? { outcome: value.outcome, note } : { outcome: value.outcome };
}
