import type { SecondFactorState } from './mfa';
import type { Role, UserStatus } from './roles';

/** Password rules shared by the sign-up form and the server. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** The header every unsafe request must carry (CSRF defence for the SPA). */
export const CSRF_HEADER = 'X-Requested-With';

/** Marks a request no person made (the bell's poll): it does not count as session activity. */
export const BACKGROUND_HEADER = 'X-Mend-Background';

/** The server records a session's activity at most this often (so an idle end is this precise). */
export const SESSION_ACTIVITY_RESOLUTION_MS = 60_000;

export interface ClinicSummary {
  id: string;
  name: string;
}

/** `GET /api/auth/me` */
export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  clinic: ClinicSummary;
  /** Where this session stands on the second step of signing in (see `SecondFactorState`). */
  secondFactor: SecondFactorState;
}

/**
 * `GET /api/auth/whoami`: who is signed in, or `me: null` when nobody is (a 200 either way, so a
 * signed-out visitor's page load has no failed request; `GET /api/auth/me` answers 401 then).
 */
export interface WhoAmI {
  me: Me | null;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface InvitationPreview {
  email: string;
  displayName: string;
  role: Role;
  clinic: ClinicSummary;
  expiresAt: string;
}

/** The name others see is the one the admin gave when inviting; only an admin changes it. */
export interface AcceptInvitationRequest {
  token: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface InviteUserRequest {
  email: string;
  displayName: string;
  role: Role;
}

export interface UserSummary {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: UserStatus;
  createdAt: string;
}

export interface InvitationSent {
  user: UserSummary;
  expiresAt: string;
  /** Whether the link goes out by mail (a mail server is configured). */
  mailed: boolean;
  /** Without a mail server: the link itself, shown once to the admin to hand over. */
  link?: string;
}
