import { afterCommit, ClinicDb, SystemDb } from '@mend/shared/server';
import type { DbCaller } from '@mend/shared/server';
import { bootApp, TestApp, TestClinic } from '../support/test-app';

/**
 * How request code shares one transaction: a nested call finds its caller's open transaction by
 * the caller object it was handed, `afterCommit` by the transaction's manager, and outside
 * production each lookup is checked against the causal context, so a wrong one fails loudly.
 */
describe('transactions shared by a caller', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let db: ClinicDb;
  let system: SystemDb;
  let counselor: DbCaller;

  const txid = async (tx: { query(sql: string): Promise<{ id: string }[]> }) =>
    (await tx.query(`SELECT txid_current()::text AS id`))[0].id;

  beforeAll(async () => {
    t = await bootApp();
    clinic = await t.createClinic();
    db = t.app.get(ClinicDb);
    system = t.app.get(SystemDb);
    counselor = { id: clinic.counselor.id, clinicId: clinic.id, role: 'counselor' };
  });
  afterAll(() => t.close());

  it('a nested call with the same caller joins the open transaction; a later one opens its own', async () => {
    const [outer, inner] = await db.run(counselor, async (tx) => [
      await txid(tx),
      await db.run(counselor, (nested) => txid(nested)),
    ]);
    expect(inner).toBe(outer);
    expect(await db.run(counselor, (tx) => txid(tx))).not.toBe(outer);
  });

  it('work after commit starts only once the transaction has committed, never after a rollback', async () => {
    const seen: string[] = [];
    await db.run(counselor, async (tx) => {
      afterCommit(tx, () => seen.push('committed'));
      seen.push('inside');
    });
    await expect(
      db.run(counselor, async (tx) => {
        afterCommit(tx, () => seen.push('rolled back'));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['inside', 'committed']);
  });

  it('acting as another person of the clinic switches the database identity, and back', async () => {
    const client: DbCaller = { id: clinic.client.id, clinicId: clinic.id, role: 'client' };
    const who = (tx: { query(sql: string): Promise<{ user: string; role: string }[]> }) =>
      tx
        .query(
          `SELECT current_setting('mend.user_id') AS user, current_setting('mend.role') AS role`,
        )
        .then((rows) => rows[0]);
    const seen = await db.run(client, async (tx) => {
      const before = await who(tx);
      const during = await db.actAs(tx, counselor, async () =>
        // The switched person's own nested calls join the same transaction.
        db.run(counselor, async (nested) => ({ ...(await who(nested)), txid: await txid(nested) })),
      );
      await expect(
        db.actAs(tx, counselor, async () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      return { before, during, after: await who(tx), txid: await txid(tx) };
    });
    expect(seen.before).toEqual({ user: clinic.client.id, role: 'client' });
    expect(seen.during).toEqual({ user: clinic.counselor.id, role: 'counselor', txid: seen.txid });
    expect(seen.after).toEqual({ user: clinic.client.id, role: 'client' });
  });

  it('outside production, a copy of the caller or system work inside a run fails loudly', async () => {
    await expect(
      db.run(counselor, () => db.run({ ...counselor }, async () => undefined)),
    ).rejects.toThrow('opened inside its own open transaction with another caller object');
    const admin: DbCaller = { id: clinic.admin.id, clinicId: clinic.id, role: 'admin' };
    await expect(db.run(counselor, () => db.run(admin, async () => undefined))).rejects.toThrow(
      `A admin:${clinic.admin.id}@${clinic.id} transaction was opened inside a counselor:`,
    );
    await expect(
      db.run(counselor, () => system.run('test', async () => undefined)),
    ).rejects.toThrow('A system:test transaction was opened inside a counselor:');
    await expect(db.run(counselor, () => system.query('test', 'SELECT 1'))).rejects.toThrow(
      'System query "test" issued inside a counselor:',
    );
    // Work the run left running, once the run has ended, opens a transaction of its own.
    let late: Promise<unknown> = Promise.resolve();
    await db.run(counselor, async () => {
      late = new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
        db.run(counselor, async () => undefined),
      );
    });
    await expect(late).resolves.toBeUndefined();
  });
});
