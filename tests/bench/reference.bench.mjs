// Mend against the physical limit: the same SQL behind a bare Fastify + pg server.
//
//   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:reference
//
// 1. Seeds a clinic at 1× (1,000 clients, 500 cases, 10,000 homework, 40 counselors) and at 10×
//    in two throw-away databases, and starts the built API on each.
// 2. Captures, on the wire (pg-capture.mjs), the statements Mend sends for one request of each hot
//    endpoint, and starts the reference server (reference/server.mjs) with them. Both answers
//    must be the same bytes (body and headers).
// 3. Runs autocannon (-c 50) against Mend and the reference, interleaved, BENCH_ROUNDS times
//    (default 3) after an unrecorded warm-up of each, and compares medians: req/s, p99 and
//    server CPU per request (/proc/<pid>/stat). Each read run follows three unrecorded seconds
//    of the same load (BENCH_PRIME_SECONDS): after a pause any server's p99 takes two to settle.
// 4. At 10×: the same reads again (req/s and p99 within 20% of 1×), EXPLAIN of every captured
//    statement (no sequential scan of a table over 1,000 rows) and statements per request at two
//    page sizes (constant).
// 5. A sign-in burst beside other traffic, and the API's peak RSS under load.
// Exits 1 when a target is missed, and always with BENCH_ONLY (a few endpoints, by parts of
// their names, comma-separated, to look closer at one). Figures are for this 2-core machine.
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cookieFor, startProcess, withClient } from './bench-kit.mjs';
import { generateHomework } from './generate-homework.mjs';
import { startCapture } from './pg-capture.mjs';

const ROOT = join(import.meta.dirname, '../..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 2);
/** An unrecorded run just before each recorded read run, on the same server and endpoint. */
const PRIME_SECONDS = Number(process.env.BENCH_PRIME_SECONDS ?? 3);
const CONNECTIONS = 50;
const TARGET = { read: 0.75, readCpu: 1.35, write: 0.6, scale: 0.8, burst: 0.7, rssMb: 220 };
const SCALE_1X = { homework: 10_000, cases: 500, clients: 1_000, counselors: 40 };
const TICK_MS = 10; // USER_HZ on Linux
const DEMO_CASE = 'Sam & Alex Rivera';

const server = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!server) {
  console.error(
    'Set DATABASE_URL to a PostgreSQL server (the benchmark creates its databases there).',
  );
  process.exit(2);
}

function databaseUrl(name) {
  return Object.assign(new URL(server), { pathname: `/${name}` }).toString();
}

/** How `npm start` runs the API: its environment settings and Node's flags. */
const START = /((?:[A-Z_]+=\S+ )*)node ((?:--\S+ )*)dist\/apps\/api\/main\.js/.exec(
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start,
);
/** Node's flags as `npm start` gives them (BENCH_NODE_FLAGS replaces them, for comparisons). */
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? START?.[2] ?? '').split(' ').filter(Boolean);
/** The environment settings `npm start` puts before `node` (such as malloc's). */
const START_ENV = Object.fromEntries(
  (START?.[1] ?? '')
    .split(' ')
    .filter(Boolean)
    .map((setting) => setting.split('=')),
);

const startMend = (dbUrl) =>
  startProcess(
    [...NODE_FLAGS, join(ROOT, 'dist/apps/api/main.js')],
    {
      ...START_ENV,
      DATABASE_URL: dbUrl,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      NODE_ENV: 'production',
      COOKIE_SECURE: 'false',
      // Requests only, as an instance beside a job worker runs: the job queue's work (mail after
      // a submit, reminders) is not a request's, the reference does none of it, and it would
      // spill into whichever run comes next.
      RUN_JOBS: 'false',
      PUBLIC_URL: 'http://127.0.0.1',
      ENCRYPTION_KEYS: `bench:${Buffer.alloc(32, 7).toString('base64')}`,
      AUDIT_KEYS: `bench:${Buffer.alloc(32, 9).toString('base64')}`,
    },
    '/api/health',
  );

/** utime + stime of a process, in milliseconds. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}
/** Read and write system calls of a process so far (/proc/<pid>/io). */
function ioCalls(pid) {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  return Number(/syscr: (\d+)/.exec(io)[1]) + Number(/syscw: (\d+)/.exec(io)[1]);
}
const rssMb = (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

// ---------------------------------------------------------------------------------------- data

/** Fills a fresh database: the demo clinic, `scale` × SCALE_1X load, sessions for the bench. */
async function seed(dbUrl, scale) {
  // A clinic ten times the size has ten times the counselors: a counselor's caseload is bounded
  // by their week, so the 10× clinic tests what the clinic's size costs a request.
  const { clientEmail } = await generateHomework(
    dbUrl,
    SCALE_1X.homework * scale,
    SCALE_1X.counselors * scale,
  );
  await withClient(dbUrl, async (c) => {
    // Cases and clients without homework up to the scale's totals, shared by the counselors.
    const [{ clinic_id: clinicId, password_hash: hash }] = (
      await c.query(
        `SELECT clinic_id, password_hash FROM users WHERE email = 'maya@harbor.example'`,
      )
    ).rows;
    const [{ cases, clients }] = (
      await c.query(
        `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM users WHERE role = 'client')::int AS clients`,
      )
    ).rows;
    const moreCases = Math.max(0, SCALE_1X.cases * scale - cases);
    const moreClients = Math.max(2 * moreCases, SCALE_1X.clients * scale - clients);
    const caseIds = Array.from({ length: moreCases }, () => randomUUID());
    const clientIds = Array.from({ length: moreClients }, () => randomUUID());
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO users (id, clinic_id, email, display_name, role, status, password_hash)
       SELECT id, $1, 'fill-' || id || '@bench.example', 'Client ' || n, 'client', 'active', $2 FROM unnest($3::uuid[]) WITH ORDINALITY t(id, n)`,
      [clinicId, hash, clientIds],
    );
    await c.query(
      `INSERT INTO cases (id, clinic_id, title, type, status, started_on)
       SELECT id, $1, 'Fill case ' || n, 'couple', CASE WHEN n % 5 = 0 THEN 'closed' ELSE 'open' END, current_date - (n % 400)::int
         FROM unnest($2::uuid[]) WITH ORDINALITY t(id, n)`,
      [clinicId, caseIds],
    );
    await c.query(
      `UPDATE cases SET outcome = 'ended', closed_at = now() WHERE status = 'closed' AND closed_at IS NULL`,
    );
    await c.query(
      `INSERT INTO case_members (clinic_id, case_id, user_id)
       SELECT $1, c.id, cl.id FROM unnest($2::uuid[]) WITH ORDINALITY c(id, n)
         JOIN unnest($3::uuid[]) WITH ORDINALITY cl(id, m) ON cl.m IN (2 * c.n - 1, 2 * c.n)`,
      [clinicId, caseIds, clientIds],
    );
    await c.query(
      `INSERT INTO case_counselors (clinic_id, case_id, user_id, role)
       SELECT $1, c.id, k.ids[1 + (c.n % array_length(k.ids, 1))], 'primary'
         FROM unnest($2::uuid[]) WITH ORDINALITY c(id, n),
              (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE role = 'counselor') k`,
      [clinicId, caseIds],
    );
    await c.query('COMMIT');
    // As autovacuum leaves a table after a bulk load (this machine's PostgreSQL runs without it):
    // the visibility map set, so index-only scans are planned at both scales alike.
    await c.query('VACUUM ANALYZE');
  });
  return { clientEmail };
}

// ------------------------------------------------------------------------------------- capture

/**
 * Asked as autocannon asks under load: without Accept-Encoding, so Mend's answer is not
 * compressed and the reference can send its headers as they are.
 */
const get = (base, path, cookie) =>
  fetch(`${base}${path}`, { headers: { cookie, 'accept-encoding': 'identity' } });

/**
 * Background work (the job queue) shares the wire, and a session's activity is written at most
 * once a minute: only the request's own statements count.
 */
const requestStatements = (statements) =>
  statements.filter(
    (s) => !/pgboss/.test(s.text) && !/^UPDATE login_sessions SET last_seen_at/.test(s.text),
  );

async function captureOne(capture, base, endpoint, cookie) {
  // A read is asked once before it is recorded: what its first asking does once (homework come
  // due written down, caches filled) would otherwise land in one capture and not in another.
  if ((endpoint.method ?? 'GET') === 'GET') await (await request(base, endpoint, cookie)).text();
  await new Promise((r) => setTimeout(r, 100));
  capture.take();
  const reply = await request(base, endpoint, cookie);
  const body = await reply.text();
  if (!reply.ok) throw new Error(`${endpoint.name}: ${reply.status} ${body}`);
  return {
    status: reply.status,
    headers: answerHeaders(reply.headers),
    body,
    statements: requestStatements(capture.take()),
  };
}

/**
 * The headers of Mend's answer that the reference sends too (its security headers, its cache
 * rule): the same answer is the same bytes on the wire, not only the same body. What the HTTP
 * server sets per connection or per answer (date, length, keep-alive) each sets itself.
 */
function answerHeaders(headers) {
  const own = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);
  return Object.fromEntries([...headers].filter(([name]) => !own.has(name)));
}

function request(base, endpoint, cookie, override = {}) {
  return fetch(`${base}${override.path ?? endpoint.path}`, {
    method: endpoint.method ?? 'GET',
    headers: {
      cookie,
      'content-type': 'application/json',
      'x-requested-with': 'bench',
      'accept-encoding': 'identity',
    },
    body: endpoint.body ? JSON.stringify(override.body ?? endpoint.body) : undefined,
  });
}

// ----------------------------------------------------------------------------------- endpoints

/** The hot paths. `url` is the route as the reference registers it. */
function endpoints(ids) {
  return [
    {
      name: 'GET /api/auth/me',
      path: '/api/auth/me',
      url: '/api/auth/me',
      as: 'client',
      kind: 'read',
    },
    {
      name: 'counselor: review inbox',
      path: '/api/homework/inbox?pageSize=25',
      url: '/api/homework/inbox',
      as: 'counselor',
      kind: 'read',
      paged: true,
    },
    {
      name: 'client: my homework',
      path: '/api/homework/mine?pageSize=25',
      url: '/api/homework/mine',
      as: 'client',
      kind: 'read',
      paged: true,
    },
    {
      name: 'counselor: case list',
      path: '/api/cases?pageSize=25',
      url: '/api/cases',
      as: 'counselor',
      kind: 'read',
      paged: true,
    },
    {
      name: 'counselor: case page',
      path: `/api/cases/${ids.caseId}`,
      url: '/api/cases/:id',
      as: 'counselor',
      kind: 'read',
    },
    {
      name: 'counselor: case progress',
      path: `/api/cases/${ids.caseId}/progress`,
      url: '/api/cases/:id/progress',
      as: 'counselor',
      kind: 'read',
    },
    {
      name: 'client: my progress',
      path: '/api/progress/mine',
      url: '/api/progress/mine',
      as: 'client',
      kind: 'read',
    },
    {
      name: 'client: draft autosave (PUT …/draft)',
      url: '/api/homework/:id/draft',
      method: 'PUT',
      as: 'writer',
      kind: 'write',
    },
    {
      name: 'client: submit homework (POST …/submit)',
      url: '/api/homework/:id/submit',
      method: 'POST',
      as: 'submitter',
      kind: 'write',
    },
    {
      name: 'counselor: note autosave (PUT …/notes/:id)',
      url: '/api/notes/:id',
      method: 'PUT',
      as: 'noteWriter',
      kind: 'write',
    },
  ];
}

/**
 * Each request saves a draft no other request is saving at that moment, naming the version it
 * read (autocannon keeps no state per connection, so drafts are lent out and given back; a
 * submitted one, `consumed`, is not given back). `save(slot)` is the request's path and body.
 */
function saveLoad(slots, { save, method, consumed }) {
  const free = [...slots].reverse();
  return {
    requests: [
      {
        setupRequest: (req, context) => {
          const slot = free.pop() ?? slots[Math.floor(Math.random() * slots.length)];
          context.slot = slot;
          slot.n += 1;
          const { path, body } = save(slot);
          return {
            ...req,
            method,
            path,
            headers: {
              cookie: slot.cookie,
              'content-type': 'application/json',
              'x-requested-with': 'bench',
            },
            body: JSON.stringify(body),
          };
        },
        onResponse: (status, payload, context) => {
          if (status === 200) context.slot.version = JSON.parse(payload).version;
          if (!(consumed && status === 200)) free.push(context.slot);
        },
      },
    ],
  };
}

async function load(base, endpoint, cookies, writeLoad, seconds = SECONDS) {
  const options = {
    url: `${base}${endpoint.path ?? ''}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { cookie: cookies[endpoint.as] },
    ...(endpoint.kind === 'write' ? writeLoad() : {}),
  };
  const result = await autocannon(options);
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    total: result.requests.total,
    bad: result.non2xx + result.errors,
    statuses: JSON.stringify(result.statusCodeStats ?? {}),
  };
}

/** One measured run: load, and the server's CPU time per request over it. */
async function measure(target, endpoint, cookies, writeLoad) {
  const [before, callsBefore] = [cpuMs(target.pid), ioCalls(target.pid)];
  const result = await load(target.base, endpoint, cookies, writeLoad);
  const n = Math.max(1, result.total);
  return {
    ...result,
    cpu: (cpuMs(target.pid) - before) / n,
    calls: (ioCalls(target.pid) - callsBefore) / n,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ----------------------------------------------------------------------------- plans and counts

/** Sequential scans of tables over 1,000 rows in a plan (EXPLAIN's JSON), as table names. */
function seqScans(plan, sizes, found = []) {
  if (plan['Node Type'] === 'Seq Scan' && (sizes.get(plan['Relation Name']) ?? 0) > 1000)
    found.push(plan['Relation Name']);
  for (const child of plan.Plans ?? []) seqScans(child, sizes, found);
  return found;
}

/**
 * EXPLAINs every statement a request sent, as it ran: in a transaction opened the way Mend
 * opened it (so the row-level security policies are planned in), with the plan PostgreSQL
 * chooses for these values and the generic plan a prepared statement may settle on.
 */
async function explainAll(dbUrl, statements) {
  return withClient(dbUrl, async (c) => {
    const sizes = new Map(
      (
        await c.query(`SELECT relname, reltuples::bigint AS n FROM pg_class WHERE relkind = 'r'`)
      ).rows.map((r) => [r.relname, Number(r.n)]),
    );
    const opening = statements.find((s) => s.text.startsWith('BEGIN'));
    const problems = [];
    for (const statement of statements) {
      if (!/^\s*(SELECT|WITH|UPDATE|INSERT|DELETE)/i.test(statement.text)) continue;
      for (const mode of ['force_custom_plan', 'force_generic_plan']) {
        const inTransaction =
          statements.indexOf(statement) > statements.indexOf(opening) && opening;
        await c.query(inTransaction ? opening.text : 'BEGIN');
        try {
          await c.query(`SET LOCAL plan_cache_mode = ${mode}`);
          await c.query(`PREPARE bench_plan AS ${statement.text}`);
          const args = statement.values.map((v) => (v === null ? 'NULL' : c.escapeLiteral(v)));
          const { rows } = await c.query(
            `EXPLAIN (FORMAT JSON) EXECUTE bench_plan${args.length ? `(${args.join(', ')})` : ''}`,
          );
          for (const table of seqScans(rows[0]['QUERY PLAN'][0].Plan, sizes))
            problems.push(
              `${mode.replace('force_', '').replace('_plan', '')} plan scans ${table}: ${statement.text.replace(/\s+/g, ' ').slice(0, 90)}…`,
            );
        } finally {
          await c.query('ROLLBACK');
          await c.query('DEALLOCATE ALL');
        }
      }
    }
    return problems;
  });
}

// ------------------------------------------------------------------------------------------ run

async function database(scale) {
  const name = `mend_bench_ref_${scale}x_${Date.now()}`;
  await withClient(server, (c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: databaseUrl(name) };
}

/** A Mend instance behind the capture proxy, for one request of each endpoint, then stopped. */
async function captureAll(dbUrl, list, cookies, extra = []) {
  const capture = await startCapture(dbUrl);
  const mend = await startMend(capture.url);
  try {
    const out = new Map();
    for (const endpoint of [...list, ...extra])
      out.set(endpoint.name, await captureOne(capture, mend.base, endpoint, cookies[endpoint.as]));
    return out;
  } finally {
    await mend.stop();
    await capture.close();
  }
}

const databases = [];
/** Servers started for the whole run: stopped before their databases are dropped, pass or fail. */
const servers = [];
let failed = false;
const check = (ok, line) => {
  failed ||= !ok;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${line}`);
};

try {
  // 1× and 10×: each database migrated and seeded by its own Mend, then filled.
  const one = await database(1);
  const ten = await database(10);
  databases.push(one, ten);
  const mend = await startMend(one.url);
  const mend10 = await startMend(ten.url);
  servers.push(mend, mend10);
  console.log('Seeding 1× and 10× data…');
  const seeded = await seed(one.url, 1);
  const seeded10 = await seed(ten.url, 10);

  const cookiesAt = async (base, dbUrl, clientEmail) => ({
    client: await cookieFor(base, clientEmail, dbUrl),
    counselor: await cookieFor(base, 'maya@harbor.example', dbUrl),
  });
  const cookies = await cookiesAt(mend.base, one.url, seeded.clientEmail);
  const cookies10 = await cookiesAt(mend10.base, ten.url, seeded10.clientEmail);
  // The demo's couple case at both scales (the same homework, sessions and notes): the first
  // case of a list is a different case at each scale.
  const caseOf = async (base, cookie) =>
    (await (await get(base, `/api/cases?q=${encodeURIComponent(DEMO_CASE)}`, cookie)).json())
      .items[0].id;
  const list = endpoints({ caseId: await caseOf(mend.base, cookies.counselor) });
  const list10 = endpoints({ caseId: await caseOf(mend10.base, cookies10.counselor) });

  // Writers, each with drafts of their own at a distinctive version (so the reference can tell
  // the captured version among the captured values): one to capture, CONNECTIONS for Mend and
  // as many for the reference (its text is sealed with its own key, which Mend could not read).
  const DRAFTS = 2 * CONNECTIONS + 1;
  const VERSION = 7001;
  /**
   * The drafts of a write endpoint split between Mend, the reference and the capture (the last);
   * `sealed` is the field of the body the save encrypts. A submit uses its draft up
   * (`consumed`): before each run its homework are made drafts at the starting version, and
   * after it (`restore`) put back as they were, with what the submits wrote removed.
   */
  const drafts = (e, { table, sealed, consumed = false, restore }, all, save) => {
    const capture = all.at(-1);
    const half = (all.length - 1) / 2;
    const mendSlots = all.slice(0, half);
    const reference = all.slice(half, -1);
    e.path = save(capture).path;
    e.body = save({ ...capture, n: 1 }).body;
    cookies[e.as] = capture.cookie;
    return {
      table,
      sealed,
      save,
      method: e.method,
      consumed,
      restore: restore ?? (async () => undefined),
      capture,
      mend: mendSlots,
      reference,
      // A run that ends cuts off the saves in flight: they landed, but their new version never
      // came back. Each write run starts from the versions the drafts have now, or it would
      // measure 409s.
      sync: () =>
        withClient(one.url, async (c) => {
          const slots = [...mendSlots, ...reference];
          if (consumed) {
            await c.query(
              `UPDATE ${table} SET status = 'draft', submitted_at = NULL, reviewed_at = NULL, version = $2 WHERE id = ANY($1)`,
              [slots.map((slot) => slot.id), VERSION],
            );
            for (const slot of slots) slot.version = VERSION;
            return;
          }
          const { rows } = await c.query(`SELECT id, version FROM ${table} WHERE id = ANY($1)`, [
            slots.map((slot) => slot.id),
          ]);
          const now = new Map(rows.map((r) => [r.id, r.version]));
          for (const slot of slots) slot.version = now.get(slot.id) ?? slot.version;
        }),
    };
  };
  const [homeworkSave, submit, noteSave] = list.filter((e) => e.kind === 'write');
  const signedIn = new Map();
  const cookieOf = async (email) => {
    if (!signedIn.has(email)) signedIn.set(email, await cookieFor(mend.base, email, one.url));
    return signedIn.get(email);
  };

  // Homework: clients of the load cases, each with one draft.
  const writers = await withClient(one.url, (c) =>
    c.query(
      `SELECT DISTINCT ON (u.id) u.email, h.id, h.user_id, h.case_id FROM homework h JOIN users u ON u.id = h.user_id
        WHERE u.email LIKE 'load-%' AND u.role = 'client' AND h.status IN ('not_started', 'draft')
        ORDER BY u.id, h.due_on DESC LIMIT $1`,
      [DRAFTS],
    ),
  ).then((r) => r.rows);
  await withClient(one.url, (c) =>
    c.query(`UPDATE homework SET version = $2, status = 'draft' WHERE id = ANY($1)`, [
      writers.map((w) => w.id),
      VERSION,
    ]),
  );
  /** A client's homework as a draft to save, signed in as its client. */
  const homeworkSlots = async (rows) => {
    const slots = [];
    for (const h of rows)
      slots.push({
        id: h.id,
        userId: h.user_id,
        caseId: h.case_id,
        counselorId: h.counselor_id,
        cookie: await cookieOf(h.email),
        version: VERSION,
        n: 0,
      });
    return slots;
  };
  const draftSlots = await homeworkSlots(writers);
  // The form of the draft that is captured (the last).
  const form = draftSlots.at(-1);
  const detail = await (await get(mend.base, `/api/homework/${form.id}`, form.cookie)).json();
  const fields = detail.fields ?? detail.exercise?.fields ?? [];
  if (process.env.BENCH_VERBOSE) console.log('form:', JSON.stringify(fields));
  const scale = fields.find((f) => f.type === 'scale');
  const text = fields.find((f) => f.type === 'text' || f.type === 'long_text');
  const field = scale
    ? { key: scale.key, value: (n) => n % 11 }
    : { key: text.key, value: (n) => `Autosaved draft number ${n}` };
  homeworkSave.saves = drafts(
    homeworkSave,
    { table: 'homework', sealed: 'answers' },
    draftSlots,
    (slot) => ({
      path: `/api/homework/${slot.id}/draft`,
      body: { answers: { [field.key]: field.value(slot.n) }, version: slot.version },
    }),
  );

  // Submits: every load homework (all of one weekly check-in) that no read above shows and no
  // autosave uses — not the measured client's, not in the counselor's cases — each a draft at
  // VERSION; the same number for Mend and the reference, a submit using one up. Every field is
  // answered, none at a level that raises a safety alert.
  const handIns = await withClient(one.url, async (c) => {
    const { rows } = await c.query(
      `SELECT h.id, h.user_id, h.case_id, u.email, h.status, h.version, h.submitted_at, h.reviewed_at,
              (SELECT k.user_id FROM case_counselors k WHERE k.case_id = h.case_id LIMIT 1) AS counselor_id
         FROM homework h
         JOIN users u ON u.id = h.user_id AND u.email LIKE 'load-%' AND u.email <> $2
        WHERE h.id <> ALL($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM case_counselors k JOIN users m ON m.id = k.user_id
                           WHERE k.case_id = h.case_id AND m.email = 'maya@harbor.example')
        ORDER BY h.id`,
      [writers.map((w) => w.id), seeded.clientEmail],
    );
    const usable = rows.slice(0, 2 * Math.floor((rows.length - 1) / 2) + 1);
    // Where they are kept as they were, to be put back after each run.
    await c.query(
      `CREATE TABLE bench_hand_ins AS SELECT id, status, version, submitted_at, reviewed_at, answers_enc
         FROM homework WHERE id = ANY($1)`,
      [usable.map((r) => r.id)],
    );
    await c.query(
      `UPDATE homework SET status = 'draft', submitted_at = NULL, reviewed_at = NULL, version = $2 WHERE id = ANY($1)`,
      [usable.map((r) => r.id), VERSION],
    );
    return usable;
  });
  const submitSlots = await homeworkSlots(handIns);
  const handedIn = (n) =>
    Object.fromEntries(
      fields.map((f) => [
        f.key,
        f.type === 'scale' ? (f.critical ? 5 + (n % 6) : n % 11) : `Handed in, take ${n}`,
      ]),
    );
  // The reads are measured on the data as seeded: a run's submits (thousands of homework handed
  // in, their scores and the counselors' notices) are undone after it, and the tables analysed.
  const restoreHandIns = async () => {
    await withClient(one.url, async (c) => {
      await c.query(
        `UPDATE homework h SET status = o.status, version = o.version, submitted_at = o.submitted_at,
                reviewed_at = o.reviewed_at, answers_enc = o.answers_enc
           FROM bench_hand_ins o WHERE o.id = h.id`,
      );
      await c.query(
        `DELETE FROM homework_scores WHERE homework_id IN (SELECT id FROM bench_hand_ins)`,
      );
      await c.query(
        `DELETE FROM measure_results WHERE homework_id IN (SELECT id FROM bench_hand_ins)`,
      );
      await c.query(
        `DELETE FROM notifications WHERE kind = 'homework_submitted'
            AND link IN (SELECT '/review/' || id FROM bench_hand_ins)`,
      );
      await c.query('VACUUM ANALYZE homework, homework_scores, measure_results, notifications');
    });
  };
  submit.saves = drafts(
    submit,
    { table: 'homework', sealed: 'answers', consumed: true, restore: restoreHandIns },
    submitSlots,
    (slot) => ({
      path: `/api/homework/${slot.id}/submit`,
      body: { answers: handedIn(slot.n), version: slot.version },
    }),
  );

  // Notes: the counselor's own drafts, one for each past session recorded here on her open
  // couple cases.
  const sessions = await withClient(one.url, (c) =>
    c.query(
      `WITH picked AS (
         SELECT k.clinic_id, k.case_id, k.user_id, row_number() OVER (ORDER BY x.n, k.case_id) AS r
           FROM case_counselors k JOIN cases c ON c.id = k.case_id AND c.status = 'open' AND c.type = 'couple'
           JOIN users u ON u.id = k.user_id AND u.email = 'maya@harbor.example'
          CROSS JOIN generate_series(1, $1::int) x(n)
          ORDER BY x.n, k.case_id LIMIT $1::int)
       INSERT INTO sessions (clinic_id, case_id, counselor_id, starts_at, duration_minutes, type, mode, attendee_ids)
       SELECT clinic_id, case_id, user_id, date_trunc('hour', now()) - make_interval(hours => 2 * r::int), 50,
              'couple', 'in_person', (SELECT array_agg(user_id ORDER BY user_id) FROM case_members m WHERE m.case_id = picked.case_id)
         FROM picked
       RETURNING id, case_id, counselor_id`,
      [DRAFTS],
    ),
  ).then((r) => r.rows);
  const noteSlots = [];
  for (const session of sessions) {
    const started = await request(mend.base, { method: 'POST', body: {} }, cookies.counselor, {
      path: `/api/sessions/${session.id}/note`,
      body: { format: 'soap' },
    });
    if (started.status !== 201) throw new Error(`note not started: ${started.status}`);
    noteSlots.push({
      id: (await started.json()).id,
      userId: session.counselor_id,
      caseId: session.case_id,
      cookie: cookies.counselor,
      version: VERSION,
      n: 0,
    });
  }
  await withClient(one.url, (c) =>
    c.query(`UPDATE notes SET version = $2 WHERE id = ANY($1)`, [
      noteSlots.map((slot) => slot.id),
      VERSION,
    ]),
  );
  noteSave.saves = drafts(noteSave, { table: 'notes', sealed: 'sections' }, noteSlots, (slot) => ({
    path: `/api/notes/${slot.id}`,
    body: {
      format: 'soap',
      sections: { subjective: `Autosaved note number ${slot.n}` },
      version: slot.version,
    },
  }));

  // 2. Capture Mend's statements and answers; start the reference with them.
  const captured = await captureAll(one.url, list, cookies);
  const routes = list.map((e) => {
    const c = captured.get(e.name);
    const tokenHash = c.statements[0].values[0];
    const route = {
      method: e.method ?? 'GET',
      url: e.url,
      status: c.status,
      headers: c.headers,
      body: c.body,
      tokenHash,
      statements: c.statements,
    };
    if (e.kind === 'write') {
      const ciphertexts = c.statements
        .flatMap((s) => s.values)
        .filter((v) => typeof v === 'string' && v.startsWith('v1.'));
      // Each draft is another's, in another case: the captured caller and case (spliced into
      // the transaction's settings, or bound) become the draft's own, as they do in Mend.
      const { capture, reference: referenceSlots } = e.saves;
      route.substitute = {
        version: VERSION,
        id: capture.id,
        userId: capture.userId,
        caseId: capture.caseId,
        counselorId: capture.counselorId,
        drafts: Object.fromEntries(
          referenceSlots.map((slot) => [
            slot.id,
            { userId: slot.userId, caseId: slot.caseId, counselorId: slot.counselorId },
          ]),
        ),
        // The ids of the rows it inserted (the audit chain's excepted: it links its own).
        fresh: c.statements
          .filter((st) => /^\s*INSERT INTO (?!audit_events)\w+ \(id,/.test(st.text))
          .map((st) => st.values[0]),
        sealed: e.saves.sealed,
        ciphertexts,
        answer: { version: 'version+1', savedAt: 'now', submittedAt: 'now' },
      };
    }
    return route;
  });
  if (process.env.BENCH_VERBOSE)
    for (const [name, c] of captured) {
      console.log(`\n${name}:`);
      for (const st of c.statements)
        console.log(`    ${st.text.replace(/\s+/g, ' ').slice(0, 160)}`);
    }
  const scriptFile = join(tmpdir(), `mend-reference-${process.pid}.json`);
  writeFileSync(scriptFile, JSON.stringify({ databaseUrl: one.url, poolSize: 10, routes }));
  // The reference runs with Mend's Node flags and malloc setting: the ratios compare the work
  // each does per request, not how each process is tuned.
  const reference = await startProcess(
    [...NODE_FLAGS, join(import.meta.dirname, 'reference/server.mjs'), scriptFile],
    START_ENV,
    '/api/auth/me',
  );
  servers.push(reference);

  console.log('\nThe same answers from both (reads), the same statements on the wire:');
  for (const e of list.filter((x) => x.kind === 'read')) {
    const [a, b] = await Promise.all([
      get(mend.base, e.path, cookies[e.as]),
      get(reference.base, e.path, cookies[e.as]),
    ]);
    const [ta, tb] = [await a.text(), await b.text()];
    const same =
      ta === tb &&
      JSON.stringify(answerHeaders(a.headers)) === JSON.stringify(answerHeaders(b.headers));
    check(
      a.status === 200 && same,
      `${e.name}: ${captured.get(e.name).statements.length} statements, ${ta.length} bytes${same ? '' : ' — ANSWERS DIFFER'}`,
    );
  }

  // A write is compared by what it does: the reference's save must land as Mend's does (the
  // draft's version moves on), or it would be measured doing less than Mend.
  for (const e of [homeworkSave, submit, noteSave])
    for (const [who, target, slot] of [
      ['Mend', mend, e.saves.mend[0]],
      ['the reference', reference, e.saves.reference[0]],
    ]) {
      const answer = await request(target.base, e, slot.cookie, e.saves.save(slot));
      const version = await withClient(one.url, (c) =>
        c.query(`SELECT version FROM ${e.saves.table} WHERE id = $1`, [slot.id]),
      ).then((r) => r.rows[0].version);
      check(
        answer.status === 200 && version === slot.version + 1,
        `${e.name}: ${who}'s save lands (${answer.status}, version ${slot.version} → ${version})`,
      );
    }

  await submit.saves.restore();
  // Writes PostgreSQL's dirty pages out now (cluster-wide), so no timed run shares the machine
  // with their background flush: after seeding here, and after each write run below.
  const checkpoint = () => withClient(one.url, (c) => c.query('CHECKPOINT'));
  await checkpoint();

  // BENCH_ONLY (parts of endpoint names, comma-separated) measures a few endpoints, to look closer.
  const only = process.env.BENCH_ONLY?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const measured = only ? list.filter((e) => only.some((s) => e.name.includes(s))) : list;
  if (measured.length === 0)
    throw new Error(`BENCH_ONLY matches no endpoint: ${list.map((e) => e.name).join('; ')}`);
  // A partial run looks closer at a few endpoints; it never stands for the bench as a whole.
  if (only) check(false, `BENCH_ONLY: ${measured.length} of ${list.length} endpoints measured`);

  // 3. Interleaved runs; Mend's RSS sampled throughout.
  // Where the peak happened (which process, under which endpoint) says where to look.
  let peakRss = 0;
  let peakAt = '';
  let labelledAt = 0;
  let running = '';
  const sampler = setInterval(() => {
    for (const [label, m] of [
      ['1×', mend],
      ['10×', mend10],
    ]) {
      // Named by the load under which it grew (an idle process keeps its high-water mark).
      const mb = rssMb(m.pid);
      if (mb > labelledAt + 2)
        [labelledAt, peakAt] = [mb, `the ${label} process, during ${running}`];
      peakRss = Math.max(peakRss, mb);
    }
  }, 250);
  const runs = new Map(measured.map((e) => [e.name, { mend: [], reference: [], mend10: [] }]));
  /**
   * What a run of endpoint `e` on server `who` needs, with a write's drafts synced to their
   * versions first; null where `who` does not run `e` (the 10× process runs the reads only).
   */
  const runOf = async (who, e) => {
    if (who === 'mend10' && e.kind !== 'read') return null;
    if (e.kind === 'write') await e.saves.sync();
    const tenfold = who === 'mend10';
    return {
      target: { mend, reference, mend10 }[who],
      endpoint: tenfold ? list10.find((x) => x.name === e.name) : e,
      cookies: tenfold ? cookies10 : cookies,
      writeLoad: () => saveLoad(e.saves[who], e.saves),
    };
  };
  /** After a write run: its changes undone where they would change the reads, then flushed. */
  const afterWrites = async (e) => {
    await e.saves.restore();
    await checkpoint();
  };
  // Every server runs every endpoint once before anything is recorded: the first round would
  // otherwise time each server's compiler and caches warming up, not its steady pace.
  console.log(`\nWarming up (${WARM_UP_SECONDS} s per endpoint and server)…`);
  for (const e of measured)
    for (const who of ['mend10', 'mend', 'reference']) {
      const run = await runOf(who, e);
      if (run) {
        await load(run.target.base, run.endpoint, run.cookies, run.writeLoad, WARM_UP_SECONDS);
        if (e.kind === 'write') await afterWrites(e);
      }
    }
  for (let round = 0; round < ROUNDS; round += 1) {
    console.log(`\nRound ${round + 1} of ${ROUNDS}…`);
    for (const e of measured) {
      const order = round % 2 ? ['reference', 'mend', 'mend10'] : ['mend10', 'mend', 'reference'];
      for (const who of order) {
        const run = await runOf(who, e);
        if (!run) continue;
        running = `${who} ${e.name}`;
        // Each read is recorded on a server already serving: the writes run at 1× only, so the
        // 10× process would come to a round's first read after a minute idle, and a pause alone
        // costs any server, the reference too, its p99 (README, Speed). Every server alike.
        if (e.kind !== 'write' && PRIME_SECONDS > 0)
          await load(run.target.base, run.endpoint, run.cookies, run.writeLoad, PRIME_SECONDS);
        const r = await measure(run.target, run.endpoint, run.cookies, run.writeLoad);
        if (e.kind === 'write') await afterWrites(e);
        if (r.bad > 0) check(false, `${who} ${e.name}: ${r.bad} failed requests (${r.statuses})`);
        if (process.env.BENCH_VERBOSE)
          console.log(`    ${who} ${e.name}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms`);
        runs.get(e.name)[who].push(r);
      }
    }
  }
  clearInterval(sampler);

  console.log(
    `\nMedians of ${ROUNDS} interleaved runs, autocannon -c ${CONNECTIONS} for ${SECONDS} s each:\n`,
  );
  console.log(
    'endpoint                                   Mend req/s  ref req/s  ratio   p99 Mend/ref   CPU/req Mend/ref  ratio',
  );
  for (const e of measured) {
    const r = runs.get(e.name);
    const m = (who, key) => median(r[who].map((x) => x[key]));
    const ratio = m('mend', 'rps') / m('reference', 'rps');
    const cpuRatio = m('mend', 'cpu') / m('reference', 'cpu');
    const line = `${e.name.padEnd(42)} ${m('mend', 'rps').toFixed(0).padStart(10)} ${m('reference', 'rps').toFixed(0).padStart(10)} ${ratio.toFixed(2).padStart(6)}×  ${String(m('mend', 'p99')).padStart(5)}/${String(m('reference', 'p99')).padEnd(5)} ms  ${m('mend', 'cpu').toFixed(2).padStart(6)}/${m('reference', 'cpu').toFixed(2).padEnd(5)} ms ${cpuRatio.toFixed(2).padStart(6)}×`;
    if (process.env.BENCH_VERBOSE)
      console.log(
        `      read/write system calls per request: Mend ${m('mend', 'calls').toFixed(1)}, reference ${m('reference', 'calls').toFixed(1)}`,
      );
    if (e.kind === 'read')
      check(
        ratio >= TARGET.read && cpuRatio <= TARGET.readCpu,
        `${line}  (≥ ${TARGET.read}×, CPU ≤ ${TARGET.readCpu}×)`,
      );
    else check(ratio >= TARGET.write, `${line}  (≥ ${TARGET.write}×)`);
  }

  // 4. Ten times the data.
  console.log('\nAt 10× data (Mend against its own 1× figures):\n');
  for (const e of measured.filter((x) => x.kind === 'read')) {
    const r = runs.get(e.name);
    const rps = median(r.mend10.map((x) => x.rps)) / median(r.mend.map((x) => x.rps));
    const p99 = median(r.mend10.map((x) => x.p99)) / Math.max(1, median(r.mend.map((x) => x.p99)));
    check(
      rps >= TARGET.scale && p99 <= 1 / TARGET.scale,
      `${e.name.padEnd(42)} req/s ${rps.toFixed(2)}× of 1×, p99 ${p99.toFixed(2)}× of 1× (within 20%)`,
    );
  }
  const small = list10
    .filter((e) => e.paged)
    .map((e) => ({
      ...e,
      name: `${e.name} (5)`,
      path: e.path.replace('pageSize=25', 'pageSize=5'),
    }));
  const large = list10
    .filter((e) => e.paged)
    .map((e) => ({
      ...e,
      name: `${e.name} (50)`,
      path: e.path.replace('pageSize=25', 'pageSize=50'),
    }));
  const captured10 = await captureAll(
    ten.url,
    list10.filter((e) => e.kind === 'read'),
    cookies10,
    [...small, ...large],
  );
  for (const [i, e] of small.entries()) {
    const [a, b] = [
      captured10.get(e.name).statements.length,
      captured10.get(large[i].name).statements.length,
    ];
    check(a === b, `${e.name.replace(' (5)', '')}: ${a} statements at 5 per page, ${b} at 50`);
  }
  for (const e of list10.filter((x) => x.kind === 'read')) {
    const problems = await explainAll(ten.url, captured10.get(e.name).statements);
    check(
      problems.length === 0,
      `${e.name}: no sequential scan of a table over 1,000 rows${problems.length ? `\n        ${problems.join('\n        ')}` : ''}`,
    );
  }

  // 5. A sign-in burst beside the session check: other traffic keeps its pace.
  const me = list[0];
  const alone = await load(mend.base, me, cookies);
  const signIns = autocannon({
    url: `${mend.base}/api/auth/login`,
    connections: 20,
    duration: SECONDS + 1,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'bench' },
    requests: [
      {
        setupRequest: (req, context) => {
          context.i = (context.i ?? 0) + 1;
          const w = writers[context.i % writers.length];
          return { ...req, body: JSON.stringify({ email: w.email, password: 'mend-demo-2026' }) };
        },
      },
    ],
  });
  await new Promise((r) => setTimeout(r, 500));
  const during = await load(mend.base, me, cookies);
  const burst = await signIns;
  check(
    during.rps / alone.rps >= TARGET.burst,
    `sign-in burst (${Math.round(burst.requests.average)} sign-ins/s tried, ${burst['2xx']} signed in): /api/auth/me at ${(during.rps / alone.rps).toFixed(2)}× its alone rate (${during.rps.toFixed(0)} vs ${alone.rps.toFixed(0)} req/s)`,
  );
  check(
    peakRss <= TARGET.rssMb,
    `Mend's peak RSS under load: ${peakRss.toFixed(0)} MB (≤ ${TARGET.rssMb} MB), in ${peakAt}`,
  );
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  for (const s of servers) await s.stop().catch(() => undefined);
  if (!process.env.BENCH_KEEP_DB)
    for (const d of databases)
      await withClient(server, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${d.name} WITH (FORCE)`),
      ).catch(() => undefined);
}
process.exit(failed ? 1 : 0);
