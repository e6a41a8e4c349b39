// Load benchmark of the homework read paths with 100,000 homework rows in the clinic.
//   npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:homework
import { cookieFor, runTargets, withApi } from './bench-kit.mjs';
import { generateHomework } from './generate-homework.mjs';

const TARGETS = [
  {
    name: 'counselor: review inbox (25 of 1,000 cases)',
    path: '/api/homework/inbox?pageSize=25',
    as: 'counselor',
    p99: 150,
    rps: 150,
  },
  {
    name: 'client: my homework, due',
    path: '/api/homework/mine?view=due',
    as: 'client',
    p99: 150,
    rps: 150,
  },
  {
    name: 'client: my homework, done',
    path: '/api/homework/mine?view=done',
    as: 'client',
    p99: 150,
    rps: 150,
  },
  { name: 'client: my progress', path: '/api/progress/mine', as: 'client', p99: 150, rps: 150 },
];

const ok = await withApi('homework', async ({ base, dbUrl }) => {
  // Sign in first: the demo seed runs at start, the load data goes in beside it.
  const counselor = await cookieFor(base, 'maya@harbor.example');
  const { count, clientEmail } = await generateHomework(
    dbUrl,
    Number(process.env.BENCH_ROWS ?? 100_000),
  );
  console.log(`\n${count} homework rows in the clinic. 10 connections per endpoint.\n`);
  return runTargets(base, TARGETS, { counselor, client: await cookieFor(base, clientEmail) });
});
process.exit(ok ? 0 : 1);
