import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registeredRoutes, Route } from '../support/routes';
import { bootApp, TestApp } from '../support/test-app';

/**
 * The checked-in table of who may call each route (tests/api/route-roles.md), compared with the
 * routes the app registers, so any change of access shows in review as a change of that file.
 * `npm run routes:snapshot` (UPDATE_ROUTE_ROLES=1) rewrites the file instead of comparing.
 */

const SNAPSHOT = join(__dirname, 'route-roles.md');
const ROLE_ORDER = ['admin', 'counselor', 'client'];
const HEADER = ['method', 'path', 'who may call'];
const REGENERATE = 'npm run routes:snapshot';

const INTRO = [
  '# Who may call each API route',
  '',
  'Every route the API registers, with the roles its `@Allow(...)` admits or "public" for',
  '`@Public()` routes, one row per route sorted by path then method. It is generated from the',
  'code, and `tests/api/route-roles.e2e.ts` fails when it no longer matches, so any change of',
  'access shows in review as a change of this file. A role listed here only gets past the access',
  'guard: the services still answer 404 for records the caller may not see. Do not edit by hand:',
  `regenerate with \`${REGENERATE}\` and review the diff.`,
];

type Row = [method: string, path: string, who: string];

function whoMayCall(route: Route): string {
  if (route.isPublic) return 'public';
  const roles = route.roles ?? [];
  if (roles.length === 0) return 'nobody (no @Allow: refused)';
  const rank = (role: string) =>
    ROLE_ORDER.includes(role) ? ROLE_ORDER.indexOf(role) : ROLE_ORDER.length;
  return [...new Set(roles)]
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .join(', ');
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function tableOf(routes: Route[]): Row[] {
  return routes
    .map((r): Row => [r.method, r.path, whoMayCall(r)])
    .sort((a, b) => byCodeUnits(a[1], b[1]) || byCodeUnits(a[0], b[0]));
}

/** The file, with the table aligned the way prettier aligns markdown tables. */
function render(rows: Row[]): string {
  const widths = HEADER.map((h, i) => Math.max(3, h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [
    ...INTRO,
    '',
    line(HEADER),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
  ].join('\n');
}

/** The table rows of the file, whatever their alignment. */
function parse(text: string): Row[] {
  return text
    .split('\n')
    .filter((l) => l.trim().startsWith('|'))
    .map((l) =>
      l
        .trim()
        .replace(/^\|/, '')
        .replace(/\|$/, '')
        .split('|')
        .map((c) => c.trim()),
    )
    .filter((cells) => !cells.every((c) => /^:?-+:?$/.test(c)))
    .filter((cells) => cells.join('|') !== HEADER.join('|')) as Row[];
}

const show = (r: Row) => `| ${r.join(' | ')} |`;

function differences(expected: Row[], actual: Row[]): string[] {
  const key = (r: Row) => `${r[0]} ${r[1]}`;
  const inFile = new Map(actual.map((r) => [key(r), r]));
  const inCode = new Map(expected.map((r) => [key(r), r]));
  const lines: string[] = [];
  for (const [k, row] of inCode) {
    const filed = inFile.get(k);
    if (!filed) lines.push(`  + ${show(row)}   (new route, not in the file)`);
    else if (filed[2] !== row[2])
      lines.push(`  ~ ${k}: the file says "${filed[2]}", the code says "${row[2]}"`);
  }
  for (const [k, row] of inFile)
    if (!inCode.has(k)) lines.push(`  - ${show(row)}   (in the file, no such route)`);
  if (lines.length === 0 && expected.map(show).join() !== actual.map(show).join())
    lines.push('  the same rows in another order (or a row listed twice)');
  return lines;
}

describe('route roles snapshot (tests/api/route-roles.md)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootApp();
  });

  afterAll(() => t.close());

  it('lists every registered route with the roles that may call it', () => {
    const rows = tableOf(registeredRoutes(t));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows).toContainEqual(['POST', '/api/auth/login', 'public']);
    expect(rows).toContainEqual(['GET', '/api/users', 'admin']);

    if (process.env['UPDATE_ROUTE_ROLES'] === '1') {
      writeFileSync(SNAPSHOT, render(rows));
      return;
    }
    if (!existsSync(SNAPSHOT))
      throw new Error(`${SNAPSHOT} is missing: generate it with \`${REGENERATE}\`.`);
    const diff = differences(rows, parse(readFileSync(SNAPSHOT, 'utf8')));
    if (diff.length > 0)
      throw new Error(
        [
          `Who may call the API changed: tests/api/route-roles.md no longer matches the code (${diff.length} row(s)).`,
          ...diff,
          `If the change is intended, regenerate the file with \`${REGENERATE}\` and commit it with the change.`,
        ].join('\n'),
      );
  });
});
