import { shareExplanation } from './review-text';

describe('shareExplanation', () => {
  const member = { userId: 'u1', displayName: 'Sam' };

  it('says who can read the response now', () => {
    expect(shareExplanation({ shared: false, member, together: false }, 'Alex')).toMatch(
      /^Private: only Sam and the case’s counselors can read it\./,
    );
    expect(shareExplanation({ shared: true, member, together: false }, 'Alex')).toMatch(
      /^Alex can read this response/,
    );
  });

  it('explains that together homework needs no sharing', () => {
    expect(shareExplanation({ shared: false, member: null, together: true }, 'Alex')).toMatch(
      /visible to every member/,
    );
  });
});
