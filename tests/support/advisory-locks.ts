import type { TestApp } from './test-app';

/**
 * Sends `burst` (requests that each take the advisory lock `lock`, `key` in the app) while a
 * second connection holds that lock, and after a second counts how many of the database's
 * connections wait on an advisory lock; `meanwhile` runs then, before the lock is let go.
 * Answers the count and, once the lock is free, the burst's statuses.
 */
export async function burstBehindLock(
  t: TestApp,
  [lock, key]: [string, string],
  burst: () => Promise<{ status: number }>[],
  meanwhile: () => Promise<void>,
): Promise<{ waiting: number; statuses: number[] }> {
  const holder = t.dataSource.createQueryRunner();
  await holder.connect();
  await holder.startTransaction();
  let sent: Promise<{ status: number }>[] = [];
  let waiting: number;
  try {
    await holder.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [lock, key]);
    sent = burst();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
    );
    waiting = row.n;
    await meanwhile();
  } finally {
    await holder.rollbackTransaction();
    await holder.release();
  }
  return { waiting, statuses: (await Promise.all(sent)).map((r) => r.status) };
}
