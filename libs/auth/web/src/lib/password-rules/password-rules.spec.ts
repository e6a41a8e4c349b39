import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { loadPasswordEstimator } from './password-estimator';
import { PasswordRules } from './password-rules';
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
      'Does not contain your email address',
      'Not a common password or a simple pattern (like “abcabc” or “qwerty”)',
      'Hard to guess: strength “good” or better',
      'Both entries match',
    ]);
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
      'Does not contain your email address',
      'Not a common password or a simple pattern (like “abcabc” or “qwerty”)',
    ]);
    expect(shown.strength).toMatch(/^Strength: (very weak|weak)$/);
    expect(shown.hint).toBe(
      'This password is too easy to guess. Repeated character patterns like "abcabcabc" are easy to guess. Add more words that are less common.',
    );
  });

  it('matches the email address itself, not the person’s name', async () => {
    const owner = { email: 'jordan@harbor.example', displayName: 'Jordan Rivers' };
    expect((await rendered('jordan@harbor.example 77', '', owner)).met).not.toContain(
      'Does not contain your email address',
    );
    expect((await rendered('jordan likes quiet lanterns', '', owner)).met).toContain(
      'Does not contain your email address',
    );
  });

  it('leaves the email rule to the server where the page does not know the address', async () => {
    const shown = await rendered('harbor lights at dusk 42', '');
    expect(shown.unknown).toEqual(['Does not contain your email address']);
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
