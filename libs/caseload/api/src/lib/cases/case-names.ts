import type { RecordNames } from '@mend/audit-trail/api';

/** A case by its title, as the audit trail names the cases its events are about or point to. */
export const CASE_RECORD_NAMES: RecordNames = {
  type: 'case',
  sql: (ids, clinic) =>
    `SELECT id::text AS id, title AS name, NULL::text AS role
       FROM cases WHERE id = ANY(${ids}) AND clinic_id = ${clinic}`,
};
