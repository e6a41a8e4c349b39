import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { APP_CONFIG, AppConfig, ServiceBusyException } from '@mend/shared/server';

/** OWASP's argon2id baseline: 19 MiB memory, 2 passes, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Every password hash and check goes through here. At most `PASSWORD_HASH_CONCURRENCY` (the
 * CPU count) run at once, each taking a core for ~50 ms; the rest wait their turn in order,
 * and one that waits longer than `PASSWORD_HASH_QUEUE_MS` answers 503 with Retry-After. So a
 * burst of sign-ins cannot take every core (and libuv's threads) from the other requests.
 */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return this.inTurn(() => argon2.hash(password, OPTIONS));
  }

  async verify(hash: string | null, password: string): Promise<boolean> {
    // With no account (or no password yet) still spend the same time, so the answer's timing
    // does not tell which emails exist.
    const target = hash ?? (await this.dummyHash());
    return this.inTurn(async () => {
      try {
        const ok = await argon2.verify(target, password);
        return hash !== null && ok;
      } catch {
        return false;
      }
    });
  }

  private dummyHash(): Promise<string> {
    this.dummy ??= this.hash('mend-timing-equaliser').catch((error) => {
      this.dummy = undefined;
      throw error;
    });
    return this.dummy;
  }

  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.config.passwordHashConcurrency) await this.turn();
    else this.running += 1;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next in line, so `running` never drops and rises again
      // in between (a newcomer cannot jump the queue).
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  /** Resolves when a running hash hands over its slot; rejects with 503 after the queue time. */
  private turn(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const go = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const index = this.waiting.indexOf(go);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(
          new ServiceBusyException(
            Math.max(1, Math.ceil(this.config.passwordHashQueueMs / 1000)),
            'Mend is busy checking passwords. Please try again in a moment.',
          ),
        );
      }, this.config.passwordHashQueueMs);
      this.waiting.push(go);
    });
  }
}
