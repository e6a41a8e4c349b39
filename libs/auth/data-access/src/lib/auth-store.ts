import { HttpClient, HttpContext, HttpContextToken, HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  InvitationPreview,
  LoginRequest,
  Me,
  PasswordResetConfirm,
  SecondFactorRequest,
  WhoAmI,
} from '@mend/shared/contracts';

/** Requests whose 401 is an expected answer, not an expired session. */
export const EXPECTS_UNAUTHORIZED = new HttpContextToken<boolean>(() => false);
const quiet = () => ({ context: new HttpContext().set(EXPECTS_UNAUTHORIZED, true) });

/**
 * Who is signed in. The session itself lives in an HttpOnly cookie the app cannot read; this
 * store only keeps the `me` answer in memory (nothing in localStorage/sessionStorage).
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly state = signal<Me | null | undefined>(undefined);

  readonly me = this.state.asReadonly();
  readonly role = computed(() => this.state()?.role);
  readonly signedIn = computed(() => !!this.state());
  /** Where this session stands on the second step; undefined while nobody is signed in. */
  readonly secondFactor = computed(() => this.state()?.secondFactor);

  /**
   * Asks the API once who is signed in (null when nobody). `whoami` answers 200 either way, so
   * a signed-out page (sign-in, an invitation, a reset link) loads without a failed request.
   */
  async load(): Promise<Me | null> {
    const known = this.state();
    if (known !== undefined) return known;
    try {
      const { me } = await firstValueFrom(this.http.get<WhoAmI>('/api/auth/whoami', quiet()));
      this.state.set(me);
    } catch {
      this.state.set(null);
    }
    return this.state() ?? null;
  }

  async login(request: LoginRequest): Promise<Me> {
    const me = await firstValueFrom(this.http.post<Me>('/api/auth/login', request, quiet()));
    this.state.set(me);
    return me;
  }

  /**
   * Signs in again after the session ended, on the page the person was on. Only the same person
   * replaces the `me` in memory; someone else's answer is returned for the caller to handle (the
   * page still shows the first person's work).
   */
  async signInAgain(request: LoginRequest): Promise<Me> {
    const me = await firstValueFrom(this.http.post<Me>('/api/auth/login', request, quiet()));
    if (me.id === this.state()?.id) this.state.set(me);
    return me;
  }

  /**
   * Gives the second factor (to finish signing in, or to step up). Only the same person replaces
   * the `me` in memory, as with `signInAgain`.
   */
  async verifySecondFactor(request: SecondFactorRequest): Promise<Me> {
    const me = await firstValueFrom(this.http.post<Me>('/api/auth/mfa/verify', request, quiet()));
    const known = this.state();
    if (!known || me.id === known.id) this.state.set(me);
    return me;
  }

  /** Asks the API again who is signed in (the second step changed: set up, given, reset). */
  async refresh(): Promise<Me | null> {
    try {
      this.state.set(await firstValueFrom(this.http.get<Me>('/api/auth/me', quiet())));
    } catch (error) {
      // Only the API saying so ends the session here; a network hiccup keeps what is known.
      if (error instanceof HttpErrorResponse && error.status === 401) this.state.set(null);
      else throw error;
    }
    return this.state() ?? null;
  }

  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.http.post<void>('/api/auth/logout', {}, quiet()));
    } finally {
      this.state.set(null);
    }
  }

  previewInvitation(token: string): Promise<InvitationPreview> {
    return firstValueFrom(
      this.http.post<InvitationPreview>('/api/auth/invitations/preview', { token }, quiet()),
    );
  }

  async acceptInvitation(request: AcceptInvitationRequest): Promise<Me> {
    const me = await firstValueFrom(
      this.http.post<Me>('/api/auth/invitations/accept', request, quiet()),
    );
    this.state.set(me);
    return me;
  }

  /** Always the same answer whether or not the address has an account (429 when throttled). */
  requestPasswordReset(email: string): Promise<{ message: string }> {
    return firstValueFrom(
      this.http.post<{ message: string }>('/api/auth/password-reset', { email }, quiet()),
    );
  }

  /** Sets the new password from a reset link; the person is signed in. */
  async confirmPasswordReset(request: PasswordResetConfirm): Promise<Me> {
    const me = await firstValueFrom(
      this.http.post<Me>('/api/auth/password-reset/confirm', request, quiet()),
    );
    this.state.set(me);
    return me;
  }

  changePassword(request: ChangePasswordRequest): Promise<void> {
    return firstValueFrom(this.http.post<void>('/api/auth/password', request));
  }

  /** Forgets the user after the API said the session is over. */
  clear(): void {
    this.state.set(null);
  }
}
