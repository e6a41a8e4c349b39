// `npm run check:distribution`: could Mend's schema be sharded by clinic (e.g. with Citus),
// `clinic_id` being the distribution column? Reads pg_catalog of a freshly migrated database and
// prints, per table of the public schema, what a distributed PostgreSQL would require:
//   - a table with clinic_id is distributed by it: clinic_id must be NOT NULL, and its primary
//     key and every unique constraint or unique index must include clinic_id (uniqueness is
//     checked within one shard);
//   - a foreign key between two distributed tables must include the distribution column on both
//     sides, paired (the rows it joins then live on the same node: a co-located join);
//   - a table without clinic_id is a reference table (copied to every node) or stays local to
//     the coordinator; a foreign key from it to a distributed table is not possible.
// The clinics table itself is distributed by its id (what every clinic_id references).
//
// With DATABASE_URL (or TEST_DATABASE_URL) pointing at a PostgreSQL server, after `npm run
// build`: creates a throw-away database there, migrates it with dist/apps/api/cli.js, reads it
// and drops it. `node tests/bench/distribution-check.mjs <database url>` reads an existing,
// migrated database instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withClient } from './bench-kit.mjs';

const ROOT = join(import.meta.dirname, '../..');
const DISTRIBUTION_COLUMN = 'clinic_id';

/** A fresh database on `server`, migrated as Mend migrates it; dropped after `work`. */
async function withMigratedDatabase(server, work) {
  const cli = join(ROOT, 'dist/apps/api/cli.js');
  if (!existsSync(cli)) {
    console.error('Build the API first (npm run build): the migrations run from dist/apps/api.');
    process.exit(2);
  }
  const name = `mend_distribution_${Date.now()}`;
  const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
  await withClient(server, (c) => c.query(`CREATE DATABASE ${name}`));
  try {
    const migrated = spawnSync(process.execPath, [cli, 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    if (migrated.status !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
    return await work(url);
  } finally {
    await withClient(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

/** Column names of an int2vector of attribute numbers, in order (expressions left out). */
const columnsOf = (relation, keys) => `ARRAY(
  SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY AS k(attnum, n)
    JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum
   ORDER BY k.n)`;

async function readSchema(client) {
  const { rows: tables } = await client.query(
    `SELECT c.relname AS name, c.relrowsecurity AS rls,
            (SELECT a.attnotnull FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attname = $1 AND NOT a.attisdropped) AS not_null,
            (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal)::int
              AS triggers
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
    [DISTRIBUTION_COLUMN],
  );
  // Primary keys, unique and exclusion constraints, and unique indexes that back no constraint.
  const { rows: keys } = await client.query(
    `SELECT t.relname AS table, ic.relname AS name, i.indisprimary AS primary,
            con.contype IS NULL AS bare_index,
            ${columnsOf('i.indrelid', 'i.indkey')} AS columns,
            CASE WHEN con.oid IS NOT NULL THEN pg_get_constraintdef(con.oid)
                 ELSE pg_get_indexdef(i.indexrelid) END AS definition
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')
      WHERE n.nspname = 'public' AND (i.indisunique OR con.contype = 'x')
      ORDER BY t.relname, i.indisprimary DESC, ic.relname`,
  );
  const { rows: foreignKeys } = await client.query(
    `SELECT t.relname AS table, con.conname AS name, rt.relname AS references,
            ${columnsOf('con.conrelid', 'con.conkey')} AS columns,
            ${columnsOf('con.confrelid', 'con.confkey')} AS referenced_columns
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid
       JOIN pg_class rt ON rt.oid = con.confrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND con.contype = 'f'
      ORDER BY t.relname, con.conname`,
  );
  return { tables, keys, foreignKeys };
}

const list = (columns) => `(${columns.join(', ')})`;

function analyse({ tables, keys, foreignKeys }) {
  // The clinics table: what a foreign key on clinic_id alone references, distributed by that key.
  const tenantKey = new Map(
    foreignKeys
      .filter((fk) => fk.columns.length === 1 && fk.columns[0] === DISTRIBUTION_COLUMN)
      .map((fk) => [fk.references, fk.referenced_columns[0]]),
  );
  const keyOf = (table) =>
    tenantKey.get(table) ??
    (tables.find((t) => t.name === table)?.not_null !== null ? DISTRIBUTION_COLUMN : undefined);
  const findings = [];
  for (const table of tables) {
    const key = keyOf(table.name);
    const role = key ? 'distributed' : 'reference/local';
    const problems = [];
    if (key === DISTRIBUTION_COLUMN && !table.not_null)
      problems.push(`${DISTRIBUTION_COLUMN} may be NULL: a distributed row needs one`);
    const own = keys.filter((k) => k.table === table.name);
    const primary = own.find((k) => k.primary);
    const uniques = own.filter((k) => !k.primary);
    const keyOk = (k) => !key || k.columns.includes(key);
    if (!primary) problems.push('no primary key');
    for (const k of own.filter((k) => !keyOk(k)))
      problems.push(
        `${k.primary ? 'primary key' : k.bare_index ? 'unique index' : 'unique constraint'} ` +
          `${k.name} ${list(k.columns)} lacks ${key}: make it ${list([key, ...k.columns])}`,
      );
    const fks = foreignKeys.filter((fk) => fk.table === table.name);
    let colocated = 0;
    for (const fk of fks) {
      const theirs = keyOf(fk.references);
      if (!theirs) {
        // To a reference table: allowed from any table.
        colocated += 1;
        continue;
      }
      if (!key) {
        problems.push(
          `foreign key ${fk.name} ${list(fk.columns)} → ${fk.references}: a reference table ` +
            'cannot point at a distributed one',
        );
        continue;
      }
      const paired = fk.columns.some(
        (column, i) => column === key && fk.referenced_columns[i] === theirs,
      );
      if (paired) {
        colocated += 1;
        continue;
      }
      // The same link with clinic_id on both sides, if the schema has it already.
      const twin = fks.find(
        (other) =>
          other !== fk &&
          other.references === fk.references &&
          other.columns.some((c, i) => c === key && other.referenced_columns[i] === theirs) &&
          fk.columns.every((c) => other.columns.includes(c)),
      );
      problems.push(
        `foreign key ${fk.name} ${list(fk.columns)} → ${fk.references}${list(fk.referenced_columns)} ` +
          (twin
            ? `lacks ${key}: drop it, ${twin.name} ${list(twin.columns)} already holds the link`
            : `lacks ${key}: make it ${list([key, ...fk.columns])} → ` +
              `${fk.references}${list([theirs, ...fk.referenced_columns])}`),
      );
    }
    findings.push({
      table: table.name,
      key: key ?? '-',
      role,
      primaryKey: primary ? `${list(primary.columns)} ${keyOk(primary) ? 'ok' : 'NO'}` : 'none',
      uniques: `${uniques.filter(keyOk).length}/${uniques.length}`,
      foreignKeys: `${colocated}/${fks.length}`,
      rls: table.rls ? 'on' : 'off',
      triggers: String(table.triggers),
      problems,
    });
  }
  return findings;
}

function print(findings) {
  const columns = [
    ['table', 'table'],
    ['key', 'distributed by'],
    ['role', 'role'],
    ['primaryKey', 'primary key'],
    ['uniques', 'unique ok'],
    ['foreignKeys', 'fk ok'],
    ['rls', 'RLS'],
    ['triggers', 'triggers'],
    ['count', 'changes'],
  ];
  const rows = findings.map((f) => ({ ...f, count: String(f.problems.length) }));
  const width = columns.map(([field, title]) =>
    Math.max(title.length, ...rows.map((r) => r[field].length)),
  );
  const line = (cells) => cells.map((cell, i) => cell.padEnd(width[i])).join('  ');
  console.log(line(columns.map(([, title]) => title)));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(columns.map(([field]) => row[field])));
  console.log(
    '\nunique ok: unique constraints and indexes (beside the primary key) that include the ' +
      'distribution column; fk ok: foreign keys a sharded database keeps (co-located, or to a ' +
      'reference table).',
  );
  const changes = findings.filter((f) => f.problems.length > 0);
  if (changes.length > 0) console.log('\nWhat would change:');
  for (const f of changes) {
    console.log(`\n${f.table}`);
    for (const problem of f.problems) console.log(`  - ${problem}`);
  }
  const distributed = findings.filter((f) => f.role === 'distributed');
  const ready = distributed.filter((f) => f.problems.length === 0);
  console.log(
    `\n${distributed.length} tables distributed by clinic, ${ready.length} of them as they ` +
      `are; ${findings.length - distributed.length} without clinic_id ` +
      `(${findings
        .filter((f) => f.role !== 'distributed')
        .map((f) => f.table)
        .join(', ')}); ` +
      `${findings.reduce((n, f) => n + f.problems.length, 0)} changes in all.`,
  );
  console.log(
    'A unique key that gains clinic_id is unique per clinic only: one that must hold across ' +
      'clinics, or is looked up before the clinic is known (an email at sign-in, a token), needs ' +
      'a lookup table of its own outside the distributed ones instead.',
  );
}

const given = process.argv[2];
const server = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!given && !server) {
  console.error(
    'Set DATABASE_URL to a PostgreSQL server (a throw-away database is migrated there), ' +
      'or give the URL of a migrated database.',
  );
  process.exit(2);
}
const inspect = (url) => withClient(url, readSchema);
const schema = given ? await inspect(given) : await withMigratedDatabase(server, inspect);
print(analyse(schema));
