// Load benchmark of the caseload endpoints against the built API and a real PostgreSQL.
//
//   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
//
// Creates a throw-away database on that server, seeds a clinic with many counselors, clients
// and cases, starts the API on it, and drives the hot read paths with autocannon. Fails (exit 1)
// when a target below is missed. Targets are for a 2-core machine.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

const ROOT = join(import.meta.dirname, '../..');
const SERVER = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!SERVER) {
  console.error(
    'Set DATABASE_URL to a PostgreSQL server (the benchmark creates its own database there).',
  );
  process.exit(2);
}
const SIZE = { counselors: 40, clients: 4000, cases: 2000 };
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
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

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const dbName = `mend_bench_${Date.now()}`;
const dbUrl = Object.assign(new URL(SERVER), { pathname: `/${dbName}` }).toString();
await withClient(SERVER, (c) => c.query(`CREATE DATABASE ${dbName}`));

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const api = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], {
  cwd: ROOT,
  env: {
    ...process.env,
    DATABASE_URL: dbUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    NODE_ENV: 'development',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

let failed = false;
try {
  for (let i = 0; ; i += 1) {
    if (i > 240) throw new Error('the API did not start');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }

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

  const cookieFor = async (email) => {
    const reply = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'bench' },
      body: JSON.stringify({ email, password: 'mend-demo-2026' }),
    });
    if (!reply.ok) throw new Error(`sign-in of ${email} failed: ${reply.status}`);
    return reply.headers.get('set-cookie').split(';')[0];
  };
  const cookies = {
    admin: await cookieFor('admin@harbor.example'),
    counselor: await cookieFor('maya@harbor.example'),
    client: await cookieFor(seeded.clientEmail),
  };

  console.log(
    `\nSeeded ${SIZE.cases} cases, ${SIZE.clients} clients, ${SIZE.counselors} counselors. ${DURATION}s per endpoint, 10 connections.\n`,
  );
  for (const target of TARGETS) {
    const result = await autocannon({
      url: `${base}${target.path}`,
      connections: 10,
      duration: DURATION,
      headers: { cookie: cookies[target.as] },
    });
    const ok =
      result.non2xx === 0 &&
      result.errors === 0 &&
      result.latency.p99 <= target.p99 &&
      result.requests.average >= target.rps;
    failed ||= !ok;
    console.log(
      `${ok ? 'PASS' : 'FAIL'}  ${target.name.padEnd(44)} ${String(Math.round(result.requests.average)).padStart(5)} req/s` +
        `  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  (targets: p99 ≤ ${target.p99} ms, ≥ ${target.rps} req/s)` +
        (result.non2xx ? `  non-2xx: ${result.non2xx}` : ''),
    );
  }
} finally {
  api.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  await withClient(SERVER, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
}
process.exit(failed ? 1 : 0);
