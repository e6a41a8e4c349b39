import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { loadPasswordEstimator } from './password-estimator';
import { assessPassword } from '@mend/shared/contracts';
import { PasswordRules } from './password-rules';

const STRENGTH_RULE =
  'Hard to guess: strength “good” or better (your name, your email address and “Mend” are guessed first)';
import { matching, newPasswordValidators, passwordErrorText } from './password-validators';

describe('PasswordRules', () => {
  beforeAll(() => loadPasswordEstimator(), 30_000);

  async function rendered(
    password: string,
    confirmation: string,
    owner: { email?: string; displayName?: string } = {},
  ) {
    const fixture = TestBed.createComponent(PasswordRules);
    fixture.componentRef.setInput('password', password);
    fixture.componentRef.setInput('confirmation', confirmation);
    fixture.componentRef.setInput('email', owner.email);
    fixture.componentRef.setInput('displayName', owner.displayName);
    await fixture.whenStable(); // the estimator (already loaded) arrives
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const texts = (selector: string) =>
      Array.from(element.querySelectorAll(selector)).map((li) =>
        (li.firstElementChild?.nextElementSibling?.textContent ?? '').trim(),
      );
    return {
      all: texts('li'),
      met: texts('li.met'),
      unknown: texts('li.unknown'),
      strength: element.querySelector('.strength .label')?.textContent?.trim(),
      hint: element.querySelector('.strength .hint')?.textContent?.trim(),
    };
  }

  it('lists every rule the server applies before anything is typed, none ticked', async () => {
    const shown = await rendered('', '', { email: 'jordan@harbor.example' });
    expect(shown.all).toEqual([
      '12 to 128 characters',
      'Does not contain your email address, or “jordan” from it',
      'Not a common password or a simple pattern (like “abcabc” or “qwerty”)',
      STRENGTH_RULE,
      'Both entries match',
    ]);
    // The same words as the server's rules: one source for both.
    expect(shown.all.slice(0, 4)).toEqual(
      assessPassword('', { email: 'jordan@harbor.example' }).rules.map((r) => r.text),
    );
    expect(shown.met).toEqual([]);
    expect(shown.strength).toBeUndefined();
  });

  it('ticks each rule a good password keeps, and shows its strength', async () => {
    const good = 'harbor lights at dusk 42';
    const shown = await rendered(good, good, { email: 'jordan@harbor.example' });
    expect(shown.met).toEqual(shown.all);
    expect(shown.strength).toMatch(/^Strength: (good|strong)$/);
    expect(shown.hint).toBeUndefined();
  });

  it('says what makes a repetitive password weak, as the server would', async () => {
    const shown = await rendered('mendmendmendmend', '', { email: 'jordan@harbor.example' });
    expect(shown.met).toEqual([
      '12 to 128 characters',
      'Does not contain your email address, or “jordan” from it',
      'Not a common password or a simple pattern (like “abcabc” or “qwerty”)',
    ]);
    expect(shown.strength).toMatch(/^Strength: (very weak|weak)$/);
    expect(shown.hint).toBe(
      'This password is too easy to guess. Repeated character patterns like "abcabcabc" are easy to guess. Add more words that are less common.',
    );
  });

  it('checks the email address and the part before the @, not the name or the domain', async () => {
    const owner = { email: 'quinn.west@harbor.example', displayName: 'Quinn West' };
    const rule = 'Does not contain your email address, or “quinn.west” from it';
    expect((await rendered('', '', owner)).all).toContain(rule);
    expect((await rendered('quinn.west@harbor.example 77', '', owner)).met).not.toContain(rule);
    expect((await rendered('lanterns for Quinn.West 77', '', owner)).met).not.toContain(rule);
    // The name and the domain are not the email address: that rule stays ticked.
    expect((await rendered('quinn likes harbor lanterns', '', owner)).met).toContain(rule);
  });

  it('names only the whole address when the part before the @ is short', async () => {
    const shown = await rendered('', '', { email: 'al@harbor.example' });
    expect(shown.all[1]).toBe('Does not contain your email address');
  });

  it('lists the email rule where the page does not know the address, for the server to check', async () => {
    const shown = await rendered('harbor lights at dusk 42', '');
    expect(shown.unknown).toEqual([
      'Does not contain your email address, or the part of it before the @',
    ]);
  });
});

describe('password validators', () => {
  it('explains what is wrong with a new password', () => {
    const control = new FormControl('short', newPasswordValidators);
    expect(passwordErrorText(control)).toBe('Use at least 12 characters.');
    control.setErrors({ server: 'This password is one of the most common ones.' });
    expect(passwordErrorText(control)).toBe('This password is one of the most common ones.');
  });

  it('flags a confirmation that differs', () => {
    const group = new FormGroup(
      {
        password: new FormControl('harbor lights 12'),
        confirmation: new FormControl('harbor lights 13'),
      },
      { validators: matching('password', 'confirmation') },
    );
    expect(group.hasError('mismatch')).toBe(true);
    group.controls.confirmation.setValue('harbor lights 12');
    expect(group.hasError('mismatch')).toBe(false);
  });
});
