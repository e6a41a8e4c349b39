import { randomBytes } from 'node:crypto';
import {
  encryptionContext,
  FieldEncryptionService,
  parseEncryptionKeys,
  rotateEncryptedColumns,
} from '@mend/shared/server';
import { bootApp, TestApp, TEST_ENCRYPTION_KEYS } from '../support/test-app';

const TABLE = 'encryption_rotation_probe';

describe('field encryption with PostgreSQL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp();
    // A scratch table standing in for the clinical tables later issues add.
    await t.dataSource.query(
      `CREATE TABLE ${TABLE} (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text)`,
    );
  });

  afterAll(async () => {
    await t.dataSource.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await t.close();
  });

  it('the app’s service stores ciphertext only, and reads it back', async () => {
    const encryption = t.app.get(FieldEncryptionService);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO ${TABLE} (body) VALUES ('') RETURNING id`,
    );
    const context = encryptionContext(TABLE, 'body', id);
    await t.dataSource.query(`UPDATE ${TABLE} SET body = $1 WHERE id = $2`, [
      encryption.encrypt('MARKER-what I did was wrong', context),
      id,
    ]);
    const [{ found }] = await t.dataSource.query(
      `SELECT count(*)::int AS found FROM ${TABLE} WHERE body LIKE '%MARKER%'`,
    );
    expect(found).toBe(0);
    const [{ body }] = await t.dataSource.query(`SELECT body FROM ${TABLE} WHERE id = $1`, [id]);
    expect(encryption.decrypt(body, context)).toBe('MARKER-what I did was wrong');
  });

  it('re-encrypts every stored value under a new key, leaving values already on it alone', async () => {
    const oldKeys = parseEncryptionKeys(TEST_ENCRYPTION_KEYS);
    const before = new FieldEncryptionService(oldKeys);
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const [{ id }] = await t.dataSource.query(
        `INSERT INTO ${TABLE} (body) VALUES ('') RETURNING id`,
      );
      await t.dataSource.query(`UPDATE ${TABLE} SET body = $1 WHERE id = $2`, [
        before.encrypt(`answer ${i}`, encryptionContext(TABLE, 'body', id)),
        id,
      ]);
      ids.push(id);
    }
    await t.dataSource.query(`INSERT INTO ${TABLE} (body) VALUES (NULL)`);
    const after = new FieldEncryptionService([{ id: 'next', key: randomBytes(32) }, ...oldKeys]);

    const rewritten = await rotateEncryptedColumns(
      t.dataSource,
      after,
      [{ table: TABLE, column: 'body' }],
      3,
    );
    expect(rewritten).toBeGreaterThanOrEqual(7);
    const rows: { id: string; body: string }[] = await t.dataSource.query(
      `SELECT id, body FROM ${TABLE} WHERE id = ANY($1)`,
      [ids],
    );
    for (const row of rows) {
      expect(after.keyIdOf(row.body)).toBe('next');
      expect(after.decrypt(row.body, encryptionContext(TABLE, 'body', row.id))).toMatch(
        /^answer \d$/,
      );
    }
    expect(
      await rotateEncryptedColumns(t.dataSource, after, [{ table: TABLE, column: 'body' }], 3),
    ).toBe(0);
  });

  it('refuses to decrypt a value whose stored bytes were altered', async () => {
    const encryption = t.app.get(FieldEncryptionService);
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO ${TABLE} (body) VALUES ('') RETURNING id`,
    );
    const context = encryptionContext(TABLE, 'body', id);
    await t.dataSource.query(`UPDATE ${TABLE} SET body = $1 WHERE id = $2`, [
      encryption.encrypt('kept safe', context),
      id,
    ]);
    // Someone with database access swaps one character of the ciphertext.
    await t.dataSource.query(
      `UPDATE ${TABLE} SET body = overlay(body placing (CASE WHEN substr(body, length(body) - 2, 1) = 'A' THEN 'B' ELSE 'A' END) from length(body) - 2 for 1) WHERE id = $1`,
      [id],
    );
    const [{ body }] = await t.dataSource.query(`SELECT body FROM ${TABLE} WHERE id = $1`, [id]);
    expect(() => encryption.decrypt(body, context)).toThrow(/cannot be read/);
  });
});
