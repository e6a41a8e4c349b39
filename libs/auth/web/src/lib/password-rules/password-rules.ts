import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import {
  assessPassword,
  PASSWORD_STRENGTH_LABELS,
  type PasswordEstimator,
} from '@mend/shared/contracts';
import { loadPasswordEstimator } from './password-estimator';

interface ShownRule {
  text: string;
  /** null: cannot be told here (yet); the server checks it when the form is sent. */
  met: boolean | null;
}

/**
 * Every rule the server applies to a new password, listed before anything is typed and ticked
 * off live, with a strength hint from the same estimator as the server's (loaded lazily).
 */
@Component({
  selector: 'mend-password-rules',
  imports: [MatIconModule],
  template: `
    <ul class="rules" aria-label="Password rules">
      @for (rule of rules(); track rule.text) {
        <li [class.met]="rule.met === true" [class.unknown]="rule.met === null">
          <mat-icon aria-hidden="true">{{
            rule.met === true
              ? 'check_circle'
              : rule.met === null
                ? 'help_outline'
                : 'radio_button_unchecked'
          }}</mat-icon>
          <span>{{ rule.text }}</span>
          <span class="cdk-visually-hidden">{{
            rule.met === true
              ? '(done)'
              : rule.met === null
                ? '(checked when you save)'
                : '(not yet)'
          }}</span>
        </li>
      }
    </ul>
    @if (strength(); as shown) {
      <div class="strength" [attr.data-score]="shown.score" aria-live="polite">
        <span class="meter" aria-hidden="true">
          @for (step of steps; track step) {
            <span [class.on]="step <= shown.score"></span>
          }
        </span>
        <span class="label">Strength: {{ shown.label }}</span>
        @if (shown.hint) {
          <p class="hint">{{ shown.hint }}</p>
        }
      </div>
    }
  `,
  styles: `
    .rules {
      list-style: none;
      margin: 0 0 8px;
      padding: 0;
      display: grid;
      gap: 6px;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    /* The icon in a column of its own, beside the first line of the rule's text: it keeps its
       whole size however the text wraps, and nothing around it cuts it off. */
    li {
      display: grid;
      grid-template-columns: 20px minmax(0, 1fr);
      align-items: start;
      column-gap: 8px;
    }
    mat-icon {
      width: 20px;
      height: 20px;
      font-size: 18px;
      line-height: 20px;
      text-align: center;
      overflow: visible;
    }
    li.met {
      color: var(--mat-sys-primary);
    }
    .strength {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      margin: 0 0 16px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .hint {
      flex-basis: 100%;
      margin: 0;
    }
    .meter {
      flex: none;
      display: inline-flex;
      gap: 2px;
    }
    .meter span {
      width: 14px;
      height: 4px;
      border-radius: 2px;
      background: var(--mat-sys-outline-variant);
    }
    .meter span.on {
      background: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordRules {
  readonly password = input('');
  readonly confirmation = input('');
  /** The account's email and name, when the page knows them (the rules and hint use them). */
  readonly email = input<string | undefined>(undefined);
  readonly displayName = input<string | undefined>(undefined);

  protected readonly steps = [0, 1, 2, 3, 4];
  private readonly estimator = signal<PasswordEstimator | undefined>(undefined);

  constructor() {
    loadPasswordEstimator().then(
      (estimator) => this.estimator.set(estimator),
      () => undefined, // offline: the rules stay "checked when you save"
    );
  }

  private readonly assessment = computed(() =>
    assessPassword(
      this.password(),
      { email: this.email(), displayName: this.displayName() },
      this.estimator(),
    ),
  );

  protected readonly rules = computed<ShownRule[]>(() => {
    const password = this.password();
    return [
      ...this.assessment().rules.map(({ text, met }) => ({ text, met })),
      { text: 'Both entries match', met: password.length > 0 && password === this.confirmation() },
    ];
  });

  protected readonly strength = computed(() => {
    const { score, hint } = this.assessment();
    return score === undefined ? null : { score, label: PASSWORD_STRENGTH_LABELS[score], hint };
  });
}
