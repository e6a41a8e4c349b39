import { waitingText, waitingTooLong } from './note-counts';

describe('waitingText', () => {
  const now = new Date('2026-05-20T12:00:00Z');

  it('says how long the oldest unsigned note has waited', () => {
    expect(waitingText(null, now)).toBe('–');
    expect(waitingText('2026-05-20T09:00:00Z', now)).toBe('today');
    expect(waitingText('2026-05-19T09:00:00Z', now)).toBe('1 day');
    expect(waitingText('2026-05-10T09:00:00Z', now)).toBe('10 days');
    expect(waitingText('2026-04-01T09:00:00Z', now)).toBe('7 weeks');
  });

  it('flags notes left unsigned for more than a week', () => {
    expect(waitingTooLong('2026-05-19T09:00:00Z', now)).toBe(false);
    expect(waitingTooLong('2026-05-10T09:00:00Z', now)).toBe(true);
    expect(waitingTooLong(null, now)).toBe(false);
  });
});
