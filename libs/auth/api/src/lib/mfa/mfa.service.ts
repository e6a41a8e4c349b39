import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransportFuture,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { randomUUID } from 'node:crypto';
import * as QRCode from 'qrcode';
import { EntityManager } from 'typeorm';
import { STEP_UP_MAX_AGE_MS, STEP_UP_REQUIRED } from '@mend/shared/contracts';
import type {
  ClinicSecuritySettings,
  MfaPolicy,
  MfaStatus,
  PasskeySummary,
  SecondFactorMethod,
  SecondFactorRequest,
  TotpSetup,
} from '@mend/shared/contracts';
import { AuditService } from '@mend/audit/api';
import {
  APP_CONFIG,
  AppConfig,
  ClinicDb,
  Clock,
  encryptionContext,
  fieldError,
  FieldEncryptionService,
} from '@mend/shared/server';
import type { Caller } from '@mend/shared/server';
import {
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  totpFor,
  totpStep,
} from './one-time-codes';

/** Wrong answers a session may give at the second step before it is ended (password again). */
const MAX_SECOND_FACTOR_FAILURES = 5;

const WRONG_ANSWER = 'That did not work. Check the code and try again.';

interface FactorRow {
  id: string;
  method: SecondFactorMethod;
  name: string | null;
  secret_enc: string | null;
  last_step: string | null;
  credential_id: string | null;
  public_key: Buffer | null;
  sign_count: string;
  transports: string[] | null;
  code_hash: string | null;
  confirmed_at: Date | null;
  last_used_at: Date | null;
  created_at: Date;
}

/**
 * A person's second factors: setting them up, proving them at sign-in and for sensitive
 * actions (step-up), and an admin's reset for someone who lost theirs. Everything runs as the
 * caller, so row-level security keeps each person to their own factors.
 */
@Injectable()
export class MfaService {
  constructor(
    private readonly db: ClinicDb,
    private readonly audit: AuditService,
    private readonly encryption: FieldEncryptionService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async status(caller: Caller): Promise<MfaStatus> {
    return this.db.run(caller, async (tx) => {
      const factors = await this.factors(tx, caller.id);
      const totp = factors.find((f) => f.method === 'totp' && f.confirmed_at);
      return {
        required: await this.required(tx, caller),
        totp: totp?.confirmed_at ? { enabledAt: totp.confirmed_at.toISOString() } : null,
        passkeys: factors.filter((f) => f.method === 'passkey').map(toPasskey),
        recoveryCodesLeft: factors.filter((f) => f.method === 'recovery_code' && !f.last_used_at)
          .length,
        givenAt: caller.secondFactorAt?.toISOString() ?? null,
      };
    });
  }

  /** A new authenticator secret; it counts only once confirmed with a code from the app. */
  async setupTotp(caller: Caller, email: string): Promise<TotpSetup> {
    this.assertMayChange(caller);
    return this.db.run(caller, async (tx) => {
      const factors = await this.factors(tx, caller.id);
      if (factors.some((f) => f.method === 'totp' && f.confirmed_at)) {
        throw new ConflictException(
          'An authenticator app is already set up. Remove it first to set up another.',
        );
      }
      await tx.query(
        `DELETE FROM second_factors WHERE user_id = $1 AND method = 'totp' AND confirmed_at IS NULL`,
        [caller.id],
      );
      const id = randomUUID();
      const secret = newTotpSecret();
      await tx.query(
        `INSERT INTO second_factors (id, clinic_id, user_id, method, secret_enc)
         VALUES ($1, $2, $3, 'totp', $4)`,
        [id, caller.clinicId, caller.id, this.encryptSecret(id, secret)],
      );
      const otpauthUrl = totpFor(secret, email).toString();
      return { secret, otpauthUrl, qrCode: await QRCode.toDataURL(otpauthUrl, { margin: 1 }) };
    });
  }

  /**
   * An authenticator set up with a known secret, confirmed at once: only for the demo clinic,
   * whose published secret lets anyone try the portal, and for tests. Runs on the system path.
   */
  async enrolKnownTotp(
    manager: EntityManager,
    user: { id: string; clinicId: string },
    secret: string,
  ): Promise<void> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO second_factors (id, clinic_id, user_id, method, secret_enc, confirmed_at)
       VALUES ($1, $2, $3, 'totp', $4, now())`,
      [id, user.clinicId, user.id, this.encryptSecret(id, secret)],
    );
  }

  /** The first code from the app turns it on; it also gives the second factor for this session. */
  async confirmTotp(caller: Caller, code: string): Promise<{ recoveryCodes: string[] }> {
    this.assertMayChange(caller);
    return this.db.run(caller, async (tx) => {
      const [pending]: FactorRow[] = await tx.query(
        `SELECT * FROM second_factors
          WHERE user_id = $1 AND method = 'totp' AND confirmed_at IS NULL FOR UPDATE`,
        [caller.id],
      );
      if (!pending) throw new NotFoundException('Start setting up the authenticator app again.');
      const step = totpStep(this.decryptSecret(pending), code, this.clock.now());
      if (step === null) throw fieldError('code', WRONG_ANSWER);
      const first = !(await this.hasFactor(tx, caller.id));
      await tx.query(
        `UPDATE second_factors SET confirmed_at = now(), last_step = $2, last_used_at = now()
          WHERE id = $1`,
        [pending.id, step],
      );
      const recoveryCodes = first ? await this.replaceRecoveryCodes(tx, caller) : [];
      await this.given(tx, caller);
      await this.record(tx, caller, 'mfa.totp_added', { method: 'totp' });
      return { recoveryCodes };
    });
  }

  async removeTotp(caller: Caller): Promise<void> {
    await this.db.run(caller, async (tx) => {
      const factors = await this.factors(tx, caller.id);
      const totp = factors.find((f) => f.method === 'totp');
      if (!totp) throw new NotFoundException('No authenticator app is set up.');
      await this.remove(tx, caller, totp, factors);
      await this.record(tx, caller, 'mfa.totp_removed', { method: 'totp' });
    });
  }

  async passkeyOptions(
    caller: Caller,
    email: string,
  ): Promise<PublicKeyCredentialCreationOptionsJSON> {
    this.assertMayChange(caller);
    return this.db.run(caller, async (tx) => {
      const passkeys = (await this.factors(tx, caller.id)).filter((f) => f.method === 'passkey');
      const options = await generateRegistrationOptions({
        rpName: 'Mend',
        rpID: this.rpId,
        userName: email,
        userID: new TextEncoder().encode(caller.id),
        attestationType: 'none',
        excludeCredentials: passkeys.map((p) => ({
          id: p.credential_id ?? '',
          transports: (p.transports ?? undefined) as AuthenticatorTransportFuture[] | undefined,
        })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
      await this.setChallenge(tx, caller, options.challenge);
      return options;
    });
  }

  async addPasskey(
    caller: Caller,
    response: Record<string, unknown>,
    name: string,
  ): Promise<{ passkey: PasskeySummary; recoveryCodes: string[] }> {
    this.assertMayChange(caller);
    return this.db.run(caller, async (tx) => {
      const challenge = await this.takeChallenge(tx, caller);
      const verification = await verifyRegistrationResponse({
        response: response as unknown as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpId,
        requireUserVerification: false,
      }).catch(() => undefined);
      if (!verification?.verified) {
        throw fieldError('response', 'This passkey could not be checked. Please try again.');
      }
      const { credential } = verification.registrationInfo;
      const first = !(await this.hasFactor(tx, caller.id));
      const id = randomUUID();
      const inserted: FactorRow[] = await tx.query(
        `INSERT INTO second_factors
           (id, clinic_id, user_id, method, name, credential_id, public_key, sign_count,
            transports, confirmed_at)
         SELECT $1, $2, $3, 'passkey', $4, $5, $6, $7, $8, now()
          WHERE NOT EXISTS (SELECT 1 FROM second_factors WHERE credential_id = $5)
         RETURNING *`,
        [
          id,
          caller.clinicId,
          caller.id,
          name,
          credential.id,
          Buffer.from(credential.publicKey),
          credential.counter,
          credential.transports ?? null,
        ],
      );
      if (inserted.length === 0) throw new ConflictException('This passkey is already set up.');
      const recoveryCodes = first ? await this.replaceRecoveryCodes(tx, caller) : [];
      await this.given(tx, caller);
      await this.record(tx, caller, 'mfa.passkey_added', { method: 'passkey' });
      return { passkey: toPasskey(inserted[0]), recoveryCodes };
    });
  }

  async removePasskey(caller: Caller, id: string): Promise<void> {
    await this.db.run(caller, async (tx) => {
      const factors = await this.factors(tx, caller.id);
      const passkey = factors.find((f) => f.method === 'passkey' && f.id === id);
      if (!passkey) throw new NotFoundException();
      await this.remove(tx, caller, passkey, factors);
      await this.record(tx, caller, 'mfa.passkey_removed', { method: 'passkey' });
    });
  }

  /** Ten new recovery codes; the old ones stop working. */
  async renewRecoveryCodes(caller: Caller): Promise<{ recoveryCodes: string[] }> {
    return this.db.run(caller, async (tx) => {
      if (!(await this.hasFactor(tx, caller.id))) {
        throw new BadRequestException('Set up an authenticator app or a passkey first.');
      }
      const recoveryCodes = await this.replaceRecoveryCodes(tx, caller);
      await this.record(tx, caller, 'mfa.recovery_codes_renewed', {});
      return { recoveryCodes };
    });
  }

  /** What the browser needs to ask the person's passkey for a signature. */
  async challenge(caller: Caller): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return this.db.run(caller, async (tx) => {
      const passkeys = (await this.factors(tx, caller.id)).filter((f) => f.method === 'passkey');
      if (passkeys.length === 0) throw new BadRequestException('You have no passkey set up.');
      const options = await generateAuthenticationOptions({
        rpID: this.rpId,
        allowCredentials: passkeys.map((p) => ({
          id: p.credential_id ?? '',
          transports: (p.transports ?? undefined) as AuthenticatorTransportFuture[] | undefined,
        })),
        userVerification: 'preferred',
      });
      await this.setChallenge(tx, caller, options.challenge);
      return options;
    });
  }

  /**
   * Checks a second factor: finishes signing in, or steps up. Each wrong answer counts against
   * the session; after five it ends, so guessing needs the password again (and its limiter).
   */
  async verify(caller: Caller, request: SecondFactorRequest): Promise<void> {
    const ok = await this.db.run(caller, async (tx) => {
      const factors = await this.factors(tx, caller.id);
      const used = await this.check(tx, caller, factors, request);
      if (!used) return false;
      await this.given(tx, caller);
      await this.record(tx, caller, 'user.second_factor_given', {
        method: request.method,
        purpose: caller.secondFactor === 'needed' ? 'sign-in' : 'step-up',
      });
      return true;
    });
    if (ok) return;
    const ended = await this.db.run(caller, async (tx) => {
      const [[row]]: [{ second_factor_failures: number }[], number] = await tx.query(
        `UPDATE login_sessions SET second_factor_failures = second_factor_failures + 1
          WHERE id = $1 RETURNING second_factor_failures`,
        [caller.sessionId],
      );
      await this.record(tx, caller, 'user.second_factor_failed', { method: request.method });
      if ((row?.second_factor_failures ?? 0) < MAX_SECOND_FACTOR_FAILURES) return false;
      await tx.query(`DELETE FROM login_sessions WHERE id = $1`, [caller.sessionId]);
      return true;
    });
    if (ended) {
      throw new UnauthorizedException('Too many wrong answers. Please sign in again.');
    }
    throw fieldError(request.method === 'passkey' ? 'response' : 'code', WRONG_ANSWER);
  }

  /**
   * An admin removes every second factor of a person in their clinic (a lost phone) and ends
   * their sessions; at the next sign-in staff set up a new one.
   */
  async reset(caller: Caller, userId: string): Promise<void> {
    if (userId === caller.id) {
      throw new ForbiddenException('Ask another admin to reset your own two-step sign-in.');
    }
    await this.db.run(caller, async (tx) => {
      const [user]: { id: string }[] = await tx.query(
        `SELECT id FROM users WHERE id = $1 AND clinic_id = $2`,
        [userId, caller.clinicId],
      );
      if (!user) throw new NotFoundException();
      await tx.query(`DELETE FROM second_factors WHERE user_id = $1`, [userId]);
      await tx.query(`DELETE FROM login_sessions WHERE user_id = $1`, [userId]);
      await this.audit.record(tx, caller, {
        action: 'mfa.reset',
        entityType: 'user',
        entityId: userId,
      });
    });
  }

  async clinicSettings(caller: Caller): Promise<ClinicSecuritySettings> {
    return this.db.run(caller, async (tx) => {
      const [row]: { mfa_policy: MfaPolicy }[] = await tx.query(
        `SELECT mfa_policy FROM clinics WHERE id = $1`,
        [caller.clinicId],
      );
      return { mfaPolicy: row.mfa_policy };
    });
  }

  async setClinicSettings(
    caller: Caller,
    settings: ClinicSecuritySettings,
  ): Promise<ClinicSecuritySettings> {
    return this.db.run(caller, async (tx) => {
      await tx.query(`UPDATE clinics SET mfa_policy = $1, updated_at = now() WHERE id = $2`, [
        settings.mfaPolicy,
        caller.clinicId,
      ]);
      await this.audit.record(tx, caller, {
        action: 'clinic.mfa_policy_changed',
        entityType: 'clinic',
        entityId: caller.clinicId,
        details: { mfaPolicy: settings.mfaPolicy },
      });
      return { mfaPolicy: settings.mfaPolicy };
    });
  }

  private async check(
    tx: EntityManager,
    caller: Caller,
    factors: FactorRow[],
    request: SecondFactorRequest,
  ): Promise<boolean> {
    if (request.method === 'totp') {
      const totp = factors.find((f) => f.method === 'totp' && f.confirmed_at);
      if (!totp) return false;
      const step = totpStep(this.decryptSecret(totp), request.code, this.clock.now());
      if (step === null) return false;
      // A code works once: the step must be newer than the last one accepted.
      const [, count]: [unknown, number] = await tx.query(
        `UPDATE second_factors SET last_step = $2, last_used_at = now()
          WHERE id = $1 AND (last_step IS NULL OR last_step < $2)`,
        [totp.id, step],
      );
      return count === 1;
    }
    if (request.method === 'recovery_code') {
      const hash = hashRecoveryCode(request.code);
      const code = factors.find((f) => f.method === 'recovery_code' && f.code_hash === hash);
      if (!code) return false;
      const [, count]: [unknown, number] = await tx.query(
        `UPDATE second_factors SET last_used_at = now() WHERE id = $1 AND last_used_at IS NULL`,
        [code.id],
      );
      if (count === 1) {
        await this.record(tx, caller, 'mfa.recovery_code_used', {
          left: factors.filter((f) => f.method === 'recovery_code' && !f.last_used_at).length - 1,
        });
      }
      return count === 1;
    }
    const response = request.response as unknown as AuthenticationResponseJSON;
    const passkey = factors.find((f) => f.method === 'passkey' && f.credential_id === response?.id);
    if (!passkey) return false;
    const challenge = await this.takeChallenge(tx, caller).catch(() => undefined);
    if (!challenge) return false;
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: this.origin,
      expectedRPID: this.rpId,
      credential: {
        id: passkey.credential_id ?? '',
        publicKey: new Uint8Array(passkey.public_key ?? []),
        counter: Number(passkey.sign_count),
        transports: (passkey.transports ?? undefined) as AuthenticatorTransportFuture[] | undefined,
      },
      requireUserVerification: false,
    }).catch(() => undefined);
    if (!result?.verified) return false;
    await tx.query(
      `UPDATE second_factors SET sign_count = $2, last_used_at = now() WHERE id = $1`,
      [passkey.id, result.authenticationInfo.newCounter],
    );
    return true;
  }

  /**
   * Adding a factor: the first one freely (setting up), any further one only with the second
   * factor given within the step-up window, so a stolen password cannot add the thief's own.
   */
  private assertMayChange(caller: Caller): void {
    if (caller.secondFactor === 'enrol' || caller.secondFactor === 'off') return;
    const givenAt = caller.secondFactorAt?.getTime() ?? 0;
    if (this.clock.now().getTime() - givenAt > STEP_UP_MAX_AGE_MS) {
      throw new ForbiddenException({
        message: 'Please confirm it is you with your second step again.',
        code: STEP_UP_REQUIRED,
      });
    }
  }

  /** Removes a factor; a person who must use one keeps at least one. */
  private async remove(
    tx: EntityManager,
    caller: Caller,
    factor: FactorRow,
    factors: FactorRow[],
  ): Promise<void> {
    const others = factors.filter(
      (f) => f.id !== factor.id && f.method !== 'recovery_code' && f.confirmed_at,
    );
    if (others.length === 0 && (await this.required(tx, caller))) {
      throw new BadRequestException(
        'Your clinic requires two-step sign-in: add another way first, then remove this one.',
      );
    }
    await tx.query(`DELETE FROM second_factors WHERE id = $1`, [factor.id]);
    if (others.length === 0) {
      await tx.query(`DELETE FROM second_factors WHERE user_id = $1 AND method = 'recovery_code'`, [
        caller.id,
      ]);
    }
  }

  private async replaceRecoveryCodes(tx: EntityManager, caller: Caller): Promise<string[]> {
    const codes = newRecoveryCodes();
    await tx.query(`DELETE FROM second_factors WHERE user_id = $1 AND method = 'recovery_code'`, [
      caller.id,
    ]);
    await tx.query(
      `INSERT INTO second_factors (clinic_id, user_id, method, code_hash, confirmed_at)
       SELECT $1, $2, 'recovery_code', h, now() FROM unnest($3::text[]) AS h`,
      [caller.clinicId, caller.id, codes.map(hashRecoveryCode)],
    );
    return codes;
  }

  /** The clock the step-up check reads, so both agree on how long ago it was. */
  private async given(tx: EntityManager, caller: Caller): Promise<void> {
    await tx.query(
      `UPDATE login_sessions
          SET second_factor_at = $2, second_factor_failures = 0, passkey_challenge = NULL
        WHERE id = $1`,
      [caller.sessionId, this.clock.now()],
    );
  }

  private async setChallenge(tx: EntityManager, caller: Caller, challenge: string): Promise<void> {
    await tx.query(`UPDATE login_sessions SET passkey_challenge = $2 WHERE id = $1`, [
      caller.sessionId,
      challenge,
    ]);
  }

  /** The session's pending challenge, used once. */
  private async takeChallenge(tx: EntityManager, caller: Caller): Promise<string> {
    const [[row]]: [{ challenge: string | null }[], number] = await tx.query(
      `UPDATE login_sessions s SET passkey_challenge = NULL
         FROM login_sessions old WHERE s.id = $1 AND old.id = s.id
       RETURNING old.passkey_challenge AS challenge`,
      [caller.sessionId],
    );
    if (!row?.challenge) throw fieldError('response', 'Please start again.');
    return row.challenge;
  }

  private async factors(tx: EntityManager, userId: string): Promise<FactorRow[]> {
    return tx.query(`SELECT * FROM second_factors WHERE user_id = $1 ORDER BY created_at, id`, [
      userId,
    ]);
  }

  private async hasFactor(tx: EntityManager, userId: string): Promise<boolean> {
    const [row]: { has: boolean }[] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM second_factors WHERE user_id = $1
                        AND method <> 'recovery_code' AND confirmed_at IS NOT NULL) AS has`,
      [userId],
    );
    return row.has;
  }

  private async required(tx: EntityManager, caller: Caller): Promise<boolean> {
    if (caller.role !== 'client') return true;
    const [row]: { mfa_policy: MfaPolicy }[] = await tx.query(
      `SELECT mfa_policy FROM clinics WHERE id = $1`,
      [caller.clinicId],
    );
    return row?.mfa_policy === 'everyone';
  }

  private record(
    tx: EntityManager,
    caller: Caller,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record(tx, caller, {
      action,
      entityType: 'user',
      entityId: caller.id,
      details,
    });
  }

  private encryptSecret(id: string, secret: string): string {
    return this.encryption.encrypt(secret, encryptionContext('second_factors', 'secret_enc', id));
  }

  private decryptSecret(row: FactorRow): string {
    return this.encryption.decrypt(
      row.secret_enc ?? '',
      encryptionContext('second_factors', 'secret_enc', row.id),
    );
  }

  private get origin(): string {
    return new URL(this.config.publicUrl).origin;
  }

  private get rpId(): string {
    return new URL(this.config.publicUrl).hostname;
  }
}

function toPasskey(row: FactorRow): PasskeySummary {
  return {
    id: row.id,
    name: row.name ?? 'Passkey',
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}
