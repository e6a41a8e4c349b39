import type { DataSource, EntityManager } from 'typeorm';
import { ClinicDb, PgClient, prepareStatements, SystemDb } from './clinic-db';

const caller = {
  id: '00000000-0000-4000-8000-000000000001',
  clinicId: '00000000-0000-4000-8000-0000000000c1',
  role: 'counselor' as const,
};

/** A data source whose query runners (and their connections) record what they were sent. */
function fakeDataSource() {
  const sent: string[] = [];
  const dataSource = {
    createQueryRunner: () => {
      const runner = {
        manager: { label: 'tx' } as unknown as EntityManager,
        isTransactionActive: false,
        transactionDepth: 0,
        connect: async () => ({
          query: async (sql: string) => {
            sent.push(sql);
            return { rows: [], rowCount: 0, command: 'SELECT' };
          },
        }),
        query: async (sql: string) => void sent.push(sql),
        commitTransaction: async () => void sent.push('COMMIT'),
        rollbackTransaction: async () => void sent.push('ROLLBACK'),
        release: async () => undefined,
      };
      return runner;
    },
  } as unknown as DataSource;
  return { dataSource, sent };
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

describe('prepareStatements', () => {
  it('names parameterised statements by their text, leaves the others alone, and restores', async () => {
    const calls: unknown[] = [];
    const client: PgClient = {
      query: (text: unknown, values?: unknown) => calls.push([text, values]),
    };
    const original = client.query;
    const restore = prepareStatements(client);
    client.query('SELECT $1', [1]);
    client.query('SELECT $1', [2]);
    client.query('COMMIT');
    const [first, second, third] = calls as [unknown[], unknown[], unknown[]];
    expect(first[0]).toMatchObject({ text: 'SELECT $1', values: [1] });
    expect((first[0] as { name: string }).name).toBe((second[0] as { name: string }).name);
    expect(third[0]).toBe('COMMIT');
    restore();
    expect(client.query).toBe(original);
  });
});
