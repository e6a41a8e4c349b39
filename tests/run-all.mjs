// `npm test`: every test of Mend, in order, with a summary at the end.
//   1. unit tests of every project (jest, beside the code)
//   2. API integration tests: the real app on Fastify against PostgreSQL through the migrations
//      (TEST_DATABASE_URL / DATABASE_URL when set, a fresh database per run; else embedded PGlite)
//   3. browser journeys: the built portal driven in Debian's Chromium, screenshots in tests/e2e/output
import { spawnSync } from 'node:child_process';

process.env.NX_DAEMON = 'false';
process.env.NX_NO_CLOUD = 'true';
process.env.NX_TUI = 'false';

const steps = [
  ['unit tests', 'npx', ['nx', 'run-many', '-t', 'test', '--output-style=static']],
  // --forceExit: jest's verdict is final once it reports; a handle left open must not hold CI
  // until its time runs out (the API tests' teardown names any it finds, so it gets fixed).
  [
    'API integration tests',
    'npx',
    ['jest', '-c', 'tests/api/jest.config.cts', '--runInBand', '--forceExit'],
  ],
  [
    'build for the journeys',
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'api', 'web', '--output-style=static'],
  ],
  ['chromium', 'bash', ['tests/e2e/ensure-chromium.sh']],
  [
    'browser journeys',
    'npx',
    ['jest', '-c', 'tests/e2e/jest.config.cts', '--runInBand', '--forceExit'],
  ],
];

const results = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  results.push({ name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  if (status !== 0) break;
}

console.log('\n=== summary ===');
for (const { name, ok, seconds } of results)
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name} (${seconds}s)`);
for (const [name] of steps.slice(results.length)) console.log(`SKIP  ${name}`);
process.exit(results.every((r) => r.ok) && results.length === steps.length ? 0 : 1);
