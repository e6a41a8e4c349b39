// Load benchmark of the sessions, notes and audit read paths with 50,000 sessions, their notes
// and 200,000 audit events in the clinic.
//   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:notes
import { cookieFor, runTargets, withApi } from './bench-kit.mjs';
import { generateNotes } from './generate-notes.mjs';

// Measured on this 2-core machine (shared, under other load) with about 2x headroom. The three
// slow ones scan a whole history per request (see the README's "Speed" section).
const targets = (longCaseId) => [
  {
    name: 'counselor: my recent sessions (25 of ~4,800)',
    path: '/api/sessions?when=recent&pageSize=25',
    as: 'counselor',
    p99: 300,
    rps: 60,
  },
  {
    name: 'counselor: my upcoming sessions',
    path: '/api/sessions?when=upcoming&pageSize=25',
    as: 'counselor',
    p99: 200,
    rps: 140,
  },
  {
    name: 'counselor: sessions of a 250-session case',
    path: `/api/cases/${longCaseId}/sessions`,
    as: 'counselor',
    p99: 200,
    rps: 200,
  },
  {
    name: 'counselor: note access of that case',
    path: `/api/cases/${longCaseId}/note-access`,
    as: 'counselor',
    p99: 150,
    rps: 160,
  },
  {
    name: 'admin: unsigned notes per counselor',
    path: '/api/notes/counts',
    as: 'admin',
    p99: 350,
    rps: 35,
  },
  {
    name: 'admin: audit events (25 of 200,000)',
    path: '/api/audit-events?pageSize=25',
    as: 'admin',
    p99: 350,
    rps: 40,
  },
  {
    name: 'admin: audit events, action note.read',
    path: '/api/audit-events?pageSize=25&action=note.read',
    as: 'admin',
    p99: 200,
    rps: 160,
  },
];

const ok = await withApi('notes', async ({ base, dbUrl }) => {
  // Sign in first: the demo seed runs at start, the load data goes in beside it (and the audit
  // inserts hold the clinic's chain lock while they run).
  const cookies = {
    counselor: await cookieFor(base, 'maya@harbor.example'),
    admin: await cookieFor(base, 'admin@harbor.example'),
  };
  const { counts, longCaseId } = await generateNotes(dbUrl, {
    sessions: Number(process.env.BENCH_SESSIONS ?? 50_000),
    auditEvents: Number(process.env.BENCH_AUDIT_EVENTS ?? 200_000),
  });
  console.log(
    `\n${counts.cases} cases, ${counts.sessions} sessions (${counts.upcoming} upcoming; Maya's: ${counts.mayaSessions}), ` +
      `${counts.notes} notes (${counts.signed} signed), ${counts.auditEvents} audit events ` +
      `(${counts.noteReads} note.read; ${counts.longCaseNoteEvents} on the notes of the ${counts.longCaseSessions}-session case). ` +
      `10 connections per endpoint.\n`,
  );
  return runTargets(base, targets(longCaseId), cookies);
});
process.exit(ok ? 0 : 1);
