import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as delay } from 'node:timers/promises';
import PgBoss = require('pg-boss');
import { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DATABASE_OPTIONS, DatabaseOptions } from '../database/database-options';

/** The schema pg-boss creates and migrates itself at start (not part of Mend's migrations). */
export const JOB_SCHEMA = 'pgboss';

/** Jobs a worker takes per poll. */
export const JOB_BATCH = 20;

/** How long a stopping process waits for the jobs in hand before it closes the database. */
const STOP_TIMEOUT_MS = 10_000;

export interface QueueSpec {
  name: string;
  /**
   * `stately`: at most one waiting and one running job (a scheduled scan); `short`: at most one
   * waiting, however many run (a sweep that is nudged often: a job a stopped process left
   * "active" cannot hold the next one back); `standard` otherwise.
   */
  policy?: 'standard' | 'short' | 'stately';
  /** Attempts after the first, with exponential backoff from `retryDelaySeconds`. */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A cron line (UTC) that starts the job on a schedule kept in the database. */
  cron?: string;
  /** The work; `attempt` counts from 0, `lastAttempt` says no retry follows a failure. */
  work?: (data: unknown, attempt: { retryCount: number; lastAttempt: boolean }) => Promise<void>;
}

/** pg-boss's database adapter: one statement with its values. */
interface Sql {
  executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

interface PgConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Mend's durable job queue: pg-boss on the same PostgreSQL, in its own schema. Jobs are rows,
 * so what is queued survives a restart, several API processes share the work (each job is taken
 * by one of them) and schedules are kept in the database, not in a process's timers.
 *
 * On the embedded database pg-boss shares the application's single connection (its pool), so
 * its statements wait their turn behind open transactions instead of deadlocking beside them.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly specs = new Map<string, QueueSpec>();
  private started?: Promise<PgBoss>;
  private readonly created = new Map<string, Promise<void>>();
  /** pg-boss's own pool on a server database (on the embedded one it shares the application's). */
  private pool?: Pool;
  /** pg-boss statements and job handlers under way: shutdown waits for them to settle. */
  private inFlight = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_OPTIONS) private readonly options: DatabaseOptions,
  ) {}

  /** Declares a queue (and its worker and schedule); called by modules while they initialise. */
  define(spec: QueueSpec): void {
    this.specs.set(spec.name, spec);
  }

  /** Creates the declared queues and, where this process works jobs, their schedules and workers. */
  async onApplicationBootstrap(): Promise<void> {
    const boss = await this.start();
    // Every queue exists before any worker starts: a job's work may send to another queue from
    // inside its transaction, and creating that queue then would need a second connection (on
    // the embedded database, where there is one, it waited for itself until the pool gave up).
    for (const spec of this.specs.values()) await this.queue(spec.name);
    if (!this.config.runJobs) return;
    for (const spec of this.specs.values()) {
      if (spec.cron) await boss.schedule(spec.name, spec.cron);
      const work = spec.work;
      if (!work) continue;
      // A worker takes up to JOB_BATCH waiting jobs per poll (one per poll would send one mail
      // per poll interval when mail piles up) and works them one after another. A job that
      // fails is failed alone, to be retried by its queue's rule; pg-boss completes the others
      // when the batch returns (it completes only jobs still active).
      await boss.work(
        spec.name,
        {
          includeMetadata: true,
          batchSize: JOB_BATCH,
          pollingIntervalSeconds: this.config.jobPollSeconds,
        },
        (jobs) =>
          this.track(async () => {
            for (const job of jobs) {
              try {
                await work(job.data, {
                  retryCount: job.retryCount,
                  lastAttempt: job.retryCount >= job.retryLimit,
                });
              } catch (error) {
                // The reason only: a job's data or a statement may carry personal data.
                const reason = error instanceof Error ? error.name : 'unknown';
                this.logger.warn({
                  msg: 'Job failed',
                  queue: spec.name,
                  attempt: job.retryCount + 1,
                  reason,
                });
                await boss.fail(spec.name, job.id, { reason });
              }
            }
          }),
      );
    }
  }

  /** Starts pg-boss once (creating or migrating its schema). */
  start(): Promise<PgBoss> {
    this.started ??= this.boot();
    return this.started;
  }

  private async boot(): Promise<PgBoss> {
    let pool: PgConnection;
    if (this.options.embedded) {
      pool = (this.dataSource.driver as unknown as { master: PgConnection }).master;
    } else {
      const own = new Pool({
        connectionString: this.options.url,
        max: 2,
        application_name: 'pgboss',
      });
      own.on('error', (error) =>
        this.logger.error({ msg: 'Job queue connection error', reason: error.message }),
      );
      this.pool = own;
      pool = own;
    }
    // Every statement goes through here, so shutdown knows when pg-boss's last one has settled.
    const db: Sql = { executeSql: (text, values) => this.track(() => pool.query(text, values)) };
    const boss = new PgBoss({
      db,
      schema: JOB_SCHEMA,
      supervise: this.config.runJobs,
      schedule: this.config.runJobs,
      migrate: true,
    });
    boss.on('error', (error: Error) =>
      this.logger.error({ msg: 'Job queue error', reason: error.message }),
    );
    await boss.start();
    return boss;
  }

  /** Creates a queue once, with its declared policy and retries (a no-op if it exists). */
  private queue(name: string): Promise<void> {
    let created = this.created.get(name);
    if (!created) {
      const spec = this.specs.get(name);
      if (!spec) throw new Error(`The job queue "${name}" is not declared.`);
      const options = {
        name,
        policy: spec.policy ?? 'standard',
        retryLimit: spec.retryLimit ?? 0,
        retryDelay: spec.retryDelaySeconds ?? 30,
        retryBackoff: (spec.retryLimit ?? 0) > 0,
      };
      // createQueue leaves an existing queue as it was: the update carries a changed policy
      // or retry rule to databases made by an earlier version.
      created = this.start().then(async (boss) => {
        await boss.createQueue(name, options);
        await boss.updateQueue(name, options);
      });
      this.created.set(name, created);
    }
    return created;
  }

  /**
   * Queues a job. Given a transaction, the job is written in it, so it exists exactly when
   * the change that asked for it commits. `id` makes a second send of the same job a no-op.
   */
  async send(
    name: string,
    data: object,
    options: { id?: string; startAfter?: Date; tx?: EntityManager } = {},
  ): Promise<string | null> {
    const boss = await this.start();
    await this.queue(name);
    const db = options.tx ? transactionSql(options.tx) : undefined;
    return boss.send(name, data, {
      ...(options.id ? { id: options.id } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(db ? { db } : {}),
    });
  }

  /**
   * Before any module closes: the jobs in hand finish on database pools that are still open
   * (TypeORM ends its pool in its own shutdown hook, which may run first).
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.started) return;
    const boss = await this.started.catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, close: false, timeout: STOP_TIMEOUT_MS });
    // pg-boss waits for the jobs its workers hold, not for a poll under way: jobs such a poll
    // takes are worked after stop returns, and pg-boss marks them done without awaiting it.
    // Both would then find the pools closed, leaving the jobs active until they expire and the
    // failure unhandled. So the process waits until nothing of pg-boss's is under way.
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (this.inFlight > 0 && Date.now() < deadline) await delay(20);
    await this.pool?.end();
  }

  /** Counts `work` as under way until it settles. */
  private async track<T>(work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
    }
  }
}

/** pg-boss's adapter for the connection of an open transaction. */
function transactionSql(tx: EntityManager): Sql {
  const runner = tx.queryRunner as unknown as { databaseConnection: PgConnection } | undefined;
  if (!runner) throw new Error('JobQueue.send was given a manager outside a transaction.');
  return { executeSql: (text, values) => runner.databaseConnection.query(text, values) };
}
