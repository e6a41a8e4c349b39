import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const FORMAT = 'v1';
const IV_BYTES = 12;

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Encrypted value cannot be read: ${reason}`);
  }
}

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/**
 * Parses `id:base64key[,id:base64key…]`; the first key is the one new values are written with.
 * `label` names the variable's keys in errors (the audit chain's keys use the same format).
 */
export function parseEncryptionKeys(spec: string, label = 'Encryption key'): EncryptionKey[] {
  const keys = spec.split(',').map((part) => {
    const [id, material] = part.trim().split(':');
    const key = Buffer.from(material ?? '', 'base64');
    if (!id || key.length !== 32) {
      throw new Error(`${label} "${id ?? ''}" must be 32 bytes, base64-encoded.`);
    }
    return { id, key };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) {
    throw new Error(`${label} ids must be unique.`);
  }
  return keys;
}

/**
 * Encrypts clinical text (homework answers, session notes) before it reaches the database.
 * AES-256-GCM authenticates every value, so a changed byte is detected rather than decrypted
 * into garbage. Each value carries its key id, which lets keys rotate without downtime.
 *
 * `context` binds a value to where it lives (e.g. `session_notes.body:<id>`): a ciphertext
 * copied into another row or column fails to decrypt.
 */
export class FieldEncryptionService {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: EncryptionKey[]) {
    if (keys.length === 0) throw new Error('At least one encryption key is required.');
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKeyId = keys[0].id;
  }

  encrypt(plaintext: string, context = ''): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(this.currentKeyId), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      FORMAT,
      this.currentKeyId,
      iv.toString('base64url'),
      tag.toString('base64url'),
      body.toString('base64url'),
    ].join('.');
  }

  decrypt(value: string, context = ''): string {
    const parts = value.split('.');
    if (parts.length !== 5 || parts[0] !== FORMAT) throw new DecryptionError('unknown format');
    const [, keyId, iv, tag, body] = parts;
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key(keyId), Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      if (error instanceof DecryptionError) throw error;
      throw new DecryptionError('authentication failed');
    }
  }

  keyIdOf(value: string): string | undefined {
    const parts = value.split('.');
    return parts.length === 5 && parts[0] === FORMAT ? parts[1] : undefined;
  }

  /** True when the value is written under an older key and should be re-encrypted. */
  needsRotation(value: string): boolean {
    return this.keyIdOf(value) !== this.currentKeyId;
  }

  reencrypt(value: string, context = ''): string {
    return this.encrypt(this.decrypt(value, context), context);
  }

  /**
   * A tamper-proof token for `value` (e.g. a one-click unsubscribe link): the value and an HMAC
   * under a key derived from the current encryption key for `purpose`, so it rotates with it.
   */
  sign(value: string, purpose: string): string {
    const body = Buffer.from(value, 'utf8').toString('base64url');
    return `${body}.${this.currentKeyId}.${this.mac(this.currentKeyId, purpose, body)}`;
  }

  /** The value of a token made by `sign` for `purpose`, or undefined when it was not. */
  verify(token: string, purpose: string): string | undefined {
    const [body, keyId, mac] = token.split('.');
    if (!body || !keyId || !mac || !this.keys.has(keyId)) return undefined;
    const expected = Buffer.from(this.mac(keyId, purpose, body), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return Buffer.from(body, 'base64url').toString('utf8');
  }

  private mac(keyId: string, purpose: string, body: string): string {
    const derived = createHmac('sha256', this.key(keyId)).update(`mend-sign:${purpose}`).digest();
    return createHmac('sha256', derived).update(body).digest('base64url');
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new DecryptionError(`key "${id}" is not configured`);
    return key;
  }
}
