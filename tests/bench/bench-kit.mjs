// Shared by the benchmarks: a throw-away database on DATABASE_URL's server, the built API
// started on it, sign-ins, and autocannon runs checked against their targets.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

const ROOT = join(import.meta.dirname, '../..');

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

/**
 * Starts a Node server (`args` after `node`) on a free port and waits until `healthPath`
 * answers; its pid serves the CPU and memory readings, `stop()` ends it.
 */
export async function startProcess(args, env, healthPath) {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    if (i > 480 || child.exitCode !== null) throw new Error(`${args[0]} did not start`);
    try {
      if ((await fetch(`${base}${healthPath}`)).status < 500) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 800));
      child.kill('SIGKILL');
      children.delete(child);
    },
  };
}

/** The database of the API `withApi` started: where `cookieFor` records the second step. */
let currentDb;

/** Creates a database, starts the built API on it (demo clinic seeded) and runs `work`. */
export async function withApi(name, work) {
  const server = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!server) {
    console.error(
      'Set DATABASE_URL to a PostgreSQL server (the benchmark creates its own database there).',
    );
    process.exit(2);
  }
  const dbName = `mend_bench_${name}_${Date.now()}`;
  const dbUrl = Object.assign(new URL(server), { pathname: `/${dbName}` }).toString();
  await withClient(server, (c) => c.query(`CREATE DATABASE ${dbName}`));
  currentDb = dbUrl;
  const api = await startProcess(
    [join(ROOT, 'dist/apps/api/main.js')],
    { DATABASE_URL: dbUrl, LOG_LEVEL: 'warn', SEED_DEMO: 'true', NODE_ENV: 'development' },
    '/api/health',
  );
  const { base } = api;
  try {
    return await work({ base, dbUrl });
  } finally {
    await api.stop();
    if (!process.env.BENCH_KEEP_DB)
      await withClient(server, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
  }
}

/**
 * Signs in through the API. Staff must give a second step: the bench stands in for it in the
 * database (`dbUrl`, the API's own), as if an authenticator code had just been given.
 */
export async function cookieFor(base, email, dbUrl = currentDb, password = 'mend-demo-2026') {
  const reply = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'bench' },
    body: JSON.stringify({ email, password }),
  });
  if (!reply.ok) throw new Error(`sign-in of ${email} failed: ${reply.status}`);
  const cookie = reply.headers.get('set-cookie').split(';')[0];
  await withClient(dbUrl, (c) =>
    c.query(
      `UPDATE login_sessions SET second_factor_at = '2100-01-01'
        WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [email],
    ),
  );
  return cookie;
}

/** Runs each target for `BENCH_SECONDS`; returns false when one missed its p99 or rate. */
export async function runTargets(base, targets, cookies) {
  const duration = Number(process.env.BENCH_SECONDS ?? 8);
  let ok = true;
  for (const target of targets) {
    const result = await autocannon({
      url: `${base}${target.path}`,
      connections: 10,
      duration,
      headers: { cookie: cookies[target.as] },
    });
    const pass =
      result.non2xx === 0 &&
      result.errors === 0 &&
      result.latency.p99 <= target.p99 &&
      result.requests.average >= target.rps;
    ok &&= pass;
    console.log(
      `${pass ? 'PASS' : 'FAIL'}  ${target.name.padEnd(46)} ${String(Math.round(result.requests.average)).padStart(5)} req/s` +
        `  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  (targets: p99 ≤ ${target.p99} ms, ≥ ${target.rps} req/s)` +
        (result.non2xx ? `  non-2xx: ${result.non2xx}` : ''),
    );
  }
  return ok;
}
