import { Client } from 'pg';

/**
 * The SQL of every statement sent to PostgreSQL while `work` runs, as pg's client sends it
 * (every path, Mend's and TypeORM's, ends there; a prepared statement is counted by its text).
 * Background work of the process shares the wire: filter by text where it matters.
 */
export async function statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(Client.prototype, 'query');
  try {
    await work();
    return spy.mock.calls.map(([statement]) =>
      typeof statement === 'string' ? statement : (statement as { text: string }).text,
    );
  } finally {
    spy.mockRestore();
  }
}
