/**
 * Two-step sign-in: a second factor after the password. Staff (admins, counselors) always use
 * one; a clinic may require it of clients too; any client may turn it on for themselves.
 */

/** How a person proves the second step. There are no SMS or email codes. */
export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery_code';

/**
 * Where this session stands on the second step (`Me.secondFactor`):
 * - `off`: the person has no second factor and none is required;
 * - `given`: the second factor was given in this session;
 * - `needed`: the password was right; a second factor must be given before anything else;
 * - `enrol`: the password was right; a second factor must be set up before anything else.
 */
export type SecondFactorState = 'off' | 'given' | 'needed' | 'enrol';

/** Sensitive actions ask for the second factor again when it was given longer ago than this. */
export const STEP_UP_MAX_AGE_MS = 15 * 60_000;

/** A 403 answer's `code` when the sign-in's second step is missing (see `Me.secondFactor`). */
export const SECOND_FACTOR_REQUIRED = 'second_factor_required';

/** A 403 answer's `code` when a sensitive action needs the second factor given again. */
export const STEP_UP_REQUIRED = 'step_up_required';

export const RECOVERY_CODE_COUNT = 10;

/** Who must use a second factor in a clinic: staff always; the setting can only add clients. */
export type MfaPolicy = 'staff' | 'everyone';

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** `GET /api/auth/mfa`: the caller's own second factors. */
export interface MfaStatus {
  /** Whether this person must have a second factor (staff, or the clinic requires it). */
  required: boolean;
  totp: { enabledAt: string } | null;
  passkeys: PasskeySummary[];
  recoveryCodesLeft: number;
  /** When the second factor was last given in this session (step-up counts from it). */
  givenAt: string | null;
}

/** `POST /api/auth/mfa/totp/setup`: a new authenticator secret, not active until confirmed. */
export interface TotpSetup {
  /** Base32, for typing into an app when the QR code cannot be scanned. */
  secret: string;
  otpauthUrl: string;
  /** `data:image/png;base64,…` of the otpauth URL (no third party sees the secret). */
  qrCode: string;
}

/** `POST /api/auth/mfa/totp/confirm` body: the first code the app shows. */
export interface TotpConfirmRequest {
  code: string;
}

/**
 * Answer of anything that creates the first factor or new recovery codes: the codes, shown
 * once (the server keeps only their hashes).
 */
export interface RecoveryCodes {
  recoveryCodes: string[];
}

/** `POST /api/auth/mfa/verify`: give the second factor (to finish signing in, or step up). */
export type SecondFactorRequest =
  | { method: 'totp'; code: string }
  | { method: 'recovery_code'; code: string }
  /** `response`: the `AuthenticationResponseJSON` from `@simplewebauthn/browser`. */
  | { method: 'passkey'; response: Record<string, unknown> };

/** `POST /api/auth/mfa/passkeys` body: finish registering a passkey. */
export interface PasskeyRegistrationRequest {
  /** The `RegistrationResponseJSON` from `@simplewebauthn/browser`'s `startRegistration`. */
  response: Record<string, unknown>;
  /** The person's own word for the device, e.g. "Work laptop". */
  name: string;
}

/** `GET/PUT /api/clinic/security` (admins). */
export interface ClinicSecuritySettings {
  mfaPolicy: MfaPolicy;
}
