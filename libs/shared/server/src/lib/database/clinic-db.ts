import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { DynamicModule, Global, Inject, Injectable, Module, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, QueryResult, QueryRunner } from 'typeorm';
import type { Caller } from '../access/caller';
import { JobQueue } from '../jobs/job-queue';
import { DATABASE_OPTIONS, DatabaseOptions } from './database-options';
import { LiveEvents } from './live-events';
import { PreparedQuery, RowDescription } from './prepared-query';

export { DATABASE_OPTIONS } from './database-options';
export type { DatabaseOptions } from './database-options';

/**
 * The database role every request runs as: not the owner of the tables and not a superuser,
 * so PostgreSQL applies row-level security to it (the migrations create it and its policies).
 */
export const APP_ROLE = 'mend_app';

/** Who a transaction runs for; the row-level security policies read these settings. */
export type DbCaller = Pick<Caller, 'id' | 'clinicId' | 'role'>;

interface OpenTransaction {
  /** The caller's identity, or `system:<purpose>` on the system path. */
  owner: string;
  /** The person of a caller's transaction (none on the system path). */
  caller?: DbCaller;
  manager: EntityManager;
  /** Work to start once the transaction has committed (never if it rolls back). */
  afterCommit: (() => unknown)[];
  /** Set when the run has ended: work it left running is outside it from then on. */
  closed?: boolean;
}

/**
 * How a nested call finds the transaction it belongs to: by the caller object the request hands
 * down (every service takes it), and by the manager for `afterCommit`. Not by an
 * AsyncLocalStorage: on Node 20 one in use puts a hook on every promise of the process, which
 * cost each request more CPU than its SQL (measured: 300 awaits take 4–5× as long).
 */
const openByCaller = new WeakMap<object, OpenTransaction>();
const openByManager = new WeakMap<EntityManager, OpenTransaction>();

/**
 * Outside production the causal context is kept as well, to check the lookup against it: a run
 * opened inside another's, a system statement inside a caller's transaction, or a caller object
 * used outside the call that opened its transaction (a copy, or work left running) all fail
 * loudly in tests and development, as they once did by design.
 */
const causal = new AsyncLocalStorage<OpenTransaction>();
let checking = false;

/** In checking mode, the caller's transaction the code runs in, if any. */
function openInside(): OpenTransaction | undefined {
  const inside = checking ? causal.getStore() : undefined;
  return inside?.closed ? undefined : inside;
}

function within<T>(open: OpenTransaction, work: () => Promise<T>): Promise<T> {
  return checking ? causal.run(open, work) : work();
}

/** In checking mode: the transaction the caller object found is the one the code runs in. */
function check(owner: string, found: OpenTransaction | undefined): void {
  if (!checking) return;
  const inside = openInside();
  if (inside && inside.owner !== owner) {
    // A programming error: on the embedded database (one connection) it would also deadlock.
    throw new Error(`A ${owner} transaction was opened inside a ${inside.owner} transaction.`);
  }
  if (inside !== found) {
    throw new Error(
      `A ${owner} transaction was ${found ? 'joined outside the call that opened it' : 'opened inside its own open transaction with another caller object'}.`,
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLES = new Set(['admin', 'counselor', 'client']);

/** The pg client under a query runner: what TypeORM sends every statement through. */
interface PgClient {
  query(text: unknown, values?: unknown, callback?: unknown): unknown;
  on?(event: 'error', listener: (error: Error) => void): unknown;
}

interface PooledClient extends PgClient {
  /** Back to the pool; with an error, the pool drops the connection instead. */
  release(error?: Error): void;
}

interface PgPool {
  connect(): Promise<PooledClient>;
}

interface PgResult {
  rows: unknown[];
  rowCount: number | null;
  command: string;
}

/**
 * What Mend keeps for each pooled connection, for its whole life: made on the first checkout
 * instead of on every transaction (a TypeORM query runner and its entity manager, an error
 * listener added and removed, a wrapper put on and taken off: garbage on every request).
 */
interface Connection {
  /** Whether the statements sent now are prepared (see `send`); off in the pool. */
  prepare: boolean;
  /** Names of the statements this connection has prepared, bounded. */
  prepared: Set<string>;
  /** What the prepared statements' rows are, by name (null: no rows); see `PreparedQuery`. */
  described: Map<string, RowDescription | null>;
  /** The query runner bound to this connection, made on its first transaction. */
  runner?: QueryRunner;
  /** An error the connection raised while checked out: it goes back to the pool as broken. */
  broken?: Error;
}

const connections = new WeakMap<PgClient, Connection>();

/** The connection's state, set up (its error listener) on first sight. */
function connectionOf(client: PgClient): Connection {
  const known = connections.get(client);
  if (known) return known;
  const connection: Connection = { prepare: false, prepared: new Set(), described: new Map() };
  connections.set(client, connection);
  // pg-pool listens for errors only while a connection is idle: one that breaks while checked
  // out is released as broken (TypeORM's runner used to add and remove this per transaction).
  client.on?.('error', (error) => {
    connection.broken = error;
  });
  return connection;
}

const MAX_PREPARED_PER_CONNECTION = 500;

/**
 * Names by statement text, so a statement is hashed once per process, not once per use. Found
 * by the text's length, then compared: most statements are built per request, and a fresh text
 * used as a Map key is flattened and hashed whole first, which the profiles showed costing a
 * light read as much as a statement's own bookkeeping; the few texts of one length compare fast.
 */
const statementNames = new Map<number, { text: string; name: string }[]>();
let namedStatements = 0;
const MAX_NAMED_STATEMENTS = 5_000;

function statementName(text: string): string {
  const sameLength = statementNames.get(text.length);
  if (sameLength) for (const known of sameLength) if (known.text === text) return known.name;
  const name = `mend_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
  if (namedStatements < MAX_NAMED_STATEMENTS) {
    namedStatements += 1;
    if (sameLength) sameLength.push({ text, name });
    else statementNames.set(text.length, [{ text, name }]);
  }
  return name;
}

/**
 * Sends one statement. While the connection prepares (a caller's transaction, the session
 * lookup), a statement with values goes as a named prepared statement, so PostgreSQL plans it
 * once per connection instead of on every request: row-level security doubles the planning work
 * of a statement (its policies are planned with it), and the plans do not depend on the caller
 * (the policies read the transaction's settings when they run).
 */
function send(
  client: PgClient,
  connection: Connection,
  text: string,
  values?: unknown[],
): Promise<PgResult> {
  if (connection.prepare && Array.isArray(values) && values.length > 0) {
    const name = statementName(text);
    if (connection.prepared.has(name) || connection.prepared.size < MAX_PREPARED_PER_CONNECTION) {
      connection.prepared.add(name);
      return new Promise((resolve, reject) => {
        client.query(
          new PreparedQuery(text, values, name, connection.described, (error, result) =>
            error ? reject(error) : resolve(result as PgResult),
          ),
        );
      });
    }
  }
  return client.query(text, values) as Promise<PgResult>;
}

/** A connection from TypeORM's pool (the same pool its own queries and migrations use). */
async function checkout(dataSource: DataSource): Promise<[PooledClient, Connection]> {
  const pool = (dataSource.driver as unknown as { master: PgPool }).master;
  const client = await pool.connect();
  return [client, connectionOf(client)];
}

function checkin(client: PooledClient, connection: Connection): void {
  connection.prepare = false;
  const broken = connection.broken;
  connection.broken = undefined;
  client.release(broken);
}

/**
 * The connection's query runner, bound to it for good: TypeORM's per-runner checkout and
 * release are bypassed, and its `query` goes straight to the pg client (see `queryDirectly`).
 */
function runnerOf(dataSource: DataSource, client: PgClient, connection: Connection): QueryRunner {
  if (!connection.runner) {
    const runner = dataSource.createQueryRunner();
    Object.assign(runner, { databaseConnection: client });
    queryDirectly(runner, client, connection);
    // `tx.query` goes to the pg client at once, with the runner's answer and errors: TypeORM's
    // EntityManager.query and DataSource.query would wrap each statement in two more async calls
    // on the way, and the runner's own `query` in one more and a result object.
    runner.manager.query = <T>(query: string, parameters?: unknown[]) =>
      send(client, connection, query, parameters).then(
        (raw) => typeOrmRaw(raw) as T,
        (error: Error) => {
          throw new QueryFailedError(query, parameters, error);
        },
      );
    connection.runner = runner;
  }
  return connection.runner;
}

/**
 * Points the runner's `query` straight at its pg client: the same results and errors as
 * TypeORM's own, without its per-statement logger call and event broadcasts (Mend configures
 * neither logging nor subscribers), which cost every statement a few promises.
 */
function queryDirectly(runner: QueryRunner, client: PgClient, connection: Connection): void {
  runner.query = async (query: string, parameters?: unknown[], structured = false) => {
    let raw: PgResult;
    try {
      raw = await send(client, connection, query, parameters);
    } catch (error) {
      throw new QueryFailedError(query, parameters, error as Error);
    }
    const result = new QueryResult();
    result.records = raw.rows;
    result.affected = raw.rowCount ?? undefined;
    result.raw = typeOrmRaw(raw);
    return structured ? result : result.raw;
  };
}

/** What TypeORM's `query` answers: the rows, and for UPDATE and DELETE the count beside them. */
function typeOrmRaw(raw: PgResult): unknown {
  return raw.command === 'UPDATE' || raw.command === 'DELETE' ? [raw.rows, raw.rowCount] : raw.rows;
}

/**
 * Runs `work` in one transaction on one connection. The opening statement and its settings go
 * in one round trip (BEGIN plus `set_config`), and TypeORM is told the transaction is open, so
 * `manager.save`/`manager.transaction` inside use it (as savepoints) instead of their own.
 */
async function inTransaction<T>(
  dataSource: DataSource,
  opening: string,
  who: Pick<OpenTransaction, 'owner' | 'caller'> & { key?: object },
  work: (tx: EntityManager) => Promise<T>,
  prepare = false,
): Promise<T> {
  const [client, connection] = await checkout(dataSource);
  const runner = runnerOf(dataSource, client, connection);
  // The bookkeeping TypeORM's startTransaction and commit do, without their round trips and
  // event broadcasts.
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  connection.prepare = prepare;
  try {
    try {
      await client.query(opening);
    } catch (error) {
      // Half an opening (BEGIN ran, a setting failed) leaves an aborted transaction behind: the
      // connection is not given to anyone else.
      connection.broken ??= error as Error;
      throw error;
    }
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    const manager = runner.manager;
    const open: OpenTransaction = {
      owner: who.owner,
      caller: who.caller,
      manager,
      afterCommit: [],
    };
    if (who.key) openByCaller.set(who.key, open);
    openByManager.set(manager, open);
    let result: T;
    try {
      result = await within(open, () => work(manager));
    } finally {
      open.closed = true;
      if (who.key) openByCaller.delete(who.key);
      openByManager.delete(manager);
    }
    await runner.query('COMMIT');
    for (const then of open.afterCommit)
      void Promise.resolve()
        .then(then)
        .catch(() => undefined);
    return result;
  } catch (error) {
    if (state.isTransactionActive) await runner.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    checkin(client, connection);
  }
}

/**
 * Starts `then` once the transaction of `tx` commits (at once outside a transaction): for a nudge
 * that must not run before the rows it announces are visible, and must not run if they never
 * are. It is a nudge only: whatever it starts must also be found later by a sweep.
 */
export function afterCommit(tx: EntityManager, then: () => unknown): void {
  const open = openByManager.get(tx);
  if (open) open.afterCommit.push(then);
  else
    void Promise.resolve()
      .then(then)
      .catch(() => undefined);
}

/**
 * The one way request code reaches the database. `run(caller, tx => …)` opens a transaction,
 * records the caller's clinic, user and role in it (`set_config(…, true)`: they end with the
 * transaction) and switches to the application role, so every statement inside is filtered by
 * the row-level security policies: rows of another clinic, and clinical rows of cases the
 * caller does not work on, simply are not there. Calls nested in a run share its transaction.
 */
@Injectable()
export class ClinicDb {
  private readonly prepare: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(DATABASE_OPTIONS) options?: DatabaseOptions,
  ) {
    this.prepare = options?.preparedStatements ?? false;
    if (options?.checkTransactions ?? true) checking = true;
  }

  run<T>(caller: DbCaller, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    // A nested call joins the caller's open transaction: most calls of a request, so in
    // production (nothing to check) without an async frame of its own around `work`.
    const open = openByCaller.get(caller);
    if (open && !checking) {
      try {
        return work(open.manager);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.begin(caller, open, work);
  }

  private async begin<T>(
    caller: DbCaller,
    open: OpenTransaction | undefined,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    const owner = ownerOf(caller);
    check(owner, open);
    if (open) return work(open.manager);
    // Values are spliced into the statement (one round trip for BEGIN and the settings), so
    // they are checked to be what they claim first; they come from the session row anyway.
    if (!UUID.test(caller.clinicId) || !UUID.test(caller.id) || !ROLES.has(caller.role)) {
      throw new Error('ClinicDb.run needs a caller with a clinic, a user id and a role.');
    }
    return inTransaction(
      this.dataSource,
      `BEGIN; SELECT set_config('role', '${APP_ROLE}', true),
         set_config('mend.clinic_id', '${caller.clinicId}', true),
         set_config('mend.user_id', '${caller.id}', true),
         set_config('mend.role', '${caller.role}', true)`,
      {
        owner,
        caller: { id: caller.id, clinicId: caller.clinicId, role: caller.role },
        key: caller,
      },
      work,
      this.prepare,
    );
  }

  /**
   * Inside the caller's open transaction, runs `work` as another person of the same clinic, then
   * switches back: for a step one person's action takes on another's behalf that must land with
   * it or not at all (a member accepting the time their counselor proposed records the
   * counselor's session). Row-level security applies to `work` as it would to that person.
   */
  async actAs<T>(
    tx: EntityManager,
    caller: DbCaller,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    const open = openByManager.get(tx);
    const was = open?.caller;
    if (!open || !was || was.clinicId !== caller.clinicId) {
      throw new Error('ClinicDb.actAs switches between people of the clinic of an open run.');
    }
    const owner = ownerOf(caller);
    if (owner === open.owner) return this.runIn(open, caller, work);
    if (!UUID.test(caller.id) || !ROLES.has(caller.role) || openByCaller.has(caller)) {
      throw new Error(
        'ClinicDb.actAs needs a person of the clinic without a transaction of their own.',
      );
    }
    const become = (who: DbCaller) =>
      tx.query(`SELECT set_config('mend.user_id', $1, true), set_config('mend.role', $2, true)`, [
        who.id,
        who.role,
      ]);
    await become(caller);
    const switched: OpenTransaction = { ...open, owner, caller };
    let result: T;
    try {
      result = await this.runIn(switched, caller, work);
    } catch (error) {
      // A caller may catch and go on: switch back. (After an SQL error the transaction is
      // aborted and rolls back as a whole, and this switch fails with it.)
      await become(was).catch(() => undefined);
      throw error;
    } finally {
      switched.closed = true;
    }
    await become(was);
    return result;
  }

  /** Runs `work` in `open` for a caller object that has no transaction of its own yet. */
  private async runIn<T>(
    open: OpenTransaction,
    caller: DbCaller,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (openByCaller.get(caller) === open) return work(open.manager);
    openByCaller.set(caller, open);
    try {
      return await within(open, () => work(open.manager));
    } finally {
      openByCaller.delete(caller);
    }
  }
}

function ownerOf(caller: DbCaller): string {
  return `${caller.role}:${caller.id}@${caller.clinicId}`;
}

/**
 * The explicit, named way around row-level security, for work that belongs to no single
 * signed-in caller: sign-in and session lookup (before a caller exists), invitations opened by
 * their token, commands, the demo seed and background sweeps. It runs as the connection's own
 * role (the tables' owner), so every use names its purpose and scopes its SQL itself.
 */
@Injectable()
export class SystemDb {
  private readonly prepare: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(DATABASE_OPTIONS) options?: DatabaseOptions,
  ) {
    this.prepare = options?.preparedStatements ?? false;
  }

  /** One transaction for `purpose` (a few words, shown if it is misused inside a caller's run). */
  async run<T>(purpose: string, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const owner = `system:${purpose}`;
    // System work never joins a caller's transaction. A programming error: on the embedded
    // database (one connection) it would also deadlock.
    const inside = openInside();
    if (inside)
      throw new Error(`A ${owner} transaction was opened inside a ${inside.owner} transaction.`);
    return inTransaction(this.dataSource, 'BEGIN', { owner }, work);
  }

  /** One statement on its own (no transaction), for hot single reads such as the session lookup. */
  async query<T>(purpose: string, sql: string, params: unknown[] = []): Promise<T> {
    const inside = openInside();
    if (inside)
      throw new Error(`System query "${purpose}" issued inside a ${inside.owner} transaction.`);
    if (!this.prepare) return this.dataSource.query(sql, params);
    // Straight from the pool and prepared: the session lookup runs on every request.
    const [client, connection] = await checkout(this.dataSource);
    connection.prepare = true;
    try {
      return typeOrmRaw(await send(client, connection, sql, params)) as T;
    } catch (error) {
      throw new QueryFailedError(sql, params, error as Error);
    } finally {
      checkin(client, connection);
    }
  }
}

/** Provides ClinicDb and SystemDb everywhere (the app module imports it once). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_OPTIONS, useValue: options },
        ClinicDb,
        SystemDb,
        JobQueue,
        LiveEvents,
      ],
      exports: [ClinicDb, SystemDb, JobQueue, LiveEvents],
    };
  }
}
