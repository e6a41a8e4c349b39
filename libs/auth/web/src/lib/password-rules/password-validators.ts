import { AbstractControl, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@mend/shared/contracts';

export const newPasswordValidators = [
  Validators.required,
  Validators.minLength(PASSWORD_MIN_LENGTH),
  Validators.maxLength(PASSWORD_MAX_LENGTH),
];

/** Group validator: `confirmation` must equal `password`. */
export function matching(password: string, confirmation: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const a = group.get(password)?.value;
    const b = group.get(confirmation)?.value;
    return a && b && a !== b ? { mismatch: true } : null;
  };
}

export function passwordErrorText(control: AbstractControl): string {
  if (control.hasError('server')) return control.getError('server');
  if (control.hasError('required')) return 'Choose a password.';
  if (control.hasError('minlength')) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (control.hasError('maxlength')) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return '';
}
