import type { CaseDetail, ExercisePage } from '@mend/shared/contracts';
import { Reminders, REMINDER_BATCH } from '@mend/notifications/api';
import { SystemDb } from '@mend/shared/server';
import { bootApp, runClockFrom, TestApp, TestClinic } from '../support/test-app';

/** A weekday noon: due dates below count from this day, in UTC (the members' default zone). */
const NOON = new Date('2027-03-10T12:00:00Z');
const day = (offset: number) =>
  new Date(NOON.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The ten-minute reminder run across every clinic, at a size where doing it in one go breaks:
 * more homework than fits one batch, and more reminders than one INSERT's 65,535 parameters.
 */
describe('reminders at scale', () => {
  let t: TestApp;
  let clinic: TestClinic;

  beforeAll(async () => {
    // No workers: the test calls the run itself, and leaves no mail jobs behind for the next
    // suites' workers to wade through.
    t = await bootApp({ RUN_JOBS: 'false' });
    runClockFrom(t, NOON);
    clinic = await t.createClinic();
    const admin = await t.signIn(clinic.admin);
    const opened = await admin.post<CaseDetail>('/api/cases', {
      title: 'A large caseload',
      type: 'couple',
      startedOn: '2027-01-04',
      memberIds: [clinic.client.id, clinic.partner.id],
      primaryCounselorId: clinic.counselor.id,
    });
    // The counselor's first look at the library writes the clinic's built-in exercises.
    const counselor = await t.signIn(clinic.counselor);
    const library = await counselor.get<ExercisePage>('/api/exercises?pageSize=100');
    const exerciseId = library.body.items[0].id;
    // 700 inactive assignments (the scheduler leaves them alone), each with homework per
    // member due tomorrow and on each of the four days before today: 7,000 reminders.
    await t.dataSource.query(
      `WITH a AS (
         INSERT INTO assignments (clinic_id, case_id, exercise_id, exercise_version_id, assigned_by_id, target, member_ids, recurrence, first_due_on, active)
         SELECT $1, $2, e.id, v.id, $3, 'each', ARRAY[]::uuid[], 'weekly', $5::date, false
           FROM exercises e JOIN exercise_versions v ON v.exercise_id = e.id AND v.version = e.current_version,
                generate_series(1, 700)
          WHERE e.id = $4
         RETURNING id, exercise_version_id)
       INSERT INTO homework (clinic_id, case_id, assignment_id, exercise_version_id, user_id, due_on, status)
       SELECT $1, $2, a.id, a.exercise_version_id, m.user_id, d.due_on, 'not_started'
         FROM a, (SELECT user_id FROM case_members WHERE case_id = $2) m,
              unnest($6::date[]) d(due_on)`,
      [
        clinic.id,
        opened.body.id,
        clinic.counselor.id,
        exerciseId,
        day(-4),
        [day(1), day(-1), day(-2), day(-3), day(-4)],
      ],
    );
  });
  afterAll(async () => {
    // The suites share one database and its outbox: 7,000 pending reminders left here would
    // be swept into mail by a later suite whose clock passes their time.
    await t.dataSource.query(`DELETE FROM notifications WHERE clinic_id = $1`, [clinic.id]);
    await t.dataSource.query(`DELETE FROM mail_deliveries WHERE clinic_id = $1`, [clinic.id]);
    await t.close();
  });

  const reminded = async () =>
    Object.fromEntries(
      (
        await t.dataSource.query(
          `SELECT split_part(dedupe_key, ':', 1) AS kind, count(*)::int AS count FROM notifications
            WHERE clinic_id = $1 AND dedupe_key IS NOT NULL GROUP BY 1`,
          [clinic.id],
        )
      ).map((r: { kind: string; count: number }) => [r.kind, r.count]),
    );

  it('reminds of every piece of homework, a batch at a time, and only once', async () => {
    const reminders = t.app.get(Reminders);
    const runs = jest.spyOn(t.app.get(SystemDb), 'run');
    await reminders.run();
    expect(await reminded()).toEqual({ due: 1_400, overdue: 5_600 });
    // One transaction per batch of the homework scan, never one holding all 7,000 rows.
    const batches = runs.mock.calls.filter(([name]) => name === 'homework reminders').length;
    expect(batches).toBeGreaterThanOrEqual(7_000 / REMINDER_BATCH);
    runs.mockRestore();
    await reminders.run();
    expect(await reminded()).toEqual({ due: 1_400, overdue: 5_600 });
  });
});
