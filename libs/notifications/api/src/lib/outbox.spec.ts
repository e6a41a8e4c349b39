import { Outbox, OUTBOX_QUEUE } from './outbox';

/** An outbox whose job queue answers each send when the test says so. */
function outboxWithQueue() {
  const sends: { name: string; done: () => void }[] = [];
  const jobs = {
    send: (name: string) =>
      new Promise<string>((resolve) => sends.push({ name, done: () => resolve('job') })),
  };
  const none = undefined as never;
  const outbox = new Outbox(none, jobs as never, none, none, none, none, none);
  return { outbox, sends };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Outbox.nudge', () => {
  it('folds the asks made while one is sent into one more ask after it', async () => {
    const { outbox, sends } = outboxWithQueue();
    const first = outbox.nudge();
    const meanwhile = [outbox.nudge(), outbox.nudge(), outbox.nudge()];
    expect(sends).toHaveLength(1);
    sends[0].done();
    await first;
    await settle();
    // The asks made meanwhile wait for an ask sent after theirs, so a sweep finds their rows.
    expect(sends).toHaveLength(2);
    expect(sends.every((s) => s.name === OUTBOX_QUEUE)).toBe(true);
    sends[1].done();
    await Promise.all(meanwhile);
    expect(sends).toHaveLength(2);
  });

  it('sends each ask made after the last one was sent', async () => {
    const { outbox, sends } = outboxWithQueue();
    const first = outbox.nudge();
    sends[0].done();
    await first;
    const second = outbox.nudge();
    expect(sends).toHaveLength(2);
    sends[1].done();
    await second;
  });
});
