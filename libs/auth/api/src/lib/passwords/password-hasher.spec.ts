import * as argon2 from 'argon2';
import { availableParallelism } from 'node:os';
import type { AppConfig } from '@mend/shared/server';
import { ServiceBusyException } from '@mend/shared/server';
import { PasswordHasher } from './password-hasher';

function hasherWith(concurrency: number, queueMs: number, share = 1): PasswordHasher {
  return new PasswordHasher({
    passwordHashConcurrency: concurrency,
    passwordHashQueueMs: queueMs,
    passwordHashShare: share,
  } as AppConfig);
}

/** Makes argon2 take `ms` per call and counts how many run at once. */
function slowArgon(ms: number): { maxInFlight: () => number; calls: () => number } {
  let inFlight = 0;
  let max = 0;
  let calls = 0;
  const slow = async <T>(value: T): Promise<T> => {
    calls += 1;
    inFlight += 1;
    max = Math.max(max, inFlight);
    await new Promise((resolve) => setTimeout(resolve, ms));
    inFlight -= 1;
    return value;
  };
  jest.spyOn(argon2, 'hash').mockImplementation(() => slow('$argon2id$fake'));
  jest.spyOn(argon2, 'verify').mockImplementation(() => slow(true));
  return { maxInFlight: () => max, calls: () => calls };
}

describe('PasswordHasher', () => {
  afterEach(() => jest.restoreAllMocks());

  it('hashes and verifies for real (argon2id)', async () => {
    const hasher = hasherWith(2, 2000);
    const hash = await hasher.hash('harbor lights at dusk 42');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await hasher.verify(hash, 'harbor lights at dusk 42')).toBe(true);
    expect(await hasher.verify(hash, 'harbor lights at dusk 43')).toBe(false);
    expect(await hasher.verify(null, 'harbor lights at dusk 42')).toBe(false);
  });

  it('runs at most N at once and queues the rest in order', async () => {
    const argon = slowArgon(20);
    const hasher = hasherWith(2, 5000);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => hasher.verify(`$argon2id$${i}`, 'x')),
    );
    expect(results).toEqual(Array(10).fill(true));
    expect(argon.calls()).toBe(10);
    expect(argon.maxInFlight()).toBe(2);
  });

  it('keeps hashing within its share of the CPU: a slot rests after each hash', async () => {
    slowArgon(40);
    // Half of one core's time for the one slot, whatever this machine's core count.
    const hasher = hasherWith(1, 5000, 0.5 / availableParallelism());
    const started = Date.now();
    await Promise.all(Array.from({ length: 4 }, () => hasher.hash('in turn')));
    // Four hashes of 40 ms, each followed by ~40 ms of rest before the next may start.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 40 + 3 * 40 - 15);
    const unlimited = hasherWith(1, 5000);
    const again = Date.now();
    await Promise.all(Array.from({ length: 4 }, () => unlimited.hash('in turn')));
    expect(Date.now() - again).toBeLessThan(4 * 40 + 3 * 40 - 15);
  });

  it('answers 503 with Retry-After for a check that waits longer than the queue time', async () => {
    slowArgon(200);
    const hasher = hasherWith(1, 50);
    const outcomes = await Promise.allSettled([
      hasher.hash('first one in'),
      hasher.hash('waits too long'),
    ]);
    expect(outcomes[0].status).toBe('fulfilled');
    expect(outcomes[1].status).toBe('rejected');
    const error = (outcomes[1] as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(ServiceBusyException);
    expect(error.getStatus()).toBe(503);
    expect(error.retryAfterSeconds).toBe(1);
    // The slot was not lost: the next one runs.
    await expect(hasher.hash('later')).resolves.toBe('$argon2id$fake');
  });
});
