import type {
  InterviewMode,
  InterviewOutcome,
  RecordInterviewRequest,
} from '@mend/shared/contracts';
import { toIsoDate } from '../ui/safety-text';

export const INTERVIEW_NOTE_MAX = 10_000;

/** What each outcome means for joint work, in a sentence. */
export const OUTCOME_HINTS: Record<InterviewOutcome, string> = {
  cleared: 'Safe to take part in joint sessions and exercises.',
  not_cleared: 'Joint work stays closed for now.',
  individual_first: 'Joint work stays closed while they work with you on their own.',
};

export interface InterviewFormValue {
  heldOn: Date | null;
  mode: InterviewMode;
  outcome: InterviewOutcome | null;
  note: string;
}

/** The request for the form's value, or null while the day or the outcome is missing. */
export function toInterviewRequest(
  clientId: string,
  value: InterviewFormValue,
): RecordInterviewRequest | null {
  if (!value.heldOn || Number.isNaN(value.heldOn.getTime()) || !value.outcome) return null;
  const note = value.note.trim();
  return {
    clientId,
    heldOn: toIsoDate(value.heldOn),
    mode: value.mode,
    outcome: value.outcome,
    ...(note ? { note } : {}),
  };
}
