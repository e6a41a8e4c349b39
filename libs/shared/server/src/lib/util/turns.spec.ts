import { Turns } from './turns';

describe('Turns', () => {
  it('runs at most its size at once, the rest in the order they came, failures included', async () => {
    const turns = new Turns(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const job = (i: number) =>
      turns.run(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        if (i === 1) throw new Error('refused');
        return i;
      });
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map(job));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    // Every turn came back: the next caller starts at once.
    let ranAtOnce = false;
    const next = turns.run(async () => (ranAtOnce = true));
    expect(ranAtOnce).toBe(true);
    await next;
  });
});
