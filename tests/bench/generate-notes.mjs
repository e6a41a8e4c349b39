// Fills a clinic with sessions, notes and their audit trail for load tests: `cases` couples over
// forty counselors (Maya with a heavy caseload and one five-year case), weekly sessions past and
// upcoming, a note for most past sessions (signed, the latest a draft) and the audit events the
// app would have written for them, up to `auditEvents`. Used by notes.bench.mjs; runnable alone:
//   DATABASE_URL=… node tests/bench/generate-notes.mjs [sessions] [events]  (adds to the demo clinic)
import { randomUUID } from 'node:crypto';
import { withClient } from './bench-kit.mjs';

/** Sessions of Maya's long case: weekly for nearly five years. */
const LONG_CASE = 250;
/** Reads of each note of the long case (reviewed before sessions, at supervision, …). */
const LONG_CASE_READS = 20;
/**
 * Not ciphertext: none of the benchmarked reads decrypts a note (lists carry no note text). Do
 * not open these notes one by one (GET /api/notes/:id decrypts).
 */
const PLACEHOLDER = 'bench-placeholder: not encrypted content';

export async function generateNotes(
  dbUrl,
  { cases = 1_000, sessions = 50_000, auditEvents = 200_000 } = {},
) {
  return withClient(dbUrl, async (c) => {
    const [{ clinic_id: clinicId, id: mayaId, password_hash: hash }] = (
      await c.query(
        `SELECT clinic_id, id, password_hash FROM users WHERE email = 'maya@harbor.example'`,
      )
    ).rows;
    const [{ id: omarId }] = (
      await c.query(`SELECT id FROM users WHERE email = 'omar@harbor.example'`)
    ).rows;
    const caseIds = Array.from({ length: cases }, () => randomUUID());
    const clients = Array.from({ length: cases * 2 }, () => randomUUID());
    // Sessions per case: the long case, then 20–80 for the others, scaled to `sessions` in all.
    const weights = caseIds.map((_, i) => 20 + ((i * 37) % 61));
    const rest = sessions - LONG_CASE;
    const sum = weights.slice(1).reduce((a, b) => a + b, 0);
    const totals = weights.map((w, i) => (i === 0 ? LONG_CASE : Math.floor((w * rest) / sum)));
    let left = sessions - totals.reduce((a, b) => a + b, 0);
    for (let i = 1; left > 0; i += 1, left -= 1) totals[i] += 1;
    const upcoming = caseIds.map((_, i) => 2 + (i % 3)); // booked 2–4 weeks ahead
    await c.query('BEGIN');
    await c.query(
      `INSERT INTO users (id, clinic_id, email, display_name, role, status, password_hash)
       SELECT id, $1, 'load-' || id || '@bench.example', 'Client ' || n, 'client', 'active', $2 FROM unnest($3::uuid[]) WITH ORDINALITY t(id, n)`,
      [clinicId, hash, clients],
    );
    await c.query(
      `INSERT INTO cases (id, clinic_id, title, type, status, started_on)
       SELECT id, $1, 'Load case ' || n, 'couple', 'open', current_date - (7 * (total - ahead) + 14)
         FROM unnest($2::uuid[], $3::int[], $4::int[]) WITH ORDINALITY t(id, total, ahead, n)`,
      [clinicId, caseIds, totals, upcoming],
    );
    await c.query(
      `INSERT INTO case_members (clinic_id, case_id, user_id)
       SELECT $1, c.id, cl.id FROM unnest($2::uuid[]) WITH ORDINALITY c(id, n)
         JOIN unnest($3::uuid[]) WITH ORDINALITY cl(id, m) ON cl.m IN (2 * c.n - 1, 2 * c.n)`,
      [clinicId, caseIds, clients],
    );
    // Forty counselors: Maya holds every tenth case (the first is her long one), Omar and 38 more
    // share the rest.
    const others = [omarId, ...Array.from({ length: 38 }, () => randomUUID())];
    await c.query(
      `INSERT INTO users (id, clinic_id, email, display_name, role, status, password_hash)
       SELECT id, $1, 'load-' || id || '@bench.example', 'Counselor ' || n, 'counselor', 'active', $2 FROM unnest($3::uuid[]) WITH ORDINALITY t(id, n)`,
      [clinicId, hash, others.slice(1)],
    );
    await c.query(
      `INSERT INTO case_counselors (clinic_id, case_id, user_id, role)
       SELECT $1, c.id, CASE WHEN c.n % 10 = 1 THEN $3 ELSE ($4::uuid[])[1 + (c.n % 39)] END, 'primary'
         FROM unnest($2::uuid[]) WITH ORDINALITY c(id, n)`,
      [clinicId, caseIds, mayaId, others],
    );
    // Weekly, week w = k - past (≤ 0 past, ≥ 1 booked ahead), on the case's weekday and hour.
    await c.query(
      `INSERT INTO sessions (clinic_id, case_id, counselor_id, starts_at, duration_minutes, type, mode, attendee_ids, created_at, updated_at)
       SELECT $1, t.case_id, k.user_id, x.starts_at,
              CASE WHEN s % 10 = 0 THEN 80 WHEN s % 17 = 0 THEN 90 ELSE 50 END,
              CASE WHEN s % 9 = 0 THEN 'individual' ELSE 'couple' END,
              CASE WHEN (t.n + s) % 3 = 0 THEN 'telehealth' ELSE 'in_person' END,
              CASE WHEN s % 9 = 0 THEN m.ids[1:1] ELSE m.ids END,
              least(x.starts_at - interval '7 days', now()), least(x.starts_at - interval '7 days', now())
         FROM unnest($2::uuid[], $3::int[], $4::int[]) WITH ORDINALITY t(case_id, total, ahead, n)
         JOIN case_counselors k ON k.case_id = t.case_id
         CROSS JOIN LATERAL (SELECT array_agg(user_id ORDER BY user_id) AS ids FROM case_members WHERE case_id = t.case_id) m
         CROSS JOIN generate_series(1, t.total) s
         CROSS JOIN LATERAL (SELECT date_trunc('day', now())
                  + make_interval(days => 7 * (s - t.total + t.ahead) - 3 - (t.n % 4)::int, hours => 9 + (t.n % 8)::int) AS starts_at) x`,
      [clinicId, caseIds, totals, upcoming],
    );
    // A note for past sessions: signed the day after, the latest still a draft, one in 25 missing.
    await c.query(
      `INSERT INTO notes (clinic_id, session_id, case_id, author_id, format, content_enc, version, saved_at, signed_at, signed_by_id, created_at)
       SELECT s.clinic_id, s.id, s.case_id, s.counselor_id,
              (ARRAY['soap', 'dap', 'birp'])[1 + abs(hashtext(s.case_id::text)) % 3], $2, 2,
              s.ends_at + interval '40 minutes',
              CASE WHEN s.r > 1 THEN s.ends_at + interval '1 day' END,
              CASE WHEN s.r > 1 THEN s.counselor_id END,
              s.ends_at + interval '5 minutes'
         FROM (SELECT id, clinic_id, case_id, counselor_id, starts_at + make_interval(mins => duration_minutes) AS ends_at,
                      row_number() OVER (PARTITION BY case_id ORDER BY starts_at DESC) AS r
                 FROM sessions WHERE case_id = ANY($1) AND starts_at < now()) s
        WHERE s.r % 25 <> 0`,
      [caseIds, PLACEHOLDER],
    );
    await c.query('COMMIT');

    // The audit trail, oldest first so the chain's order is the events' order: session recorded,
    // note started, saved, signed, then reads (many of the long case's) up to `auditEvents`.
    const [{ written }] = (
      await c.query(
        `SELECT (SELECT count(*) FROM sessions WHERE case_id = ANY($1))
              + (SELECT 2 * count(*) + count(signed_at) FROM notes WHERE case_id = ANY($1)) AS written`,
        [caseIds],
      )
    ).rows;
    const reads = Math.max(0, auditEvents - Number(written));
    await c.query(
      `CREATE TEMP TABLE bench_events AS
       SELECT row_number() OVER (ORDER BY at) AS rn, e.* FROM (
         SELECT s.created_at AS at, s.counselor_id AS actor_id, 'session.recorded' AS action, 'session' AS entity_type,
                s.id AS entity_id, jsonb_build_object('caseId', s.case_id) AS details
           FROM sessions s WHERE s.case_id = ANY($1)
         UNION ALL
         SELECT n.created_at, n.author_id, 'note.started', 'note', n.id, jsonb_build_object('caseId', n.case_id, 'format', n.format)
           FROM notes n WHERE n.case_id = ANY($1)
         UNION ALL
         SELECT n.saved_at, n.author_id, 'note.saved', 'note', n.id, jsonb_build_object('caseId', n.case_id, 'version', 2)
           FROM notes n WHERE n.case_id = ANY($1)
         UNION ALL
         SELECT n.signed_at, n.signed_by_id, 'note.signed', 'note', n.id, jsonb_build_object('caseId', n.case_id, 'version', 2)
           FROM notes n WHERE n.case_id = ANY($1) AND n.signed_at IS NOT NULL
         UNION ALL
         (SELECT least(n.saved_at + make_interval(days => 7 * x::int), now() - interval '1 minute'), n.author_id, 'note.read', 'note', n.id,
                 jsonb_build_object('caseId', n.case_id)
            FROM notes n CROSS JOIN generate_series(1, $3::int) x WHERE n.case_id = $2
           LIMIT $4::int)
         UNION ALL
         SELECT least(n.saved_at + make_interval(days => 1 + (j % 60)::int), now() - interval '1 minute'), n.author_id, 'note.read', 'note', n.id,
                jsonb_build_object('caseId', n.case_id)
           FROM (SELECT n.*, row_number() OVER (ORDER BY n.id) AS i, count(*) OVER () AS total
                   FROM notes n WHERE n.case_id = ANY($1)) n
           JOIN generate_series(1, greatest($4 - (SELECT LEAST($4, $3 * count(*)) FROM notes WHERE case_id = $2), 0)) j
             ON n.i = 1 + (j - 1) % n.total
       ) e`,
      [caseIds, caseIds[0], LONG_CASE_READS, reads],
    );
    await c.query('CREATE INDEX ON bench_events (rn)');
    const [{ events }] = (await c.query('SELECT count(*)::int AS events FROM bench_events')).rows;
    // Through the chain trigger, in batches: each statement a transaction of its own.
    for (let from = 0; from < events; from += 20_000) {
      await c.query(
        `INSERT INTO audit_events (clinic_id, actor_id, action, entity_type, entity_id, details, ip, created_at)
         SELECT $1, actor_id, action, entity_type, entity_id, details, '10.0.' || (rn % 200) || '.' || (rn % 250), at
           FROM bench_events WHERE rn > $2 AND rn <= $3 ORDER BY rn`,
        [clinicId, from, from + 20_000],
      );
    }
    await c.query('DROP TABLE bench_events');
    // Autovacuum would do this within a minute or so (its insert threshold), likely mid-run; done
    // now, the index-only counts are measured in their steady state, not while they read the heap.
    await c.query(
      'VACUUM (ANALYZE) users, cases, case_members, case_counselors, sessions, notes, audit_events',
    );

    const [counts] = (
      await c.query(
        `SELECT (SELECT count(*)::int FROM cases WHERE clinic_id = $1) AS cases,
                (SELECT count(*)::int FROM sessions WHERE clinic_id = $1) AS sessions,
                (SELECT count(*)::int FROM sessions WHERE clinic_id = $1 AND starts_at >= now()) AS upcoming,
                (SELECT count(*)::int FROM notes WHERE clinic_id = $1) AS notes,
                (SELECT count(*)::int FROM notes WHERE clinic_id = $1 AND signed_at IS NOT NULL) AS signed,
                (SELECT count(*)::int FROM audit_events WHERE clinic_id = $1) AS "auditEvents",
                (SELECT count(*)::int FROM audit_events WHERE clinic_id = $1 AND action = 'note.read') AS "noteReads",
                (SELECT count(*)::int FROM sessions WHERE case_id = $2) AS "longCaseSessions",
                (SELECT count(*)::int FROM audit_events e WHERE e.clinic_id = $1 AND e.entity_type = 'note'
                    AND e.entity_id IN (SELECT id FROM notes WHERE case_id = $2)) AS "longCaseNoteEvents",
                (SELECT count(*)::int FROM sessions s JOIN case_counselors k ON k.case_id = s.case_id
                  WHERE k.user_id = $3) AS "mayaSessions"`,
        [clinicId, caseIds[0], mayaId],
      )
    ).rows;
    return { counts, longCaseId: caseIds[0] };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Set DATABASE_URL (a database the API has migrated and seeded).');
    process.exit(2);
  }
  const { counts } = await generateNotes(url, {
    sessions: Number(process.argv[2] ?? 50_000),
    auditEvents: Number(process.argv[3] ?? 200_000),
  });
  console.log(counts);
}
