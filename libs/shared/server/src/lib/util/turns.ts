/**
 * At most `size` callers at once; the rest wait in order, holding nothing. For work that may
 * queue on a database lock while it holds a pooled connection (counting sign-in attempts or
 * reset requests at one address): unbounded, a burst of it takes the pool from every other
 * request.
 */
export class Turns {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.size) this.running += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The turn passes straight to the next in line, so a newcomer cannot jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
