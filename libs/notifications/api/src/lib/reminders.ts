import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, JobQueue, SystemDb } from '@mend/shared/server';
import { Outbox } from './outbox';

export const REMINDERS_QUEUE = 'mend.reminders';

/** How many rows a scan handles per transaction. */
export const REMINDER_BATCH = 500;

/**
 * Runs a scan over every clinic a batch at a time, each batch in its own transaction, so a
 * large installation's reminders never sit in memory (or in one statement) at once.
 * `select(tx, after)` reads up to REMINDER_BATCH rows in id order after the id `after` (null:
 * from the start); `handle` turns them into reminders. A short batch is the last.
 */
export async function inBatches<Row extends { id: string }>(
  system: SystemDb,
  name: string,
  select: (tx: EntityManager, after: string | null) => Promise<Row[]>,
  handle: (tx: EntityManager, rows: Row[]) => Promise<void>,
): Promise<void> {
  let after: string | null = null;
  do {
    const from: string | null = after;
    after = await system.run(name, async (tx) => {
      const rows = await select(tx, from);
      if (rows.length > 0) await handle(tx, rows);
      return rows.length === REMINDER_BATCH ? rows[rows.length - 1].id : null;
    });
  } while (after !== null);
}

/** A domain's search for what is due at `now` (homework due tomorrow, notes left unsigned…). */
export type ReminderScan = (now: Date) => Promise<void>;

/**
 * Reminders that depend on time rather than on a change: each domain registers a scan, and a
 * scheduled job (kept in the database, so it survives restarts and runs on one process at a
 * time) runs them every ten minutes. Scans notify with a dedupe key, so a reminder found twice
 * is written once.
 */
@Injectable()
export class Reminders implements OnModuleInit {
  private readonly logger = new Logger('Reminders');
  private readonly scans = new Map<string, ReminderScan>();

  constructor(
    private readonly jobs: JobQueue,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      name: REMINDERS_QUEUE,
      policy: 'stately',
      cron: '*/10 * * * *',
      work: () => this.run(),
    });
  }

  register(name: string, scan: ReminderScan): void {
    this.scans.set(name, scan);
  }

  /** Runs every scan for the clock's present; one failing scan does not stop the others. */
  async run(): Promise<void> {
    const now = this.clock.now();
    for (const [name, scan] of this.scans) {
      try {
        await scan(now);
      } catch (error) {
        this.logger.error({
          msg: 'Reminder scan failed',
          scan: name,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    await this.outbox.nudge();
  }
}
