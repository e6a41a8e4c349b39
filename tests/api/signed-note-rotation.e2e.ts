import { randomBytes } from 'node:crypto';
import type { CaseDetail, NoteView, SessionView } from '@mend/shared/contracts';
import {
  ClinicDb,
  encryptedColumns,
  encryptionContext,
  FieldEncryptionService,
  KEY_ROTATION_ROLE,
  parseEncryptionKeys,
  rotateEncryptedColumns,
} from '@mend/shared/server';
import { bootApp, TestApp, TestClinic, TEST_ENCRYPTION_KEYS } from '../support/test-app';

const TEXT = 'ROTATION-MARKER the session went well';

/**
 * The one exception to the lock on signed notes and addenda, re-encryption under another key,
 * belongs to the key-rotation command (its own database role), not to any session that sets a
 * setting.
 */
describe('signed notes: only the key-rotation command may re-encrypt them', () => {
  let t: TestApp;
  let clinic: TestClinic;
  let noteId: string;
  let addendumId: string;

  /** A ciphertext moved to another key id, of the same length: what a rotation writes. */
  const underAnotherKey = (value: string) => {
    const [format, , iv, tag, body] = value.split('.');
    return [format, 'test9', iv, tag, body].join('.');
  };
  const stored = async () =>
    (
      await t.dataSource.query(
        `SELECT content_enc, signed_at, signed_by_id, version FROM notes WHERE id = $1`,
        [noteId],
      )
    )[0] as { content_enc: string; signed_at: Date; signed_by_id: string; version: number };

  beforeAll(async () => {
    t = await bootApp();
    clinic = await t.createClinic();
    const admin = await t.signIn(clinic.admin);
    const maya = await t.signIn(clinic.counselor);
    const opened = await admin.post<CaseDetail>('/api/cases', {
      title: 'Rotation couple',
      type: 'couple',
      startedOn: new Date().toISOString().slice(0, 10),
      memberIds: [clinic.client.id, clinic.partner.id],
      primaryCounselorId: clinic.counselor.id,
    });
    const session = await maya.post<SessionView>(`/api/cases/${opened.body.id}/sessions`, {
      startsAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      durationMinutes: 50,
      type: 'couple',
      mode: 'in_person',
      attendeeIds: [clinic.client.id, clinic.partner.id],
    });
    const note = await maya.post<NoteView>(`/api/sessions/${session.body.id}/note`, {
      format: 'soap',
    });
    noteId = note.body.id;
    const sections = { subjective: TEXT, objective: '', assessment: '', plan: '' };
    await maya.put(`/api/notes/${noteId}`, { format: 'soap', sections, version: 1 });
    expect((await maya.post(`/api/notes/${noteId}/sign`, { version: 2 })).status).toBe(200);
    const addendum = await maya.post<{ id: string }>(`/api/notes/${noteId}/addenda`, {
      text: `${TEXT} (addendum)`,
    });
    addendumId = addendum.body.id;
    const signed = await maya.post(`/api/notes/${noteId}/addenda/${addendumId}/sign`, {
      version: 1,
    });
    expect(signed.status).toBe(200);
  });

  afterAll(() => t.close());

  it('as mend_app, setting mend.key_rotation and rewriting a signed note’s text is refused', async () => {
    const before = await stored();
    const caller = { id: clinic.counselor.id, clinicId: clinic.id, role: 'counselor' as const };
    await expect(
      t.app.get(ClinicDb).run(caller, async (tx) => {
        await tx.query(`SELECT set_config('mend.key_rotation', 'on', true)`);
        await tx.query(`UPDATE notes SET content_enc = $1 WHERE id = $2`, [
          underAnotherKey(before.content_enc),
          noteId,
        ]);
      }),
    ).rejects.toThrow(/locked/);
    // Nor does the setting open anything for the tables' owner.
    await expect(
      t.dataSource.transaction(async (tx) => {
        await tx.query(`SELECT set_config('mend.key_rotation', 'on', true)`);
        await tx.query(`UPDATE note_addenda SET text_enc = $1 WHERE id = $2`, [
          'v1.test9.x.y.z',
          addendumId,
        ]);
      }),
    ).rejects.toThrow(/locked/);
    expect(await stored()).toEqual(before);
    // mend_app cannot become the rotation role: it is not one of its members.
    const [{ member }] = await t.dataSource.query(
      `SELECT pg_has_role('mend_app', $1, 'MEMBER') AS member`,
      [KEY_ROTATION_ROLE],
    );
    expect(member).toBe(false);
  });

  it('the rotation role may move the ciphertext to another key, and nothing else', async () => {
    const before = await stored();
    /** As the rotation does it, then rolled back: resolves to the error, or 'changed'. */
    const asRotation = async (sql: string, params: unknown[]) => {
      const runner = t.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(`SET LOCAL ROLE ${KEY_ROTATION_ROLE}`);
        await runner.query(sql, params);
        return 'changed';
      } catch (error) {
        return (error as Error).message;
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    };
    const move = `UPDATE notes SET content_enc = $1 WHERE id = $2`;
    expect(await asRotation(move, [underAnotherKey(before.content_enc), noteId])).toBe('changed');
    expect(await asRotation(move, [`${underAnotherKey(before.content_enc)}AAAA`, noteId])).toMatch(
      /locked/,
    );
    expect(await asRotation(move, [before.content_enc, noteId])).toMatch(/locked/);
    expect(await asRotation(`UPDATE notes SET format = 'dap' WHERE id = $1`, [noteId])).toMatch(
      /permission denied/,
    );
    expect(await asRotation(`SELECT email FROM users LIMIT 1`, [])).toMatch(/permission denied/);
    expect(await stored()).toEqual(before);
  });

  it('the key-rotation command still re-encrypts signed notes and addenda under a new key', async () => {
    const before = await stored();
    const oldKeys = parseEncryptionKeys(TEST_ENCRYPTION_KEYS);
    const after = new FieldEncryptionService([{ id: 'rotated', key: randomBytes(32) }, ...oldKeys]);
    const columns = encryptedColumns().filter((c) => ['notes', 'note_addenda'].includes(c.table));
    expect(columns).toHaveLength(2);
    expect(columns.every((c) => c.lockedWhenSigned)).toBe(true);
    expect(await rotateEncryptedColumns(t.dataSource, after, columns)).toBeGreaterThanOrEqual(2);

    const now = await stored();
    expect(after.keyIdOf(now.content_enc)).toBe('rotated');
    // Still the same signed note: only the ciphertext moved.
    expect({ ...now, content_enc: '' }).toEqual({ ...before, content_enc: '' });
    const sections = JSON.parse(
      after.decrypt(now.content_enc, encryptionContext('notes', 'content_enc', noteId)),
    );
    expect(sections.subjective).toBe(TEXT);
    const [{ text_enc }] = await t.dataSource.query(
      `SELECT text_enc FROM note_addenda WHERE id = $1`,
      [addendumId],
    );
    expect(after.keyIdOf(text_enc)).toBe('rotated');
    expect(after.decrypt(text_enc, encryptionContext('note_addenda', 'text_enc', addendumId))).toBe(
      `${TEXT} (addendum)`,
    );
    expect(await rotateEncryptedColumns(t.dataSource, after, columns)).toBe(0);
  });
});
