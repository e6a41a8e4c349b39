// Load benchmark of the caseload endpoints against the built API and a real PostgreSQL.
//
//   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
//
// Creates a throw-away database on that server, seeds a clinic with many counselors, clients
// and cases, starts the API on it, and drives the hot read paths with autocannon. Fails (exit 1)
// when a target below is missed. Targets are for a 2-core machine.
import { randomUUID } from 'node:crypto';
import { cookieFor, runTargets, withApi, withClient } from './bench-kit.mjs';

const SIZE = { counselors: 40, clients: 4000, cases: 2000 };
const TARGETS = [
  {
    name: 'admin: GET /api/cases (25 per page)',
    path: '/api/cases?pageSize=25',
    as: 'admin',
    p99: 150,
    rps: 150,
  },
  {
    name: 'admin: search cases',
    path: '/api/cases?q=family%201&pageSize=25',
    as: 'admin',
    p99: 200,
    rps: 100,
  },
  {
    name: 'admin: GET /api/caseload/overview',
    path: '/api/caseload/overview',
    as: 'admin',
    p99: 200,
    rps: 100,
  },
  {
    name: 'counselor: GET /api/cases (own caseload)',
    path: '/api/cases',
    as: 'counselor',
    p99: 150,
    rps: 150,
  },
  {
    name: 'client: GET /api/cases (own case)',
    path: '/api/cases',
    as: 'client',
    p99: 150,
    rps: 200,
  },
  { name: 'any: GET /api/auth/me', path: '/api/auth/me', as: 'client', p99: 80, rps: 300 },
];

const ok = await withApi('caseload', async ({ base, dbUrl }) => {
  // Seed in bulk beside the demo clinic: its admin sees every case, Maya gets a heavy caseload.
  const seeded = await withClient(dbUrl, async (c) => {
    const [{ clinic_id: clinicId, id: adminId }] = (
      await c.query(`SELECT clinic_id, id FROM users WHERE email = 'admin@harbor.example'`)
    ).rows;
    const [{ id: mayaId }] = (
      await c.query(`SELECT id FROM users WHERE email = 'maya@harbor.example'`)
    ).rows;
    const [{ password_hash: hash }] = (
      await c.query(`SELECT password_hash FROM users WHERE id = $1`, [adminId])
    ).rows;
    const counselors = [mayaId, ...Array.from({ length: SIZE.counselors - 1 }, () => randomUUID())];
    const clients = Array.from({ length: SIZE.clients }, () => randomUUID());
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO users (id, clinic_id, email, display_name, role, status, password_hash)
       SELECT id, $1, 'bench-' || id || '@bench.example', 'Counselor ' || n, 'counselor', 'active', $2
         FROM unnest($3::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [clinicId, hash, counselors.slice(1)],
    );
    await c.query(
      `INSERT INTO users (id, clinic_id, email, display_name, role, status, password_hash)
       SELECT id, $1, 'bench-' || id || '@bench.example', 'Client ' || n, 'client', 'active', $2
         FROM unnest($3::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [clinicId, hash, clients],
    );
    const caseIds = Array.from({ length: SIZE.cases }, () => randomUUID());
    await c.query(
      `INSERT INTO cases (id, clinic_id, title, type, status, started_on)
       SELECT id, $1, CASE WHEN n % 3 = 0 THEN 'Family ' ELSE 'Couple ' END || n,
              CASE WHEN n % 3 = 0 THEN 'family' ELSE 'couple' END,
              CASE WHEN n % 5 = 0 THEN 'closed' ELSE 'open' END,
              date '2025-01-01' + (n % 600)::int
         FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [clinicId, caseIds],
    );
    await c.query(`UPDATE cases SET outcome = 'ended', closed_at = now() WHERE status = 'closed'`);
    await c.query(
      `INSERT INTO case_members (clinic_id, case_id, user_id)
       SELECT $1, c.id, cl.id FROM unnest($2::uuid[]) WITH ORDINALITY AS c(id, n)
         JOIN unnest($3::uuid[]) WITH ORDINALITY AS cl(id, m) ON cl.m IN (2 * c.n - 1, 2 * c.n)`,
      [clinicId, caseIds, clients],
    );
    await c.query(
      `INSERT INTO case_counselors (clinic_id, case_id, user_id, role)
       SELECT $1, c.id, ($3::uuid[])[1 + (c.n % $4)], 'primary' FROM unnest($2::uuid[]) WITH ORDINALITY AS c(id, n)`,
      [clinicId, caseIds, counselors, counselors.length],
    );
    await c.query('COMMIT');
    await c.query('ANALYZE');
    const [{ email: clientEmail }] = (
      await c.query(`SELECT email FROM users WHERE id = $1`, [clients[0]])
    ).rows;
    return { clientEmail };
  });

  const cookies = {
    admin: await cookieFor(base, 'admin@harbor.example'),
    counselor: await cookieFor(base, 'maya@harbor.example'),
    client: await cookieFor(base, seeded.clientEmail),
  };
  console.log(
    `\nSeeded ${SIZE.cases} cases, ${SIZE.clients} clients, ${SIZE.counselors} counselors. 10 connections per endpoint.\n`,
  );
  return runTargets(base, TARGETS, cookies);
});
process.exit(ok ? 0 : 1);
