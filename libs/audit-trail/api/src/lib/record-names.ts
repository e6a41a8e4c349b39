/**
 * One domain's part of the single query that names what a page of audit events mentions: SQL
 * over that domain's own table (each domain's SQL names only its own tables) that selects the
 * columns `id` (text), `name` (text) and `role` (text, or NULL) of its records whose ids are in
 * the uuid[] parameter `ids` and that belong to the clinic `clinic` (a uuid parameter). It is
 * looked up by primary key, so the query stays one index probe per id.
 *
 * Auth gives the people's and the clinic's (`PEOPLE_RECORD_NAMES`), caseload the cases'.
 */
export interface RecordNames {
  /** The record type it names: an event's entity type, or what a details key points to. */
  type: string;
  sql(ids: string, clinic: string): string;
}

/** Details keys that hold the id of another record, and the type of that record. */
export const DETAIL_REFERENCES: Record<string, string> = {
  caseId: 'case',
  userId: 'user',
  authorId: 'user',
  clientId: 'user',
};

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
