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

  it('counts the name, the email address, its parts and "mend" as the first guesses', () => {
    expect(passwordProblem('jordanrivers', jordan)).toBe(
      'This password is too easy to guess. It is built on your name, your email address or “Mend”, which are guessed first. Leave those out and use a few unrelated words instead.',
    );
    expect(passwordProblem('harborexample', jordan)).toMatch(/your name, your email/);
    // For someone else those are just words.
    expect(passwordProblem('jordanrivers', { email: 'sam@lakeside.example' }) ?? '').not.toMatch(
      /your name, your email/,
    );
  });

  it('refuses the email address itself under the email rule, but not the person’s name', () => {
    expect(passwordProblem('jordan@harbor.example 2026', jordan)).toMatch(/email address/);
    expect(passwordProblem('x JORDAN@Harbor.Example!', jordan)).toMatch(/email address/);
    // The first name alone is not the email address: that rule does not claim it.
    const named = passwordProblem('jordan-likes-quiet-lanterns', jordan);
    expect(named ?? '').not.toMatch(/email address in your password/);
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
