import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { afterPassword, AuthStore } from '@mend/auth/data-access';
import { errorMessage, fieldErrors, retryAfterSeconds } from '@mend/shared/web/api-errors';

/** A valid email address as the HTML standard (and Angular's `Validators.email`) defines it. */
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

type Field = 'email' | 'password';

/**
 * The sign-in page. It is the page most people load first, often on a phone, so it is built
 * from plain elements drawn like the Material fields of the other pages (sign-in.scss), without
 * Angular Material or Angular forms: about 50 kB (gzip) less script before the form shows
 * (`npm run bench:web`).
 */
@Component({
  selector: 'mend-sign-in',
  imports: [RouterLink],
  templateUrl: './sign-in.html',
  styleUrls: ['../auth-page.scss', './sign-in.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly expired = input<string>();

  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly hidePassword = signal(true);

  protected readonly values = signal<Record<Field, string>>({ email: '', password: '' });
  /** A field's mistakes show once it was left, or once the form was sent (as Material's do). */
  private readonly touched = signal<Record<Field, boolean>>({ email: false, password: false });
  private readonly submitted = signal(false);
  /** The server's reason per field, until the field is changed. */
  private readonly serverErrors = signal<Partial<Record<Field, string>>>({});

  private readonly problems = computed<Record<Field, string | null>>(() => {
    const { email, password } = this.values();
    const server = this.serverErrors();
    return {
      email:
        server.email ??
        (!email ? 'Enter your email.' : !EMAIL.test(email) ? 'Enter a valid email address.' : null),
      password: server.password ?? (!password ? 'Enter your password.' : null),
    };
  });

  /** The mistake to show under each field, if any. */
  protected readonly shown = computed<Record<Field, string | null>>(() => {
    const problems = this.problems();
    const touched = this.touched();
    const visible = (field: Field) => (touched[field] || this.submitted() ? problems[field] : null);
    return { email: visible('email'), password: visible('password') };
  });

  protected edit(field: Field, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.values.update((values) => ({ ...values, [field]: value }));
    this.serverErrors.update((errors) => ({ ...errors, [field]: undefined }));
  }

  protected leave(field: Field): void {
    this.touched.update((touched) => ({ ...touched, [field]: true }));
  }

  protected async submit(event: Event): Promise<void> {
    // First, whatever happens next: the form itself must never be sent by the browser.
    event.preventDefault();
    this.submitted.set(true);
    const problems = this.problems();
    if (problems.email || problems.password || this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const me = await this.store.login(this.values());
      // Staff (and whoever turned it on) give a second factor next, or set one up.
      await this.router.navigateByUrl(afterPassword(this.router, me, this.returnUrl()));
    } catch (error) {
      const reasons: Partial<Record<Field, string>> = {};
      for (const {
        field,
        reasons: [reason],
      } of fieldErrors(error))
        if (field === 'email' || field === 'password') reasons[field] = reason;
      this.serverErrors.set(reasons);
      const wait = retryAfterSeconds(error);
      this.error.set(
        wait
          ? `Too many attempts. Please wait ${wait} seconds and try again.`
          : errorMessage(error),
      );
    } finally {
      this.busy.set(false);
    }
  }
}
