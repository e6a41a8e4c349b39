import { Inject, Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { availableParallelism } from 'node:os';
import { APP_CONFIG, AppConfig, ServiceBusyException } from '@mend/shared/server';

/** OWASP's argon2id baseline: 19 MiB memory, 2 passes, 1 lane. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Every password hash and check goes through here. At most `PASSWORD_HASH_CONCURRENCY` (half
 * the cores) run at once, each taking a core for ~50 ms, and together they use no more than
 * `PASSWORD_HASH_SHARE` of the machine's CPU over time: after a hash, its slot rests in
 * proportion to the time it took. The rest wait their turn in order, and one that waits longer
 * than `PASSWORD_HASH_QUEUE_MS` answers 503 with Retry-After. So a burst of sign-ins slows down
 * sign-ins, not everyone already signed in.
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
    const started = performance.now();
    try {
      return await work();
    } finally {
      const rest = (performance.now() - started) * (1 / this.dutyCycle() - 1);
      if (rest >= 1) setTimeout(() => this.handOver(), rest).unref();
      else this.handOver();
    }
  }

  /** The share of its time a slot may hash: the CPU budget spread over the slots, at most all. */
  private dutyCycle(): number {
    const { passwordHashShare: share = 1, passwordHashConcurrency: slots } = this.config;
    return Math.min(1, (share * availableParallelism()) / slots);
  }

  /**
   * The slot passes straight to the next in line, so `running` never drops and rises again in
   * between (a newcomer cannot jump the queue).
   */
  private handOver(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
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
