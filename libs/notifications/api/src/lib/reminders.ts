import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock, JobQueue } from '@mend/shared/server';
import { Outbox } from './outbox';

export const REMINDERS_QUEUE = 'mend.reminders';

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
