import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { firstValueFrom } from 'rxjs';
import type {
  ClinicSecuritySettings,
  Me,
  MfaStatus,
  PasskeySummary,
  RecoveryCodes,
  SecondFactorRequest,
  TotpSetup,
} from '@mend/shared/contracts';

const MFA = '/api/auth/mfa';

/** The digits of an authenticator code as typed ("123 456" → "123456"). */
export function codeDigits(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/**
 * The second step of signing in: the person's own factors, giving one (to finish signing in or
 * to step up), and the admin's clinic setting. WebAuthn ceremonies themselves are in passkeys.ts.
 */
@Injectable({ providedIn: 'root' })
export class MfaApi {
  private readonly http = inject(HttpClient);

  status(): Promise<MfaStatus> {
    return firstValueFrom(this.http.get<MfaStatus>(MFA));
  }

  /** A new authenticator secret; it counts only once `confirmTotp` gets a code made from it. */
  setUpTotp(): Promise<TotpSetup> {
    return firstValueFrom(this.http.post<TotpSetup>(`${MFA}/totp/setup`, {}));
  }

  /** Recovery codes when this was the person's first factor, else an empty list. */
  confirmTotp(code: string): Promise<RecoveryCodes> {
    return firstValueFrom(this.http.post<RecoveryCodes>(`${MFA}/totp/confirm`, { code }));
  }

  removeTotp(): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`${MFA}/totp`));
  }

  passkeyOptions(): Promise<PublicKeyCredentialCreationOptionsJSON> {
    return firstValueFrom(
      this.http.post<PublicKeyCredentialCreationOptionsJSON>(`${MFA}/passkeys/options`, {}),
    );
  }

  /** Finishes registering a passkey; recovery codes when it was the person's first factor. */
  registerPasskey(
    response: Record<string, unknown>,
    name: string,
  ): Promise<{ passkey: PasskeySummary; recoveryCodes: string[] }> {
    return firstValueFrom(
      this.http.post<{ passkey: PasskeySummary; recoveryCodes: string[] }>(`${MFA}/passkeys`, {
        response,
        name,
      }),
    );
  }

  removePasskey(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(`${MFA}/passkeys/${encodeURIComponent(id)}`));
  }

  /** A new set of recovery codes; the earlier ones stop working. */
  newRecoveryCodes(): Promise<RecoveryCodes> {
    return firstValueFrom(this.http.post<RecoveryCodes>(`${MFA}/recovery-codes`, {}));
  }

  /** The options for signing with a passkey (to finish signing in, or to step up). */
  passkeyChallenge(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return firstValueFrom(
      this.http.post<PublicKeyCredentialRequestOptionsJSON>(`${MFA}/challenge`, {}),
    );
  }

  /** Gives the second factor; the answer is who is signed in, with `secondFactor: 'given'`. */
  verify(request: SecondFactorRequest): Promise<Me> {
    return firstValueFrom(this.http.post<Me>(`${MFA}/verify`, request));
  }

  clinicSecurity(): Promise<ClinicSecuritySettings> {
    return firstValueFrom(this.http.get<ClinicSecuritySettings>('/api/clinic/security'));
  }

  saveClinicSecurity(settings: ClinicSecuritySettings): Promise<ClinicSecuritySettings> {
    return firstValueFrom(this.http.put<ClinicSecuritySettings>('/api/clinic/security', settings));
  }
}
