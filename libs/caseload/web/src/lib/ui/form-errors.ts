import type { AbstractControl } from '@angular/forms';
import type { FieldError } from '@mend/shared/contracts';
import { fieldErrors } from '@mend/shared/web';

/**
 * Like `applyServerErrors`, for forms whose controls are not named exactly like the request:
 * `aliases` renames the first segment of a field path (`memberIds` → `members`).
 * Returns the errors that match no control.
 */
export function applyFieldErrors(
  form: AbstractControl,
  error: unknown,
  aliases: Record<string, string> = {},
): FieldError[] {
  const unmatched: FieldError[] = [];
  for (const field of fieldErrors(error)) {
    const [head, ...rest] = field.field.split('.');
    const control = form.get([aliases[head] ?? head, ...rest].join('.'));
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: field.reasons[0] });
      control.markAsTouched();
    } else {
      unmatched.push(field);
    }
  }
  return unmatched;
}
