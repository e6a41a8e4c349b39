// Fills a clinic with homework for load tests: `rows` occurrences spread over many cases,
// members and weeks, in every state. Used by homework.bench.mjs; runnable on its own:
//   DATABASE_URL=… node tests/bench/generate-homework.mjs [rows]   (adds to the demo clinic)
import { randomUUID } from 'node:crypto';
import { withClient } from './bench-kit.mjs';

/** `counselorCount` counselors share the load cases, Maya among them (40 per 10,000 rows: a realistic caseload each). */
export async function generateHomework(dbUrl, rows = 100_000, counselorCount = 40) {
  return withClient(dbUrl, async (c) => {
    const [{ clinic_id: clinicId, id: mayaId, password_hash: hash }] = (
      await c.query(
        `SELECT clinic_id, id, password_hash FROM users WHERE email = 'maya@harbor.example'`,
      )
    ).rows;
    const [exercise] = (
      await c.query(
        `SELECT e.id, v.id AS version_id FROM exercises e JOIN exercise_versions v ON v.exercise_id = e.id AND v.version = e.current_version
          WHERE e.clinic_id = $1 AND e.built_in_key = 'trust_thermometer'`,
        [clinicId],
      )
    ).rows;
    const cases = Math.ceil(rows / 100); // 2 members × 50 weeks per case
    const caseIds = Array.from({ length: cases }, () => randomUUID());
    const clients = Array.from({ length: cases * 2 }, () => randomUUID());
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO users (id, clinic_id, email, display_name, role, status, password_hash)
       SELECT id, $1, 'load-' || id || '@bench.example', 'Client ' || n, 'client', 'active', $2 FROM unnest($3::uuid[]) WITH ORDINALITY t(id, n)`,
      [clinicId, hash, clients],
    );
    await c.query(
      `INSERT INTO cases (id, clinic_id, title, type, status, started_on)
       SELECT id, $1, 'Load case ' || n, 'couple', 'open', current_date - 400 FROM unnest($2::uuid[]) WITH ORDINALITY t(id, n)`,
      [clinicId, caseIds],
    );
    await c.query(
      `INSERT INTO case_members (clinic_id, case_id, user_id)
       SELECT $1, c.id, cl.id FROM unnest($2::uuid[]) WITH ORDINALITY c(id, n)
         JOIN unnest($3::uuid[]) WITH ORDINALITY cl(id, m) ON cl.m IN (2 * c.n - 1, 2 * c.n)`,
      [clinicId, caseIds, clients],
    );
    const counselors = [mayaId, ...Array.from({ length: counselorCount - 1 }, () => randomUUID())];
    await c.query(
      `INSERT INTO users (id, clinic_id, email, display_name, role, status, password_hash)
       SELECT id, $1, 'load-' || id || '@bench.example', 'Counselor ' || n, 'counselor', 'active', $2 FROM unnest($3::uuid[]) WITH ORDINALITY t(id, n)`,
      [clinicId, hash, counselors.slice(1)],
    );
    await c.query(
      `INSERT INTO case_counselors (clinic_id, case_id, user_id, role)
       SELECT $1, c.id, ($3::uuid[])[1 + (c.n % array_length($3::uuid[], 1))], 'primary' FROM unnest($2::uuid[]) WITH ORDINALITY c(id, n)`,
      [clinicId, caseIds, counselors],
    );
    await c.query(
      `INSERT INTO assignments (id, clinic_id, case_id, exercise_id, exercise_version_id, assigned_by_id, target, member_ids, recurrence, first_due_on, active)
       SELECT id, $1, id, $2, $3, $4, 'each', ARRAY[]::uuid[], 'weekly', current_date - 343, false FROM unnest($5::uuid[]) id`,
      [clinicId, exercise.id, exercise.version_id, mayaId, caseIds],
    );
    await c.query(
      `INSERT INTO homework (clinic_id, case_id, assignment_id, exercise_version_id, user_id, due_on, status, submitted_at, reviewed_at)
       SELECT $1, m.case_id, m.case_id, $2, m.user_id, current_date - 7 * w,
              CASE WHEN w = 0 THEN 'not_started' WHEN w = 1 THEN 'draft' WHEN w % 10 = 2 THEN 'submitted' WHEN w % 10 = 3 THEN 'not_started' ELSE 'reviewed' END,
              CASE WHEN w > 1 AND w % 10 NOT IN (3) THEN now() - make_interval(days => 7 * w) END,
              CASE WHEN w > 1 AND w % 10 NOT IN (2, 3) THEN now() - make_interval(days => 7 * w - 1) END
         FROM case_members m CROSS JOIN generate_series(0, 49) w
        WHERE m.case_id = ANY($3)`,
      [clinicId, exercise.version_id, caseIds],
    );
    await c.query('COMMIT');
    await c.query('ANALYZE');
    const [{ count }] = (
      await c.query(`SELECT count(*)::int AS count FROM homework WHERE clinic_id = $1`, [clinicId])
    ).rows;
    const [{ email }] = (await c.query(`SELECT email FROM users WHERE id = $1`, [clients[0]])).rows;
    return { count, clientEmail: email };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Set DATABASE_URL (a database the API has migrated and seeded).');
    process.exit(2);
  }
  const { count } = await generateHomework(url, Number(process.argv[2] ?? 100_000));
  console.log(`The clinic now holds ${count} homework rows.`);
}
