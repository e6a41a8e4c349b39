import { randomBytes } from 'node:crypto';
import { FieldEncryptionService, parseEncryptionKeys } from './field-encryption.service';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('FieldEncryptionService', () => {
  const k1 = key('k1');
  const service = new FieldEncryptionService(parseEncryptionKeys(k1));

  it('round-trips text, including non-ASCII, under the current key id', () => {
    const secret = 'I felt betrayed — and I still do. 💔';
    const stored = service.encrypt(secret, 'notes.body:1');
    expect(stored).not.toContain('betrayed');
    expect(stored.split('.')[1]).toBe('k1');
    expect(service.decrypt(stored, 'notes.body:1')).toBe(secret);
  });

  it('uses a fresh IV each time', () => {
    expect(service.encrypt('same')).not.toBe(service.encrypt('same'));
  });

  it('detects a tampered ciphertext', () => {
    const stored = service.encrypt('the plan we agreed');
    const parts = stored.split('.');
    const body = Buffer.from(parts[4], 'base64url');
    body[0] ^= 0xff;
    parts[4] = body.toString('base64url');
    expect(() => service.decrypt(parts.join('.'))).toThrow(/authentication failed/);
  });

  it('refuses a value moved to another record', () => {
    const stored = service.encrypt('private answer', 'responses.body:a');
    expect(() => service.decrypt(stored, 'responses.body:b')).toThrow(/authentication failed/);
  });

  it('re-encrypts under a new key while still reading the old one', () => {
    const oldValue = service.encrypt('kept safe', 'ctx');
    const rotated = new FieldEncryptionService(parseEncryptionKeys(`${key('k2')},${k1}`));
    expect(rotated.needsRotation(oldValue)).toBe(true);
    const newValue = rotated.reencrypt(oldValue, 'ctx');
    expect(rotated.keyIdOf(newValue)).toBe('k2');
    expect(rotated.needsRotation(newValue)).toBe(false);
    expect(rotated.decrypt(newValue, 'ctx')).toBe('kept safe');
    expect(() => service.decrypt(newValue, 'ctx')).toThrow(/not configured/);
  });

  it('rejects keys of the wrong size and duplicate ids', () => {
    expect(() => parseEncryptionKeys('k1:AAAA')).toThrow(/32 bytes/);
    expect(() => parseEncryptionKeys(`${k1},${k1}`)).toThrow(/unique/);
  });
});

describe('signed tokens', () => {
  const keys = [{ id: 'k1', key: Buffer.alloc(32, 7) }];
  const service = new FieldEncryptionService(keys);

  it('gives back the signed value for its purpose only', () => {
    const token = service.sign('user-1:homework_due', 'unsubscribe');
    expect(service.verify(token, 'unsubscribe')).toBe('user-1:homework_due');
    expect(service.verify(token, 'reset')).toBeUndefined();
  });

  it('refuses a changed value or a token under an unknown key', () => {
    const token = service.sign('user-1:homework_due', 'unsubscribe');
    const [, keyId, mac] = token.split('.');
    const forged = `${Buffer.from('user-2:homework_due').toString('base64url')}.${keyId}.${mac}`;
    expect(service.verify(forged, 'unsubscribe')).toBeUndefined();
    const other = new FieldEncryptionService([{ id: 'k9', key: Buffer.alloc(32, 7) }]);
    expect(other.verify(token, 'unsubscribe')).toBeUndefined();
  });
});
