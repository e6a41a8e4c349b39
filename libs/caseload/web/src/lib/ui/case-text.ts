import {
  CASE_OUTCOME_LABELS,
  CASE_OUTCOMES,
  CASE_TYPE_LABELS,
  CASE_TYPES,
  MEMBER_LABEL_TEXT,
  type AuditEventView,
  type CaseCounselorView,
  type CaseOutcome,
  type CaseSummary,
  type CaseType,
  type CounselorRole,
  type MemberLabel,
} from '@mend/shared/contracts';
import { stageEventText } from './stage-text';

/** "Sam", "Sam and Alex", "Sam, Alex and Jo". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function memberNames(summary: Pick<CaseSummary, 'members'>): string {
  return joinNames(summary.members.map((m) => m.displayName));
}

export function primaryCounselor(
  summary: Pick<CaseSummary, 'counselors'>,
): CaseCounselorView | undefined {
  return summary.counselors.find((c) => c.role === 'primary');
}

/** "Open", or "Closed · Separated with care". */
export function caseStatusText(summary: Pick<CaseSummary, 'status' | 'outcome'>): string {
  if (summary.status === 'open') return 'Open';
  return summary.outcome ? `Closed · ${CASE_OUTCOME_LABELS[summary.outcome]}` : 'Closed';
}

/** A member's position in the breach, as the case's counselors read it. */
export function labelText(label: MemberLabel | null | undefined): string {
  return label ? MEMBER_LABEL_TEXT[label] : 'Not set';
}

export function counselorRoleText(role: CounselorRole): string {
  return role === 'primary' ? 'Primary counselor' : 'Co-counselor';
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
const isCaseType = (value: unknown): value is CaseType =>
  (CASE_TYPES as readonly unknown[]).includes(value);
const isOutcome = (value: unknown): value is CaseOutcome =>
  (CASE_OUTCOMES as readonly unknown[]).includes(value);
const typeText = (value: unknown): string =>
  isCaseType(value) ? CASE_TYPE_LABELS[value].toLowerCase() : 'another type';

/**
 * One line of a case's history, in words. `names` resolves the people the event names by id;
 * someone no longer on the case (or in the clinic) is "a former member".
 */
export function describeEvent(
  event: Pick<AuditEventView, 'action' | 'details'>,
  names: ReadonlyMap<string, string>,
): string {
  const details = event.details;
  const who = (id: unknown, fallback = 'a former member'): string =>
    (typeof id === 'string' && names.get(id)) || fallback;
  switch (event.action) {
    case 'case.opened':
      return `Opened the case as a ${typeText(details['type'])} case`;
    case 'case.member_added':
      return `Added ${who(details['userId'])} to the case`;
    case 'case.member_removed':
      return `Removed ${who(details['userId'])} from the case`;
    case 'case.member_labelled':
      return `Updated the counselor-only label of ${who(details['userId'])}`;
    case 'case.counselors_assigned': {
      const after = record(details['after']);
      const before = record(details['before']);
      const primary = text(after['primary']);
      const co = Array.isArray(after['co']) ? after['co'] : [];
      const parts = [
        primary
          ? `${who(primary, 'a former counselor')} as primary counselor`
          : 'no primary counselor',
      ];
      if (co.length > 0) {
        parts.push(
          `${joinNames(co.map((id) => who(id, 'a former counselor')))} as co-counselor${co.length > 1 ? 's' : ''}`,
        );
      }
      const verb = text(before['primary']) ? 'Reassigned' : 'Assigned';
      const reason = text(details['reason']);
      return `${verb} counselors: ${joinNames(parts)}${reason ? `. Reason: “${reason}”` : ''}`;
    }
    case 'case.updated': {
      const changes: string[] = [];
      const change = (key: string) => record(details[key]);
      if (details['title'] !== undefined) {
        changes.push(`the title to “${text(change('title')['to']) ?? ''}”`);
      }
      if (details['type'] !== undefined) {
        changes.push(`the type to ${typeText(change('type')['to'])}`);
      }
      if (details['startedOn'] !== undefined) {
        changes.push(`the start date to ${text(change('startedOn')['to']) ?? 'another day'}`);
      }
      return changes.length ? `Changed ${joinNames(changes)}` : 'Edited the case';
    }
    case 'case.closed': {
      const outcome = details['outcome'];
      return isOutcome(outcome)
        ? `Closed the case: ${CASE_OUTCOME_LABELS[outcome].toLowerCase()}`
        : 'Closed the case';
    }
    case 'case.reopened':
      return 'Reopened the case';
    case 'case.stage_changed':
      return stageEventText(details);
    default:
      return event.action.replace(/^[a-z]+\./, '').replace(/_/g, ' ');
  }
}
