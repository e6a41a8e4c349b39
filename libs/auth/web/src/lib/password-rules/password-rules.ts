import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@mend/shared/contracts';

/** The password rules, ticked off live as the person types. */
@Component({
  selector: 'mend-password-rules',
  imports: [MatIconModule],
  template: `
    <ul class="rules" aria-label="Password rules">
      @for (rule of rules(); track rule.text) {
        <li [class.met]="rule.met">
          <mat-icon aria-hidden="true">{{
            rule.met ? 'check_circle' : 'radio_button_unchecked'
          }}</mat-icon>
          <span>{{ rule.text }}</span>
          <span class="cdk-visually-hidden">{{ rule.met ? '(done)' : '(not yet)' }}</span>
        </li>
      }
      <li class="note">
        <mat-icon aria-hidden="true">info</mat-icon>
        <span>Not one of the most common passwords; a few unrelated words work well.</span>
      </li>
    </ul>
  `,
  styles: `
    .rules {
      list-style: none;
      margin: 0 0 16px;
      padding: 0;
      display: grid;
      gap: 6px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    li {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    mat-icon {
      flex: none;
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    li.met {
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordRules {
  readonly password = input('');
  readonly confirmation = input('');

  protected readonly rules = computed(() => {
    const length = [...this.password()].length;
    return [
      {
        text: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
        met: length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH,
      },
      { text: 'Both entries match', met: length > 0 && this.password() === this.confirmation() },
    ];
  });
}
