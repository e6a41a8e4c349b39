import { passwordProblem } from './password-policy';

const jordan = { email: 'jordan@harbor.example', displayName: 'Jordan Rivers' };

describe('passwordProblem', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(passwordProblem('harbor lights at dusk 42')).toBeUndefined();
    expect(passwordProblem('a brand new lantern path', jordan)).toBeUndefined();
  });

  it('enforces 12 to 128 characters', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(100) + 'y'.repeat(29))).toMatch(/at most 128/);
    // Counted as a person sees them: 12 emoji are 12 characters.
    expect(passwordProblem('🌊'.repeat(11))).toMatch(/at least 12/);
  });

  it('refuses the most common passwords, whatever their case', () => {
    expect(passwordProblem('Password1234')).toMatch(/most common/);
    expect(passwordProblem('qwertyuiopas')).toMatch(/most common/);
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/most common/);
    expect(passwordProblem('123456789012')).toMatch(/most common/);
    expect(passwordProblem('iloveyou1234')).toMatch(/most common/);
    expect(passwordProblem('!!sunshine2026')).toMatch(/most common/);
    expect(passwordProblem('monkeymonkey')).toMatch(/most common/);
    expect(passwordProblem('abcdefgh1234')).toMatch(/most common/);
  });

  it('refuses trivially repetitive passwords by their strength score, saying what to do', () => {
    for (const weak of ['mendmendmend', 'mendmendmendmend', 'harbor-harbor-harbor']) {
      expect(passwordProblem(weak, jordan)).toBe(
        'This password is too easy to guess. Repeated character patterns like "abcabcabc" are easy to guess. Add more words that are less common.',
      );
    }
  });

  it('rates words between spaces as an attacker would: without the spaces', () => {
    expect(passwordProblem('new password 2024')).toMatch(/too easy to guess/);
  });

  it('counts the name, the email address and its parts as the first guesses, naming what it found', () => {
    const both = { email: 'jordan.rivers@harbor.example', displayName: 'Jordan Rivers' };
    expect(passwordProblem('riversjordan', both)).toBe(
      'This password is too easy to guess. Words about you are guessed first, and it is built on “rivers” (your name, also in your email address). Leave those out and use a few unrelated words instead.',
    );
    // The name and the domain, not the email address (the complaint of issue 14): the message
    // says exactly that, and the email rule does not claim it.
    const nameAndDomain = passwordProblem('riversharbor', jordan);
    expect(nameAndDomain).toBe(
      'This password is too easy to guess. Words about you are guessed first, and it is built on “rivers” (your name) and “harbor” (in your email address). Leave those out and use a few unrelated words instead.',
    );
    expect(nameAndDomain).not.toMatch(/Do not put/);
    // For someone else those are just words.
    expect(passwordProblem('riversharbor', { email: 'sam@lakeside.example' }) ?? '').not.toMatch(
      /your name/,
    );
  });

  it('refuses the email address and its part before the @ under the email rule, saying which', () => {
    expect(passwordProblem('jordan@harbor.example 2026', jordan)).toBe(
      'Do not put your email address in your password. Use a few words that have nothing to do with you.',
    );
    expect(passwordProblem('x JORDAN@Harbor.Example!', jordan)).toMatch(/your email address in/);
    const dotted = { email: 'quinn.west@harbor.example', displayName: 'Quinn West' };
    expect(passwordProblem('lanterns for Quinn.West 77', dotted)).toBe(
      'Do not put “quinn.west”, the part of your email address before the @, in your password. Use a few words that have nothing to do with you.',
    );
    // A name that is not the part before the @ is not claimed by the email rule.
    const named = passwordProblem('quinn likes quiet lanterns', dotted);
    expect(named ?? '').not.toMatch(/Do not put/);
    // A part before the @ shorter than 4 characters is too common a string to forbid.
    expect(passwordProblem('sample harbor lights 42', { email: 'sam@lakeside.example' })).toBe(
      undefined,
    );
  });
});

describe('passwordProblem’s cost', () => {
  it('stays small for the longest, most random password (the estimator reads 64 characters)', () => {
    passwordProblem('warm the estimator up first');
    const random = Array.from({ length: 128 }, (_, i) => String.fromCharCode(33 + ((i * 37) % 90)));
    const started = Date.now();
    expect(passwordProblem(random.join(''))).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
