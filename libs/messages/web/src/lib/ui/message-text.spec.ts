import { ALEX, DANA, SAM, summary } from '../testing/fixtures';
import { audienceText, joinNames, quoteStateText, quoteText } from './message-text';

describe('audienceText', () => {
  it('says a private conversation is the client’s and their counselors’', () => {
    const t = summary({ audience: 'private', client: SAM, readers: [DANA, SAM] });
    expect(audienceText(t, 'sam')).toBe('Private · you and Dana (counselor)');
    expect(audienceText(t, 'dana')).toBe('Private · Sam and you');
    const two = summary({
      client: SAM,
      readers: [DANA, { userId: 'k', displayName: 'Kim Lee' }, SAM],
    });
    expect(audienceText(two, 'dana')).toBe('Private · Sam, you and Kim (counselor)');
    expect(audienceText(two, 'sam')).toBe('Private · you, Dana and Kim (counselors)');
  });

  it('names everyone of a joint conversation, the reader as “you”', () => {
    const t = summary({ audience: 'joint', client: null, readers: [DANA, ALEX, SAM] });
    expect(audienceText(t, 'sam')).toBe('Joint · you, Dana and Alex');
    expect(audienceText(t, 'dana')).toBe('Joint · you, Alex and Sam');
  });
});

describe('wording', () => {
  it('joins names as a sentence does', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['Alex'])).toBe('Alex');
    expect(joinNames(['Alex', 'Sam', 'Dana'])).toBe('Alex, Sam and Dana');
  });

  it('says whose agreement a quote has, and where an ask stands', () => {
    expect(quoteText({ author: SAM, sentAt: '2026-11-28T12:00:00Z' })).toBe(
      'Quoted with Sam Rivera’s agreement, from Nov 28',
    );
    const request = {
      id: 'q1',
      messageId: 'm2',
      jointThreadId: 'tj',
      jointThreadSubject: 'Our week',
      state: 'pending' as const,
      requestedBy: DANA,
      requestedAt: '2026-11-30T11:00:00Z',
      decidedAt: null,
    };
    expect(quoteStateText(request, SAM)).toBe(
      'Asked to quote in “Our week” · waiting for Sam’s answer',
    );
    expect(quoteStateText({ ...request, state: 'declined' }, SAM)).toBe('Sam kept it private');
  });
});
