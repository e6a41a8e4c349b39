import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CaseDetail } from '@mend/shared/contracts';
import {
  encryptedColumns,
  encryptionContext,
  FieldEncryptionService,
  parseEncryptionKeys,
  rotateEncryptedColumns,
  typeOrmOptions,
} from '@mend/shared/server';
import { MIGRATIONS } from '../../apps/api/src/migrations';
import { ClinicalTextAtRest1796200200000 } from '../../apps/api/src/migrations/1796200200000-ClinicalTextAtRest';
import { bootApp, TestApp, TEST_ENCRYPTION_KEYS } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';

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

  /** The clinical columns that were plaintext until the ClinicalTextAtRest migration. */
  const MOVED = [
    { table: 'case_members', column: 'label_enc' },
    { table: 'cases', column: 'closing_note_enc' },
    { table: 'homework_scores', column: 'value_enc' },
    { table: 'measure_results', column: 'result_enc' },
  ];

  it('the rotation command knows the labels, closing notes, 0–10 answers and measure results', () => {
    expect(encryptedColumns()).toEqual(expect.arrayContaining(MOVED));
  });

  it('rotates labels and closing notes to a new key, and the app reads them again after', async () => {
    const clinic = await t.createClinic();
    const admin = await t.signIn(clinic.admin);
    const counselor = await t.signIn(clinic.counselor);
    const opened = await admin.post<CaseDetail>('/api/cases', {
      title: 'Rotation',
      type: 'couple',
      startedOn: new Date().toISOString().slice(0, 10),
      memberIds: [clinic.client.id, clinic.partner.id],
      primaryCounselorId: clinic.counselor.id,
    });
    const caseId = opened.body.id;
    await counselor.put(`/api/cases/${caseId}/members/${clinic.client.id}/label`, {
      label: 'broke_trust',
    });
    await admin.post(`/api/cases/${caseId}/close`, { outcome: 'referred_on', note: 'To Dr. Ames' });

    const current = parseEncryptionKeys(TEST_ENCRYPTION_KEYS);
    const next = { id: 'next', key: randomBytes(32) };
    const moved = await rotateEncryptedColumns(
      t.dataSource,
      new FieldEncryptionService([next, ...current]),
      MOVED,
    );
    expect(moved).toBeGreaterThanOrEqual(2);
    const [row] = await t.dataSource.query(
      `SELECT c.closing_note_enc, m.label_enc FROM cases c
         JOIN case_members m ON m.case_id = c.id AND m.user_id = $2 WHERE c.id = $1`,
      [caseId, clinic.client.id],
    );
    expect([row.closing_note_enc, row.label_enc].map((v: string) => v.split('.')[1])).toEqual([
      'next',
      'next',
    ]);
    // And back under the app's key: every value still reads where it is.
    await rotateEncryptedColumns(
      t.dataSource,
      new FieldEncryptionService([...current, next]),
      MOVED,
    );
    const seen = await counselor.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(seen.body.closingNote).toBe('To Dr. Ames');
    expect(seen.body.members.find((m) => m.userId === clinic.client.id)?.label).toBe('broke_trust');
  });

  it('the migration encrypts the plaintext an existing database holds, and can undo it', async () => {
    const database = await createTestDatabase();
    const mine = new ClinicalTextAtRest1796200200000().name;
    const stamp = (name: string) => Number(name.slice(-13));
    const ds = new DataSource(
      typeOrmOptions({
        url: database.url,
        poolSize: 1,
        entities: [],
        migrations: MIGRATIONS.filter((m) => stamp(m.name) < stamp(mine)),
      }),
    );
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const one = async (sql: string, params: unknown[] = []) =>
        (await ds.query(sql, params))[0] as Record<string, string>;
      const { id: clinic } = await one(`INSERT INTO clinics (name) VALUES ('Old') RETURNING id`);
      const person = async (role: string) =>
        (
          await one(
            `INSERT INTO users (clinic_id, email, display_name, role, status)
             VALUES ($1, $2, $3, $4, 'active') RETURNING id`,
            [clinic, `${randomBytes(4).toString('hex')}@old.example`, role, role],
          )
        ).id;
      const [counselor, kai, lee] = [
        await person('counselor'),
        await person('client'),
        await person('client'),
      ];
      const { id: caseId } = await one(
        `INSERT INTO cases (clinic_id, title, type, status, started_on, closed_at, outcome, closing_note)
         VALUES ($1, 'Kai & Lee', 'couple', 'closed', '2026-01-05', now(), 'referred_on', 'To Dr. Ames, trauma work')
         RETURNING id`,
        [clinic],
      );
      const { id: kaiMember } = await one(
        `INSERT INTO case_members (clinic_id, case_id, user_id, label) VALUES ($1, $2, $3, 'broke_trust') RETURNING id`,
        [clinic, caseId, kai],
      );
      await ds.query(
        `INSERT INTO case_members (clinic_id, case_id, user_id, label) VALUES ($1, $2, $3, NULL)`,
        [clinic, caseId, lee],
      );
      const { id: exercise } = await one(
        `INSERT INTO exercises (clinic_id, title, stage, audience, recurrence, is_measure)
         VALUES ($1, 'Check', 'acknowledge', 'each_member', 'weekly', true) RETURNING id`,
        [clinic],
      );
      const { id: version } = await one(
        `INSERT INTO exercise_versions (clinic_id, exercise_id, version, title, stage, audience, recurrence, instructions, fields)
         VALUES ($1, $2, 1, 'Check', 'acknowledge', 'each_member', 'weekly', '', '[]') RETURNING id`,
        [clinic, exercise],
      );
      const { id: assignment } = await one(
        `INSERT INTO assignments (clinic_id, case_id, exercise_id, exercise_version_id, assigned_by_id, target, member_ids, recurrence, first_due_on)
         VALUES ($1, $2, $3, $4, $5, 'member', ARRAY[$6]::uuid[], 'once', '2026-01-06') RETURNING id`,
        [clinic, caseId, exercise, version, counselor, kai],
      );
      const { id: homework } = await one(
        `INSERT INTO homework (clinic_id, case_id, assignment_id, exercise_version_id, user_id, due_on, status, submitted_at)
         VALUES ($1, $2, $3, $4, $5, '2026-01-06', 'submitted', now()) RETURNING id`,
        [clinic, caseId, assignment, version, kai],
      );
      const { id: score } = await one(
        `INSERT INTO homework_scores (clinic_id, case_id, homework_id, user_id, field_key, value, recorded_on)
         VALUES ($1, $2, $3, $4, 'trust', 3, '2026-01-06') RETURNING id`,
        [clinic, caseId, homework, kai],
      );
      const { id: result } = await one(
        `INSERT INTO measure_results (clinic_id, case_id, homework_id, user_id, exercise_id, score, band, submitted_at)
         VALUES ($1, $2, $3, $4, $5, 1.33, '{"min":0,"max":4,"label":"Minimal","severity":"none"}', now()) RETURNING id`,
        [clinic, caseId, homework, kai, exercise],
      );
      const { id: session } = await one(
        `INSERT INTO sessions (clinic_id, case_id, counselor_id, starts_at, duration_minutes, type, mode, attendee_ids)
         VALUES ($1, $2, $3, now() - interval '1 day', 50, 'couple', 'in_person', ARRAY[$4]::uuid[]) RETURNING id`,
        [clinic, caseId, counselor, kai],
      );
      const { id: draft } = await one(
        `INSERT INTO notes (clinic_id, session_id, case_id, author_id, format, content_enc, version)
         VALUES ($1, $2, $3, $4, 'soap', 'v1.old.x.y.z', 4) RETURNING id`,
        [clinic, session, caseId, counselor],
      );

      // The migration, with the keys the app runs with (as `migrate` reads them from the env).
      const encryption = new FieldEncryptionService(parseEncryptionKeys(TEST_ENCRYPTION_KEYS));
      const migration = new ClinicalTextAtRest1796200200000(() => encryption);
      const inTransaction = async (
        work: (runner: ReturnType<DataSource['createQueryRunner']>) => Promise<void>,
      ) => {
        const runner = ds.createQueryRunner();
        await runner.startTransaction();
        try {
          await work(runner);
          await runner.commitTransaction();
        } finally {
          await runner.release();
        }
      };
      await inTransaction((runner) => migration.up(runner));

      const read = (table: string, column: string, id: string, value: string) =>
        encryption.decrypt(value, encryptionContext(table, column, id));
      const members: { id: string; label_enc: string | null }[] = await ds.query(
        `SELECT id, label_enc FROM case_members WHERE case_id = $1`,
        [caseId],
      );
      const kaiRow = members.find((m) => m.id === kaiMember);
      expect(read('case_members', 'label_enc', kaiMember, kaiRow?.label_enc ?? '')).toBe(
        'broke_trust',
      );
      expect(members.find((m) => m.id !== kaiMember)?.label_enc).toBeNull();
      const { closing_note_enc } = await one(`SELECT closing_note_enc FROM cases WHERE id = $1`, [
        caseId,
      ]);
      expect(read('cases', 'closing_note_enc', caseId, closing_note_enc)).toBe(
        'To Dr. Ames, trauma work',
      );
      const { value_enc } = await one(`SELECT value_enc FROM homework_scores WHERE id = $1`, [
        score,
      ]);
      expect(read('homework_scores', 'value_enc', score, value_enc)).toBe('3');
      const { result_enc } = await one(`SELECT result_enc FROM measure_results WHERE id = $1`, [
        result,
      ]);
      expect(JSON.parse(read('measure_results', 'result_enc', result, result_enc))).toEqual({
        score: 1.33,
        band: { min: 0, max: 4, label: 'Minimal', severity: 'none' },
      });
      // No plaintext column is left, and no plaintext anywhere in the rows.
      const left: { table_name: string; column_name: string }[] = await ds.query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND (table_name, column_name) IN
            (('case_members', 'label'), ('cases', 'closing_note'), ('homework_scores', 'value'),
             ('measure_results', 'score'), ('measure_results', 'band'))`,
      );
      expect(left).toEqual([]);
      for (const table of ['cases', 'case_members', 'homework_scores', 'measure_results']) {
        const [hit] = await ds.query(
          `SELECT 1 FROM "${table}" r WHERE r::text ~* 'broke_trust|Ames|Minimal' LIMIT 1`,
        );
        expect(hit).toBeUndefined();
      }
      // A draft written before knows its author as its writer.
      expect(
        await one(`SELECT contributor_ids, last_edited_by_id FROM notes WHERE id = $1`, [draft]),
      ).toEqual({ contributor_ids: [counselor], last_edited_by_id: counselor });

      // And back: the plaintext returns exactly.
      await inTransaction((runner) => migration.down(runner));
      expect(await one(`SELECT label FROM case_members WHERE id = $1`, [kaiMember])).toEqual({
        label: 'broke_trust',
      });
      expect(
        await one(
          `SELECT value, score::text AS score, band->>'label' AS band FROM homework_scores s
                     JOIN measure_results r ON r.homework_id = s.homework_id WHERE s.id = $1`,
          [score],
        ),
      ).toEqual({ value: 3, score: '1.33', band: 'Minimal' });
      expect(await one(`SELECT closing_note FROM cases WHERE id = $1`, [caseId])).toEqual({
        closing_note: 'To Dr. Ames, trauma work',
      });
    } finally {
      await ds.destroy();
      await database.dispose();
    }
  });
});
