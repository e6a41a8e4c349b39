import { Client } from 'pg';
import {
  PreparedQuery,
  RowDescription,
} from '../../libs/shared/server/src/lib/database/prepared-query';

/**
 * ClinicDb's prepared statements on a real connection: the rows of a statement are described
 * once per connection, and later executions read theirs with that description.
 */
describe('prepared statements', () => {
  let client: Client;
  let describes: number;

  beforeEach(async () => {
    client = new Client({ connectionString: process.env['MEND_TEST_DATABASE_URL'] });
    await client.connect();
    // Count the Describe messages this connection sends.
    const connection = (client as unknown as { connection: { describe(m: unknown): void } })
      .connection;
    const describe = connection.describe.bind(connection);
    describes = 0;
    connection.describe = (message: unknown) => {
      describes += 1;
      describe(message);
    };
  });

  afterEach(() => client.end());

  function run(
    described: Map<string, RowDescription | null>,
    name: string,
    text: string,
    values: unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }> {
    return new Promise((resolve, reject) => {
      client.query(
        new PreparedQuery(text, values, name, described, (error, result) =>
          error ? reject(error) : resolve(result as never),
        ) as never,
      );
    });
  }

  it('describes the rows once, then reads every execution with the same types', async () => {
    const described = new Map<string, RowDescription | null>();
    const text = `SELECT $1::int AS n, $2::text AS label, '2026-12-03T10:00:00Z'::timestamptz AS at,
                         '{"a":[1,2]}'::jsonb AS doc, NULL::text AS nothing, $1::int > 1 AS big`;
    const first = await run(described, 'test_types', text, [1, 'one']);
    const second = await run(described, 'test_types', text, [2, 'two']);
    const third = await run(described, 'test_types', text, [3, 'three']);

    expect(describes).toBe(1);
    expect(first.rows).toEqual([
      {
        n: 1,
        label: 'one',
        at: new Date('2026-12-03T10:00:00Z'),
        doc: { a: [1, 2] },
        nothing: null,
        big: false,
      },
    ]);
    expect(second.rows[0]).toMatchObject({ n: 2, label: 'two', big: true });
    expect(third.rows[0]).toMatchObject({ n: 3, label: 'three', at: expect.any(Date) });
    // Each execution has rows of its own (the description is shared, never the rows).
    expect(second.rows[0]).not.toBe(third.rows[0]);
  });

  it('reads several rows, and none, with the description', async () => {
    const described = new Map<string, RowDescription | null>();
    const text = 'SELECT g AS n, g::text AS s FROM generate_series(1, $1::int) g';
    await run(described, 'test_series', text, [2]);
    const many = await run(described, 'test_series', text, [3]);
    const none = await run(described, 'test_series', text, [0]);
    expect(describes).toBe(1);
    expect(many.rows).toEqual([
      { n: 1, s: '1' },
      { n: 2, s: '2' },
      { n: 3, s: '3' },
    ]);
    expect(none.rows).toEqual([]);
  });

  it('runs a statement without rows with nothing to describe, and counts what it changed', async () => {
    await client.query('CREATE TEMP TABLE prepared_t (id int PRIMARY KEY, v text)');
    await client.query(`INSERT INTO prepared_t VALUES (1, 'a'), (2, 'b')`);
    const described = new Map<string, RowDescription | null>();
    const text = 'UPDATE prepared_t SET v = $1 WHERE id <= $2';
    const first = await run(described, 'test_update', text, ['x', 1]);
    const second = await run(described, 'test_update', text, ['y', 2]);
    expect(described.get('test_update')).toBeNull();
    expect(describes).toBe(1);
    expect([first.rowCount, second.rowCount]).toEqual([1, 2]);
    expect((await client.query('SELECT v FROM prepared_t ORDER BY id')).rows).toEqual([
      { v: 'y' },
      { v: 'y' },
    ]);
  });

  it('never reads rows with a stale description: PostgreSQL refuses a changed row type', async () => {
    await client.query('CREATE TEMP TABLE prepared_s (id int, v text)');
    await client.query(`INSERT INTO prepared_s VALUES (1, 'a')`);
    const described = new Map<string, RowDescription | null>();
    const text = 'SELECT * FROM prepared_s WHERE id = $1';
    expect((await run(described, 'test_stale', text, [1])).rows).toEqual([{ id: 1, v: 'a' }]);
    await client.query('ALTER TABLE prepared_s ADD COLUMN w int');
    await expect(run(described, 'test_stale', text, [1])).rejects.toThrow(
      /cached plan must not change result type/,
    );
    // The connection goes on serving statements.
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('answers a value it cannot send with an error, and the connection goes on', async () => {
    const described = new Map<string, RowDescription | null>();
    const text = 'SELECT $1::text AS v';
    const unsendable = {
      toPostgres: () => {
        throw new Error('no text for this value');
      },
    };
    // On its first use (the statement is parsed all the same) and on a later one.
    await expect(run(described, 'test_bind', text, [unsendable])).rejects.toThrow(/no text/);
    expect((await run(described, 'test_bind', text, ['fine'])).rows).toEqual([{ v: 'fine' }]);
    await expect(run(described, 'test_bind', text, [unsendable])).rejects.toThrow(/no text/);
    expect((await run(described, 'test_bind', text, ['again'])).rows).toEqual([{ v: 'again' }]);
  });
});
