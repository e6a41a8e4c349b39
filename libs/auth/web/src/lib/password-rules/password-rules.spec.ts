import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup } from '@angular/forms';
import { PasswordRules } from './password-rules';
import { matching, newPasswordValidators, passwordErrorText } from './password-validators';

describe('PasswordRules', () => {
  function render(password: string, confirmation: string): string[] {
    const fixture = TestBed.createComponent(PasswordRules);
    fixture.componentRef.setInput('password', password);
    fixture.componentRef.setInput('confirmation', confirmation);
    fixture.detectChanges();
    return Array.from(
      fixture.nativeElement.querySelectorAll('li.met') as NodeListOf<HTMLElement>,
    ).map((li) => (li.textContent ?? '').trim());
  }

  it('ticks nothing for an empty password', () => {
    expect(render('', '')).toEqual([]);
  });

  it('ticks the length rule at 12 characters and the match rule when both agree', () => {
    expect(render('eleven-char', 'eleven-char')).toEqual([
      expect.stringContaining('Both entries match'),
    ]);
    expect(render('twelve-chars', 'twelve-charz')).toEqual([
      expect.stringContaining('12 to 128 characters'),
    ]);
    expect(render('twelve-chars', 'twelve-chars')).toHaveLength(2);
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
