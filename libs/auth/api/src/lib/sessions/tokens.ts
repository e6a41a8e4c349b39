import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: the secret half of a session cookie or invitation link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored hashed: a leaked table does not let anyone sign in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
