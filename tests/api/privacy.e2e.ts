import { APP_ROLE, ClinicDb, DbCaller, SystemDb } from '@mend/shared/server';
import type { CaseDetail } from '@mend/shared/contracts';
import { bootApp, TestApp, TestClinic } from '../support/test-app';

/**
 * Row-level security, checked below the services: statements that forget every `WHERE`, run as
 * the application role for one caller, still see only what the caller may see; and no row can
 * point at another clinic's case or person, whoever writes it.
 */
describe('privacy by construction (row-level security and composite keys)', () => {
  let t: TestApp;
  let db: ClinicDb;
  let system: SystemDb;
  let other: TestClinic;
  let otherCaseId: string;
  const harbor: Record<string, DbCaller> = {};
  let harborCaseId: string;
  let harborClinicId: string;

  /** Every table with a clinic_id, from the catalogue (so a new table is covered at once). */
  const clinicTables = (): Promise<{ table_name: string }[]> =>
    system.query(
      'test',
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'clinic_id'
          AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = 'public')
        ORDER BY table_name`,
    );

  beforeAll(async () => {
    t = await bootApp({ SEED_DEMO: 'true' });
    db = t.app.get(ClinicDb);
    system = t.app.get(SystemDb);
    const people: { id: string; email: string; role: DbCaller['role']; clinic_id: string }[] =
      await system.query(
        'test',
        `SELECT id, email, role, clinic_id FROM users WHERE email LIKE '%@harbor.example'`,
      );
    for (const p of people)
      harbor[p.email.split('@')[0]] = { id: p.id, role: p.role, clinicId: p.clinic_id };
    harborClinicId = harbor['maya'].clinicId;
    [{ id: harborCaseId }] = await system.query<{ id: string }[]>(
      'test',
      `SELECT c.id FROM cases c JOIN case_members m ON m.case_id = c.id WHERE m.user_id = $1`,
      [harbor['sam'].id],
    );
    other = await t.createClinic();
    const admin = await t.signIn(other.admin);
    const opened = await admin.post<CaseDetail>('/api/cases', {
      title: 'Other couple',
      type: 'couple',
      startedOn: '2026-11-01',
      memberIds: [other.client.id, other.partner.id],
      primaryCounselorId: other.counselor.id,
    });
    expect(opened.status).toBe(201);
    otherCaseId = opened.body.id;
  });

  afterAll(() => t.close());

  it('the portal runs every request as the application role, not the owner', async () => {
    const [row] = await db.run(harbor['maya'], (tx) =>
      tx.query(`SELECT current_user AS role, current_setting('mend.clinic_id') AS clinic`),
    );
    expect(row).toEqual({ role: APP_ROLE, clinic: harborClinicId });
  });

  it('an unscoped query as the application role returns no row of another clinic, in every table', async () => {
    const tables = await clinicTables();
    expect(tables.length).toBeGreaterThanOrEqual(17);
    for (const caller of [other.admin, other.counselor, other.client]) {
      for (const { table_name } of tables) {
        const [{ foreign }] = await db.run(caller, (tx) =>
          tx.query(`SELECT count(*)::int AS foreign FROM "${table_name}" WHERE clinic_id <> $1`, [
            caller.clinicId,
          ]),
        );
        expect({ table: table_name, as: caller.role, foreign }).toEqual({
          table: table_name,
          as: caller.role,
          foreign: 0,
        });
      }
    }
    // The demo clinic has rows in the clinical tables, so the zeros above mean something.
    for (const table of ['homework', 'homework_feedback', 'sessions', 'notes', 'note_addenda']) {
      const [{ n }] = await system.query<{ n: number }[]>(
        'test',
        `SELECT count(*)::int AS n FROM "${table}" WHERE clinic_id = $1`,
        [harborClinicId],
      );
      expect({ table, n: n > 0 }).toEqual({ table, n: true });
    }
    const clinics = await db.run(other.admin, (tx) => tx.query(`SELECT id FROM clinics`));
    expect(clinics).toEqual([{ id: other.id }]);
  });

  it('clinical rows follow the case rules, also for an unscoped query', async () => {
    const count = (caller: DbCaller, sql: string, params: unknown[] = []) =>
      db.run(caller, async (tx) => (await tx.query(sql, params))[0].n as number);
    // Admins reach no homework, session or note at all.
    for (const table of ['homework', 'homework_feedback', 'sessions', 'notes', 'note_addenda']) {
      expect({
        table,
        n: await count(harbor['admin'], `SELECT count(*)::int AS n FROM ${table}`),
      }).toEqual({ table, n: 0 });
    }
    // A counselor of the clinic who is not on the case reaches none of its clinical rows.
    for (const table of ['homework', 'assignments', 'sessions', 'notes']) {
      const n = await count(
        harbor['omar'],
        `SELECT count(*)::int AS n FROM ${table} WHERE case_id = $1`,
        [harborCaseId],
      );
      expect({ table, n }).toEqual({ table, n: 0 });
    }
    expect(
      await count(harbor['maya'], `SELECT count(*)::int AS n FROM notes WHERE case_id = $1`, [
        harborCaseId,
      ]),
    ).toBeGreaterThan(0);
    // A partner never reads the other partner's private homework, drafts or scores.
    const sam = harbor['sam'];
    const alex = harbor['alex'];
    expect(
      await count(
        sam,
        `SELECT count(*)::int AS n FROM homework WHERE user_id = $1 AND shared_at IS NULL`,
        [alex.id],
      ),
    ).toBe(0);
    expect(
      await count(sam, `SELECT count(*)::int AS n FROM homework_scores WHERE user_id = $1`, [
        alex.id,
      ]),
    ).toBe(0);
    expect(
      await count(alex, `SELECT count(*)::int AS n FROM homework WHERE user_id = $1`, [alex.id]),
    ).toBeGreaterThan(0);
    // Clients read no session, note or feedback on someone else's homework.
    expect(await count(sam, `SELECT count(*)::int AS n FROM notes`)).toBe(0);
    expect(await count(sam, `SELECT count(*)::int AS n FROM sessions`)).toBe(0);
  });

  it('a row that points at another clinic’s case or person is refused by the database', async () => {
    const expectRefused = async (work: Promise<unknown>, code: string) => {
      await expect(work).rejects.toMatchObject({ driverError: { code } });
    };
    // Even on the system path (no row-level security), the composite keys refuse it.
    await expectRefused(
      system.run('test', (tx) =>
        tx.query(`INSERT INTO case_members (clinic_id, case_id, user_id) VALUES ($1, $2, $3)`, [
          harborClinicId,
          otherCaseId,
          harbor['sam'].id,
        ]),
      ),
      '23503',
    );
    await expectRefused(
      system.run('test', (tx) =>
        tx.query(
          `INSERT INTO sessions (clinic_id, case_id, counselor_id, starts_at, duration_minutes, type, mode, attendee_ids)
           VALUES ($1, $2, $3, now(), 50, 'couple', 'in_person', '{}')`,
          [harborClinicId, otherCaseId, harbor['maya'].id],
        ),
      ),
      '23503',
    );
    // As the application role, a row of another clinic is refused by the policy itself.
    await expectRefused(
      db.run(harbor['maya'], (tx) =>
        tx.query(
          `INSERT INTO sessions (clinic_id, case_id, counselor_id, starts_at, duration_minutes, type, mode, attendee_ids)
           VALUES ($1, $2, $3, now(), 50, 'couple', 'in_person', '{}')`,
          [other.id, otherCaseId, harbor['maya'].id],
        ),
      ),
      '42501',
    );
  });

  it('every table with a clinic_id has row-level security and a policy; others are closed to the application role', async () => {
    const tables = (await clinicTables()).map((r) => r.table_name);
    const secured: { relname: string }[] = await system.query(
      'test',
      `SELECT c.relname FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relrowsecurity
          AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.tablename = c.relname)`,
    );
    const missing = tables.filter((t) => !secured.some((s) => s.relname === t));
    expect(missing).toEqual([]);
    const open: { table_name: string }[] = await system.query(
      'test',
      `SELECT DISTINCT table_name FROM information_schema.role_table_grants
        WHERE grantee = $1 AND table_schema = 'public' AND table_name <> ALL($2::text[])
          AND table_name NOT IN ('clinics', 'homework_case_counts', 'note_unsigned_counts',
                                 'safety_counselor_counts', 'message_counselor_counts')`,
      [APP_ROLE, tables],
    );
    expect(open).toEqual([]);
  });
});
