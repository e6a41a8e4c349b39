import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts a long, uncommon passphrase', () => {
    expect(passwordProblem('harbor lights at dusk 42')).toBeUndefined();
  });

  it('enforces 12 to 128 characters', () => {
    expect(passwordProblem('short-pass1')).toMatch(/at least 12/);
    expect(passwordProblem('x'.repeat(100) + 'y'.repeat(29))).toMatch(/at most 128/);
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

  it('refuses a password built on the email address', () => {
    expect(passwordProblem('jordan-rivers-2026', 'jordan@harbor.example')).toMatch(/email/);
  });
});
