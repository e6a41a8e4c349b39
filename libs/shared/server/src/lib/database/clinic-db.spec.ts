import type { DataSource, EntityManager } from 'typeorm';
import { ClinicDb, SystemDb } from './clinic-db';
import type { DatabaseOptions } from './database-options';
import { PreparedQuery } from './prepared-query';

const caller = {
  id: '00000000-0000-4000-8000-000000000001',
  clinicId: '00000000-0000-4000-8000-0000000000c1',
  role: 'counselor' as const,
};

/**
 * A data source whose pool hands out one recording connection, and whose query runners run
 * their statements on it (as ClinicDb binds them).
 */
function fakeDataSource() {
  const sent: string[] = [];
  const released: (Error | undefined)[] = [];
  const client = {
    query: async (sql: string) => {
      sent.push(sql);
      return { rows: [], rowCount: 0, command: 'SELECT' };
    },
    on: () => undefined,
    release: (error?: Error) => void released.push(error),
  };
  const dataSource = {
    driver: { master: { connect: async () => client } },
    createQueryRunner: () => ({
      manager: { label: 'tx' } as unknown as EntityManager,
      isTransactionActive: false,
      transactionDepth: 0,
    }),
  } as unknown as DataSource;
  return { dataSource, sent, released, client };
}

describe('ClinicDb', () => {
  it('opens one transaction as the application role with the caller’s settings', async () => {
    const { dataSource, sent } = fakeDataSource();
    await new ClinicDb(dataSource).run(caller, async () => undefined);
    expect(sent[0]).toContain("set_config('role', 'mend_app', true)");
    expect(sent[0]).toContain(`set_config('mend.clinic_id', '${caller.clinicId}', true)`);
    expect(sent.at(-1)).toBe('COMMIT');
  });

  it('joins an open transaction for the same caller, and refuses another caller inside it', async () => {
    const { dataSource, sent } = fakeDataSource();
    const db = new ClinicDb(dataSource);
    await db.run(caller, async (outer) => {
      await db.run(caller, async (inner) => expect(inner).toBe(outer));
      await expect(db.run({ ...caller, role: 'admin' }, async () => undefined)).rejects.toThrow(
        /inside a counselor/,
      );
    });
    expect(sent.filter((s) => s.startsWith('BEGIN'))).toHaveLength(1);
  });

  it('rolls back when the work throws', async () => {
    const { dataSource, sent } = fakeDataSource();
    await expect(
      new ClinicDb(dataSource).run(caller, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(sent.at(-1)).toBe('ROLLBACK');
  });

  it('keeps one query runner per connection and gives the connection back each time', async () => {
    const { dataSource, released } = fakeDataSource();
    const db = new ClinicDb(dataSource);
    const managers: EntityManager[] = [];
    await db.run(caller, async (tx) => void managers.push(tx));
    await db.run(caller, async (tx) => void managers.push(tx));
    expect(managers[0]).toBe(managers[1]);
    expect(released).toEqual([undefined, undefined]);
  });

  it('drops a connection whose opening failed halfway instead of lending it again', async () => {
    const { dataSource, released, client } = fakeDataSource();
    const broken = new Error('set_config failed');
    client.query = async () => {
      throw broken;
    };
    await expect(new ClinicDb(dataSource).run(caller, async () => 1)).rejects.toThrow(broken);
    expect(released).toEqual([broken]);
  });

  it('refuses a caller whose ids are not uuids (they are spliced into the opening)', async () => {
    const { dataSource } = fakeDataSource();
    await expect(
      new ClinicDb(dataSource).run(
        { ...caller, clinicId: "x'; DROP TABLE users; --" },
        async () => 1,
      ),
    ).rejects.toThrow(/needs a caller/);
  });

  it('keeps the system path out of a caller’s transaction', async () => {
    const { dataSource } = fakeDataSource();
    const system = new SystemDb(dataSource);
    await new ClinicDb(dataSource).run(caller, async () => {
      await expect(system.run('sweep', async () => undefined)).rejects.toThrow(/system:sweep/);
      await expect(system.query('lookup', 'SELECT 1')).rejects.toThrow(/lookup/);
    });
  });
});

describe('prepared statements', () => {
  it('names a caller’s parameterised statements by their text and sends the others as they are', async () => {
    const { dataSource, client } = fakeDataSource();
    const calls: unknown[] = [];
    client.query = async (text: unknown) => {
      calls.push(text);
      const result = { rows: [], rowCount: 0, command: 'SELECT' };
      // A prepared statement goes as a pg Query object and is answered through its callback.
      (text as { callback?: (error: undefined, result: unknown) => void }).callback?.(
        undefined,
        result,
      );
      return result;
    };
    const db = new ClinicDb(dataSource, { preparedStatements: true } as DatabaseOptions);
    await db.run(caller, async (tx) => {
      await tx.query('SELECT $1', [1]);
      await tx.query('SELECT $1', [2]);
    });
    const [opening, first, second, commit] = calls as [string, object, object, string];
    expect(opening).toMatch(/^BEGIN/);
    expect(first).toBeInstanceOf(PreparedQuery);
    expect(first).toMatchObject({ text: 'SELECT $1', values: [1] });
    expect((first as { name: string }).name).toBe((second as { name: string }).name);
    expect(commit).toBe('COMMIT');
  });

  it('leaves them unnamed where the database does not keep prepared statements', async () => {
    const { dataSource, sent } = fakeDataSource();
    await new ClinicDb(dataSource, { preparedStatements: false } as DatabaseOptions).run(
      caller,
      (tx) => tx.query('SELECT $1', [1]),
    );
    expect(sent).toContain('SELECT $1');
  });
});
