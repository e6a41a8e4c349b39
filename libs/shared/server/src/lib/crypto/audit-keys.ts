import type { EncryptionKey } from './field-encryption.service';

/**
 * The secret keys the audit chain is sealed with (AUDIT_KEYS, `id:base64key[,…]`, newest
 * first). They live outside the database on purpose: whoever can write the audit table (its
 * owner, a DBA, a restored backup) can still change an event and recompute a plain hash chain,
 * but not an HMAC chain without the key. Each event records the id of the key it was sealed
 * with, so rotating is adding a new key in front: new events use it, and the old keys stay in
 * the list to verify the events sealed with them.
 */
export class AuditKeys {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: EncryptionKey[]) {
    if (keys.length === 0) throw new Error('At least one audit key is required.');
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
    this.currentKeyId = keys[0].id;
  }

  get current(): EncryptionKey {
    return { id: this.currentKeyId, key: this.keys.get(this.currentKeyId) as Buffer };
  }

  /** The key of that id, or undefined when AUDIT_KEYS no longer holds it. */
  key(id: string): Buffer | undefined {
    return this.keys.get(id);
  }
}
