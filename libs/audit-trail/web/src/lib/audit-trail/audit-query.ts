import type { AuditQueryParams } from '@mend/shared/contracts';

export interface AuditFilters {
  action: string;
  entityType: string;
  actorId: string;
  from: Date | null;
  to: Date | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of the day as picked in the calendar (never shifted by UTC). */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The API's query from the filter form: empty filters left out, dates as inclusive days. */
export function toAuditQuery(
  filters: AuditFilters,
  page: number,
  pageSize: number,
): AuditQueryParams {
  const query: AuditQueryParams = { page, pageSize };
  const action = filters.action.trim();
  if (action) query.action = action;
  if (filters.entityType) query.entityType = filters.entityType;
  if (filters.actorId) query.actorId = filters.actorId;
  if (filters.from) query.from = isoDay(filters.from);
  if (filters.to) query.to = isoDay(filters.to);
  return query;
}
