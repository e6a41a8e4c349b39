import { TooManyAttemptsException } from '@mend/shared/server';

/** A refusal the database gave, kept for a moment with what it was about. */
interface Refusal<T> {
  /** When the wait it gave ends (ms). */
  until: number;
  /** When this process stops answering from memory and asks the database again (ms). */
  expires: number;
  about: T;
}

/**
 * Refusals the database gave moments ago, per key, so that a burst at one account or from one
 * address is answered without asking it again. Each is kept for at most `holdMs`, never past
 * the wait it gave: the database stays the judge, this process only spares it the repeats.
 */
export class RecentRefusals<T> {
  private readonly refused = new Map<string, Refusal<T>>();

  constructor(
    private readonly holdMs: number,
    /** Past this many keys the expired ones go; memory is bounded whatever the traffic. */
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The seconds still to wait for `key` and what the refusal was about, or null. */
  get(key: string): { seconds: number; about: T } | null {
    const refusal = this.refused.get(key);
    if (!refusal) return null;
    const now = this.now();
    if (refusal.expires <= now) {
      this.refused.delete(key);
      return null;
    }
    return { seconds: Math.ceil((refusal.until - now) / 1000), about: refusal.about };
  }

  remember(key: string, seconds: number, about: T): void {
    if (this.holdMs <= 0 || seconds <= 0) return;
    const now = this.now();
    if (this.refused.size >= this.maxKeys) {
      for (const [k, r] of this.refused) if (r.expires <= now) this.refused.delete(k);
      if (this.refused.size >= this.maxKeys) this.refused.clear();
    }
    const wait = seconds * 1000;
    this.refused.set(key, {
      until: now + wait,
      expires: now + Math.min(wait, this.holdMs),
      about,
    });
  }

  forget(key: string): void {
    this.refused.delete(key);
  }
}

/**
 * Answers a refusal after a pause: a client that tries again the moment it is refused (a
 * script, a flood) is slowed to one try per pause per connection, and each refusal costs the
 * process a timer instead of a turn of its CPU. At most `most` wait at once; past that,
 * refusals are answered at once, so memory stays bounded whatever comes.
 */
export class RefusalPause {
  private waiting = 0;

  constructor(
    private readonly ms: number,
    private readonly most = 1000,
  ) {}

  /** Runs `work`; a refusal it throws (429) is thrown on after the pause. */
  async after<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TooManyAttemptsException) await this.wait();
      throw error;
    }
  }

  async wait(): Promise<void> {
    if (this.ms <= 0 || this.waiting >= this.most) return;
    this.waiting += 1;
    try {
      await new Promise((resolve) => setTimeout(resolve, this.ms));
    } finally {
      this.waiting -= 1;
    }
  }
}
