import { Client } from 'pg';

/**
 * What `work` answers, and the SQL of every statement sent to PostgreSQL while it ran, as pg's
 * client sends it (every path, Mend's and TypeORM's, ends there; a prepared statement is counted
 * by its text). Background work of the process shares the wire: filter by text where it matters.
 */
export async function statementsDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const spy = jest.spyOn(Client.prototype, 'query');
  try {
    const result = await work();
    const statements = spy.mock.calls.map(([statement]) =>
      typeof statement === 'string' ? statement : (statement as { text: string }).text,
    );
    return { result, statements };
  } finally {
    spy.mockRestore();
  }
}
