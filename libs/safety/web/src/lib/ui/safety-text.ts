import {
  JOINT_WORK_CLOSED,
  type AnswerValue,
  type FieldDef,
  type GateMissing,
  type JointWorkState,
} from '@mend/shared/contracts';
import { conflictMessage } from '@mend/shared/web';

/** Why a member keeps joint work closed, as the counselor reads it. */
export const GATE_MISSING_TEXT: Record<GateMissing, string> = {
  no_conversation: 'No individual conversation yet',
  not_cleared: 'Not cleared for joint work',
  individual_first: 'Needs individual work first',
};

/** The one line at the top of the counselor's Safety tab. */
export function gateHeadline(state: JointWorkState): string {
  if (!state.applies) return 'An individual case: there is no joint work to open.';
  if (state.open) return 'Joint work is open.';
  const n = state.missing.length;
  if (n === 0) return 'Joint work is closed.';
  return `Joint work is closed: ${n === 1 ? 'one member is' : `${n} members are`} not cleared yet.`;
}

/**
 * The server's message when a joint action was refused because joint work is closed
 * (409 with `code: 'joint_work_closed'`); null for any other error.
 */
export function jointWorkClosedMessage(error: unknown): string | null {
  return conflictMessage(error, JOINT_WORK_CLOSED);
}

/** The query parameter that opens a tab of the case page (`/cases/:id?tab=safety`). */
export const SAFETY_TAB = 'safety';

/** The router link to a case's Safety tab. */
export function safetyTabLink(caseId: string): {
  commands: string[];
  queryParams: { tab: string };
} {
  return { commands: ['/cases', caseId], queryParams: { tab: SAFETY_TAB } };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a day as the user picked it (local calendar, never shifted by UTC). */
export function toIsoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function optionLabel(field: FieldDef, value: unknown): string {
  return typeof value === 'string'
    ? (field.options?.find((o) => o.value === value)?.label ?? value)
    : '';
}

/** One answer in words, as the counselor reads it ('' when unanswered). */
export function answerText(field: FieldDef, value: AnswerValue | undefined): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.type) {
    case 'scale':
      return typeof value === 'number' ? `${value} / 10` : '';
    case 'single_choice':
      return optionLabel(field, value);
    case 'multiple_choice':
    case 'checklist': {
      const choice = Array.isArray(value)
        ? { values: value, other: undefined }
        : typeof value === 'object'
          ? (value as { values?: unknown[]; other?: string })
          : { values: [] };
      const parts = (choice.values ?? []).map((v) => optionLabel(field, v)).filter(Boolean);
      if (choice.other) parts.push(`Other: ${choice.other}`);
      return parts.join(', ');
    }
    case 'list':
      return Array.isArray(value) ? `${value.length} ${value.length === 1 ? 'item' : 'items'}` : '';
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }
}
