import { RecentRefusals, RefusalPause } from './recent-refusals';

describe('RecentRefusals', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000_000));

  it('answers the wait left for a moment, then asks again', () => {
    const refusals = new RecentRefusals<string>(2000, 100, now);
    refusals.remember('a', 30, 'user-1');
    expect(refusals.get('a')).toEqual({ seconds: 30, about: 'user-1' });
    clock += 1500;
    expect(refusals.get('a')).toEqual({ seconds: 29, about: 'user-1' });
    clock += 500;
    expect(refusals.get('a')).toBeNull();
    expect(refusals.get('b')).toBeNull();
  });

  it('never holds a refusal past the wait it gave', () => {
    const refusals = new RecentRefusals<null>(2000, 100, now);
    refusals.remember('a', 1, null);
    clock += 999;
    expect(refusals.get('a')).toEqual({ seconds: 1, about: null });
    clock += 1;
    expect(refusals.get('a')).toBeNull();
  });

  it('forgets on demand, and keeps nothing when holding is off', () => {
    const refusals = new RecentRefusals<null>(2000, 100, now);
    refusals.remember('a', 30, null);
    refusals.forget('a');
    expect(refusals.get('a')).toBeNull();
    const off = new RecentRefusals<null>(0, 100, now);
    off.remember('a', 30, null);
    expect(off.get('a')).toBeNull();
  });

  it('stays bounded: expired keys go first, and at the bound it starts over', () => {
    const refusals = new RecentRefusals<null>(2000, 3, now);
    refusals.remember('old', 1, null);
    clock += 1000;
    refusals.remember('a', 30, null);
    refusals.remember('b', 30, null);
    refusals.remember('c', 30, null);
    expect(refusals.get('a')).not.toBeNull();
    expect(refusals.get('c')).not.toBeNull();
    refusals.remember('d', 30, null);
    expect(refusals.get('a')).toBeNull();
    expect(refusals.get('d')).not.toBeNull();
  });
});

describe('RefusalPause', () => {
  it('pauses each refusal, at most `most` at once; past that it answers at once', async () => {
    const pause = new RefusalPause(200, 2);
    const started = Date.now();
    const ended: number[] = [];
    const waits = [0, 1, 2].map((i) => pause.wait().then(() => (ended[i] = Date.now() - started)));
    await Promise.all(waits);
    expect(ended[0]).toBeGreaterThanOrEqual(190);
    expect(ended[1]).toBeGreaterThanOrEqual(190);
    expect(ended[2]).toBeLessThan(100);
    // Their turns over, the next one waits again.
    const again = Date.now();
    await pause.wait();
    expect(Date.now() - again).toBeGreaterThanOrEqual(190);
  });
});
