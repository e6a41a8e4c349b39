import { namesMatch, sameContent } from './agreement-rules';

describe('agreement rules', () => {
  it('a typed name matches the display name whatever its case and spacing', () => {
    expect(namesMatch('alex rivera', 'Alex Rivera')).toBe(true);
    expect(namesMatch('  ALEX   Rivera ', 'Alex Rivera')).toBe(true);
    expect(namesMatch('Alex', 'Alex Rivera')).toBe(false);
    expect(namesMatch('   ', '')).toBe(false);
  });

  it('compares items in order and the review date', () => {
    const a = {
      items: [{ category: 'other' as const, text: 'Walk on Sundays' }],
      reviewOn: '2027-01-01',
    };
    expect(sameContent(a, { ...a, items: [...a.items] })).toBe(true);
    expect(sameContent(a, { ...a, reviewOn: null })).toBe(false);
    expect(
      sameContent(a, { ...a, items: [{ category: 'check_in_rhythm', text: 'Walk on Sundays' }] }),
    ).toBe(false);
  });
});
