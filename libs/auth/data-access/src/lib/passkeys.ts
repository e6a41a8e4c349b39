import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

/** A passkey ceremony that did not finish, in words a person can act on. */
export class PasskeyError extends Error {}

// The WebAuthn helper is loaded only when someone actually uses a passkey.
const webauthn = () => import('@simplewebauthn/browser');

/** Why the browser refused, for the person (the browser's own messages are for developers). */
function passkeyProblem(error: unknown, registering: boolean): PasskeyError {
  const name = error instanceof Error ? error.name : '';
  const code = (error as { code?: string } | null)?.code ?? '';
  if (name === 'NotAllowedError' || code === 'ERROR_CEREMONY_ABORTED')
    return new PasskeyError(
      registering
        ? 'No passkey was made: the request was cancelled or timed out. Try again when you are ready.'
        : 'No passkey was used: the request was cancelled or timed out, or this device has no passkey for Mend.',
    );
  if (name === 'InvalidStateError' || code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
    return new PasskeyError('This device already holds a passkey for your Mend account.');
  if (name === 'SecurityError')
    return new PasskeyError('Passkeys work only when Mend is opened at its own secure address.');
  return new PasskeyError(
    'Passkeys are not available in this browser. Use your authenticator app instead.',
  );
}

/** Whether this browser can make and use passkeys at all. */
export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';
}

/** Makes a passkey on this device (or a security key); the answer goes to the server as is. */
export async function createPasskey(
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
): Promise<Record<string, unknown>> {
  try {
    const { startRegistration } = await webauthn();
    return (await startRegistration({ optionsJSON })) as unknown as Record<string, unknown>;
  } catch (error) {
    throw passkeyProblem(error, true);
  }
}

/** Signs the server's challenge with one of the person's passkeys. */
export async function usePasskey(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
): Promise<Record<string, unknown>> {
  try {
    const { startAuthentication } = await webauthn();
    return (await startAuthentication({ optionsJSON })) as unknown as Record<string, unknown>;
  } catch (error) {
    throw passkeyProblem(error, false);
  }
}

/** The message of a passkey problem, or null when the error is something else (an API answer). */
export function passkeyMessage(error: unknown): string | null {
  return error instanceof PasskeyError ? error.message : null;
}
