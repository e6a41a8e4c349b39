import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  type ComponentRef,
  DestroyRef,
  inject,
  input,
  signal,
  viewChild,
  ViewContainerRef,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import {
  afterPassword,
  AuthStore,
  sessionDialogs,
  type SecondFactorForm,
} from '@mend/auth/data-access';
import type { Me } from '@mend/shared/contracts';

/** After the password: the second step (authenticator code, passkey or recovery code). */
@Component({
  selector: 'mend-second-step-page',
  imports: [RouterLink, MatButtonModule, MatIconModule],
  template: `
    <main class="public-page">
      <section class="public-card" aria-labelledby="second-step-title">
        <header class="brand">
          <mat-icon class="brand-mark" aria-hidden="true">spa</mat-icon>
          <span class="brand-name">Mend</span>
        </header>
        <h1 id="second-step-title">Two-step sign-in</h1>
        <p class="lead">Your password was right. Now confirm it’s you with your second step.</p>
        @if (me(); as person) {
          <p class="who" data-testid="second-step-who">
            <mat-icon aria-hidden="true">account_circle</mat-icon>
            <span>{{ person.email }}</span>
          </p>
        }
        @if (ended(); as message) {
          <p class="notice error" role="alert" data-testid="second-step-ended">
            <mat-icon aria-hidden="true">error_outline</mat-icon>{{ message }}
          </p>
          <a mat-flat-button class="submit wide" routerLink="/sign-in">Sign in again</a>
        }
        <!-- The form comes with the session dialogs' chunk (see showForm). -->
        <ng-container #factorForm />
        @if (loading()) {
          <p class="loading muted">Loading…</p>
        }
        <p class="hint">
          Lost your phone and your recovery codes? Your clinic admin can reset your two-step
          sign-in.
          <button type="button" class="text-link" (click)="signOut()" [disabled]="leaving()">
            Not you? Sign out
          </button>
        </p>
      </section>
    </main>
  `,
  styleUrls: ['../auth-page.scss', './second-step-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecondStepPage {
  private readonly store = inject(AuthStore);
  private readonly router = inject(Router);

  /** Query parameter, bound by the router: the page they were going to. */
  readonly returnUrl = input<string>();

  protected readonly me = this.store.me;
  private readonly host = viewChild.required('factorForm', { read: ViewContainerRef });
  private form: ComponentRef<SecondFactorForm> | null = null;

  protected readonly loading = signal(true);
  protected readonly leaving = signal(false);
  /** Why the half-made session ended (too many wrong answers), once it has. */
  protected readonly ended = signal<string | null>(null);

  constructor() {
    afterNextRender(() => void this.showForm());
    inject(DestroyRef).onDestroy(() => this.form?.destroy());
  }

  /** The second step's form, from the chunk that also holds the step-up dialog. */
  private async showForm(): Promise<void> {
    const { SecondFactorForm } = await sessionDialogs();
    if (this.ended()) return;
    this.form = this.host().createComponent(SecondFactorForm);
    this.form.instance.verified.subscribe((me) => void this.continue(me));
    this.form.instance.sessionEnded.subscribe((message) => this.end(message));
    this.loading.set(false);
    // Straight to typing the code, as on the password's page.
    this.form.changeDetectorRef.detectChanges();
    (this.form.location.nativeElement as HTMLElement).querySelector('input')?.focus();
  }

  protected async continue(me: Me): Promise<void> {
    await this.router.navigateByUrl(afterPassword(this.router, me, this.returnUrl()));
  }

  protected end(message: string): void {
    this.form?.destroy();
    this.form = null;
    this.loading.set(false);
    this.store.clear();
    this.ended.set(message);
  }

  protected async signOut(): Promise<void> {
    this.leaving.set(true);
    try {
      await this.store.logout();
    } finally {
      await this.router.navigate(['/sign-in']);
    }
  }
}
